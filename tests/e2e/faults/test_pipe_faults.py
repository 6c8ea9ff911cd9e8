"""A reader that stops early (`mdm export ... | head`) ends the export quietly."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.test_ingest_faults import ingest


def test_export_into_head_ends_quietly(cli: Cli, small_extract: Path) -> None:
    ingest(cli, small_extract)
    export = subprocess.Popen(
        [*MDM, "export", "xref", "--entity", "customer"], env=cli.env, cwd=cli.cwd,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert export.stdout is not None
    head = export.stdout.readline()
    export.stdout.close()  # what `head -1` does once it has its line
    _, err = export.communicate(timeout=120)
    assert head.startswith(b"source,source_id,golden_id")
    assert err.decode().strip().startswith("note:") or not err.strip(), err.decode()
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert export.returncode == 141
