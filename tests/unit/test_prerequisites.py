"""tools/prerequisites.sh, which `make` runs first: it says what is missing and how to get it,
and lets the target go on when nothing is."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = ROOT / "tools" / "prerequisites.sh"


def closed_port() -> int:
    """A port nothing listens on once the probe is closed."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def check(
    need: str, path: str, python: str = sys.executable, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/sh", str(SCRIPT), need], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": path, "PYTHON": python, **env},
    )  # fmt: skip


def only_python(tmp_path: Path) -> str:
    """A PATH that holds Python and nothing else (no npm)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "python3").symlink_to(sys.executable)
    return str(folder)


def test_a_machine_with_everything_passes() -> None:
    assert shutil.which("npm"), "this test needs npm on PATH"
    done = check("run", os.environ["PATH"])
    assert (done.returncode, done.stderr) == (0, "")


def test_what_is_missing_is_named_with_how_to_get_it(tmp_path: Path) -> None:
    broker, database = closed_port(), closed_port()
    done = check(
        "test", only_python(tmp_path),
        MDM_BROKER_URL=f"amqp://guest:guest@127.0.0.1:{broker}//",
        MDM_DATABASE_URL=f"postgresql://postgres@127.0.0.1:{database}/mdm",
    )  # fmt: skip
    assert done.returncode == 1
    assert "missing prerequisite: npm" in done.stderr and "apt-get install -y npm" in done.stderr
    assert f"RabbitMQ at 127.0.0.1:{broker}" in done.stderr
    assert f"PostgreSQL at 127.0.0.1:{database} (MDM_DATABASE_URL)" in done.stderr
    assert "see README.md, 'Prerequisites'" in done.stderr


def test_an_old_python_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "python3.9"
    old.write_text('#!/bin/sh\n[ "$1" = -V ] && echo "Python 3.9.2" && exit 0\nexit 1\n')
    old.chmod(0o755)
    done = check("run", os.environ["PATH"], python=str(old))
    assert done.returncode == 1
    assert f"Python 3.11 or newer ({old} is Python 3.9.2)" in done.stderr
