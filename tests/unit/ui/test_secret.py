"""The session secret: the configured one, else one generated on first run and kept."""

from __future__ import annotations

import stat
from pathlib import Path

from mdm.auth.secret import SECRET_FILE, session_secret
from mdm.settings import Settings


def test_a_secret_is_generated_once_kept_private_and_reused(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", secret_key=None)
    first = session_secret(settings)
    kept = tmp_path / "home" / SECRET_FILE
    assert len(first) >= 48 and kept.read_text().strip() == first
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert session_secret(settings) == first
    other = session_secret(Settings(home=tmp_path / "elsewhere", secret_key=None))
    assert other != first


def test_a_configured_secret_wins_and_nothing_is_written(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, secret_key="from-the-environment")
    assert session_secret(settings) == "from-the-environment"
    assert not (tmp_path / SECRET_FILE).exists()


def test_there_is_no_fixed_default() -> None:
    assert Settings.model_fields["secret_key"].default is None
