"""End-to-end fixtures: the real ``mdm`` command against its own fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, drop_database, fresh_database_url

MDM = [sys.executable, "-m", "mdm.cli.main"]


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
