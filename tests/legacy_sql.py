"""A legacy finance system's customer table on the local PostgreSQL or MariaDB server, for the
SQL connector's tests; each test gets its own table (and, on PostgreSQL, its own database)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, create_engine, text

from tests.conftest import drop_database, fresh_database_url

MARIADB_URL = os.environ.get("MDM_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
TABLE_SQL = """
    CREATE TABLE {name} (
        golden_id varchar(36) PRIMARY KEY,
        name varchar(200) NOT NULL,
        tax_id varchar(32),
        city varchar(100),
        country varchar(2),
        active boolean NOT NULL DEFAULT true,
        updated_at {timestamp} NOT NULL,
        updated_by varchar(32) NOT NULL
    )
"""


@dataclass(frozen=True)
class Legacy:
    url: str
    table: str
    engine: Engine

    def settings(self) -> dict[str, str]:
        return {"url": self.url, "table": self.table}

    def rows(self) -> list[dict[str, object]]:
        with self.engine.connect() as conn:
            found = conn.execute(text(f"SELECT * FROM {self.table} ORDER BY golden_id"))
            return [dict(r._mapping) for r in found]

    def clerk_moves(self, golden_id: object, city: str) -> None:
        """The finance system's own user changes a customer's city, as its screens would."""
        with self.engine.begin() as conn:
            conn.execute(
                text(f"UPDATE {self.table} SET city = :city, updated_by = 'finance', "
                     "updated_at = :now WHERE golden_id = :g"),
                {"city": city, "now": datetime.now(UTC).replace(tzinfo=None), "g": golden_id},
            )  # fmt: skip


@pytest.fixture(params=["postgresql", "mariadb"])
def legacy(request: pytest.FixtureRequest) -> Iterator[Legacy]:
    table = f"customers_{uuid.uuid4().hex[:8]}"
    if request.param == "postgresql":
        url = fresh_database_url("legacy_finance")
        engine = create_engine(url)
        timestamp = "timestamp(6)"
    else:
        url, engine, timestamp = MARIADB_URL, create_engine(MARIADB_URL), "datetime(6)"
    with engine.begin() as conn:
        conn.execute(text(TABLE_SQL.format(name=table, timestamp=timestamp)))
    try:
        yield Legacy(url, table, engine)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP TABLE {table}"))
        engine.dispose()
        if request.param == "postgresql":
            drop_database(url)
