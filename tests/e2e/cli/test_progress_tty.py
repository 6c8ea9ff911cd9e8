"""`mdm ingest` and `mdm match` draw progress bars on a terminal, and only there."""

from __future__ import annotations

import os
import pty
import subprocess

from tests.e2e.conftest import MDM, Cli

BODY = "source_id,name,country\n" + "".join(f"K{n},Firm {n} Ltd,GB\n" for n in range(300))


def _on_terminal(cli: Cli, *args: str) -> tuple[int, str, str]:
    """Run mdm with standard error on a pseudo-terminal; (status, stdout, what the tty got)."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [*MDM, *args], env=cli.env, cwd=cli.cwd, stdout=subprocess.PIPE, stderr=follower,
        text=True,
    ) as process:  # fmt: skip
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            seen += chunk
        stdout = process.stdout.read() if process.stdout else ""
        status = process.wait(timeout=300)
    os.close(leader)
    return status, stdout, seen.decode(errors="replace")


def test_long_commands_draw_bars_on_a_terminal_but_not_into_pipes(cli: Cli) -> None:
    extract = cli.cwd / "crm.csv"
    extract.write_text(BODY, encoding="utf-8")
    status, stdout, tty = _on_terminal(
        cli, "ingest", str(extract), "--source", "acme_crm", "--entity", "customer"
    )
    assert status == 0 and "300 new" in stdout
    assert "acme_crm/customer: checking and writing rows" in tty and "300/300" in tty
    status, stdout, tty = _on_terminal(cli, "match", "--entity", "customer")
    assert status == 0 and "match customer: " in tty and "done" in tty
    piped = cli("ingest", str(extract), "--source", "acme_erp", "--entity", "customer")
    assert "checking and writing" not in piped.stderr + piped.stdout
