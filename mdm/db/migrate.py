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


MIGRATION_LOCK = 16_002  # advisory lock: one process migrates a database at a time


def upgrade(engine: Engine) -> None:
    """Bring the schema to head. Two commands started at once on a new database take turns:
    the second finds the schema at head once the first has committed it."""
    if at_head(engine):
        return
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
