"""Apply the Alembic revisions programmatically (the CLI, the app and the tests use this).

Every command opens the database through here, so the common case, a schema already at the
newest revision, is answered with one query and without importing Alembic.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import ProgrammingError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
REVISION_FILES = "[0-9][0-9][0-9][0-9]_*.py"  # a revision's id is its file's four-digit prefix


def head_revision() -> str:
    """The newest revision's id, read from the file names (a test holds Alembic to it)."""
    return max(path.name[:4] for path in (MIGRATIONS / "versions").glob(REVISION_FILES))


def at_head(engine: Engine) -> bool:
    with engine.connect() as conn:
        try:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
            return list(current) == [head_revision()]
        except ProgrammingError:  # no alembic_version table: a new database
            return False


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    if at_head(engine):
        return
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
