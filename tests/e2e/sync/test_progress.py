"""`mdm sync run` on a terminal draws a progress bar per system; in a pipe it prints lines."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

import yaml

from tests.e2e.conftest import MDM, Cli
from tests.integration.sync.scenario import CRM, HEADER


def test_a_terminal_gets_a_bar_per_system_and_a_pipe_gets_lines(cli: Cli, tmp_path: Path) -> None:
    extract = tmp_path / "crm.csv"
    extract.write_text(HEADER + CRM)
    cli("ingest", str(extract), "--source", "crm", "--entity", "customer", check=True)
    cli("match", "--entity", "customer", check=True)  # here, whether or not a broker is set
    config = tmp_path / "files.yaml"
    config.write_text(
        yaml.safe_dump(
            {"connector": "csv", "folder": str(tmp_path / "out"), "entities": ["customer"]}
        )
    )
    cli("source", "register", "files", "--config", str(config), check=True)
    main, terminal = pty.openpty()
    done = subprocess.run([*MDM, "sync", "run"], env={**cli.env, "COLUMNS": "100"}, cwd=cli.cwd,
                          stdout=subprocess.PIPE, stderr=terminal, timeout=120, check=False)  # fmt: skip
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(main)
    assert done.returncode == 0
    assert b"files/customer" in drawn and b"100%" in drawn
    assert b"files/customer: 4 created" in done.stdout
    piped = cli("sync", "run", check=True)
    assert piped.stderr == "" and "nothing due" in piped.stdout
