"""A new database is migrated to the newest revision; one already there is left alone."""

from __future__ import annotations

from sqlalchemy import Engine, text

from mdm.db import migrate
from mdm.db.engine import make_engine
from tests.conftest import drop_database, fresh_database_url


def test_a_new_database_is_brought_to_head_and_then_recognised_as_current(
    engine: Engine,
) -> None:
    assert migrate.at_head(engine)
    url = fresh_database_url("mdm_migrate")
    fresh = make_engine(url, pool_size=1)
    try:
        assert not migrate.at_head(fresh)
        migrate.upgrade(fresh)
        assert migrate.at_head(fresh)
        with fresh.connect() as conn:
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert current == migrate.head_revision()
    finally:
        fresh.dispose()
        drop_database(url)
