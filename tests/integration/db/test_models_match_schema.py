"""The ORM classes the hub keeps (mdm/db/models.py) are the migrated tables: Alembic's
compare_metadata finds no difference between them and a database brought to head."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from mdm.db import models
from mdm.db.base import Base


def _mapped(obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any) -> bool:
    """Only the tables the ORM maps (the other tables are the repositories' SQL's)."""
    table = obj if kind == "table" else getattr(obj, "table", None)
    table_name = name if kind == "table" else getattr(table, "name", None)
    return table_name in Base.metadata.tables


def _differences(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _mapped, "compare_type": True}
        )
        return list(compare_metadata(context, Base.metadata))


def test_the_orm_classes_equal_the_migrated_tables(engine: Engine) -> None:
    assert set(Base.metadata.tables) == {"source_system", "ingest_run"}
    assert models.SourceSystem.__tablename__ in Base.metadata.tables
    assert _differences(engine) == []
