"""The SQL connector against real PostgreSQL and MariaDB tables (a legacy finance system):
upsert by the golden id column, one bad row refused alone, the finance system's own edits
read back and the hub's not, an unreachable server reported as unavailable."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from connectors.protocol import Deactivation, OutboundRecord, Outcome, TargetUnavailable
from connectors.sql.connector import Settings, SqlConnector
from tests.legacy_sql import Legacy

ACME = {"name": "Acme Consulting", "tax_id": "FR40303265045", "city": "Paris", "country": "FR"}


def connector(legacy: Legacy) -> SqlConnector:
    return SqlConnector(Settings(**legacy.settings()), create_engine(legacy.url))


def gid() -> str:
    return str(uuid.uuid4())


def test_rows_are_upserted_by_golden_id_and_deactivated(legacy: Legacy) -> None:
    target = connector(legacy)
    a, b = gid(), gid()
    first = target.write(
        "customer", [OutboundRecord(a, ACME), OutboundRecord(b, {**ACME, "name": "B"})]
    )
    assert [r.outcome for r in first] == [Outcome.CREATED, Outcome.CREATED]
    again = target.write("customer", [OutboundRecord(a, {**ACME, "city": "Lyon", "extra": "x"})])
    assert again[0].outcome is Outcome.UPDATED
    target.deactivate("customer", [Deactivation(b, b)])
    rows = {r["golden_id"]: r for r in legacy.rows()}
    assert len(rows) == 2 and rows[a]["city"] == "Lyon" and rows[a]["updated_by"] == "mdm-hub"
    assert not rows[b]["active"] and rows[a]["active"]
    target.close()


def test_one_bad_row_is_refused_alone(legacy: Legacy) -> None:
    target = connector(legacy)
    good, bad = gid(), gid()
    results = target.write(
        "customer", [OutboundRecord(good, ACME), OutboundRecord(bad, {**ACME, "country": "FRA"})]
    )
    by_id = {r.golden_id: r for r in results}
    assert by_id[good].outcome is Outcome.CREATED
    assert by_id[bad].outcome is Outcome.REJECTED and by_id[bad].reason
    assert [r["golden_id"] for r in legacy.rows()] == [good]
    target.close()


def test_the_finance_systems_edits_are_read_and_the_hubs_writes_are_not(legacy: Legacy) -> None:
    target = connector(legacy)
    a, b = sorted([gid(), gid()])
    target.write("customer", [OutboundRecord(a, ACME), OutboundRecord(b, ACME)])
    first = target.read("customer", {})
    assert first.records == []
    with legacy.engine.begin() as conn:
        conn.execute(
            text(f"UPDATE {legacy.table} SET name = 'Acme SA', updated_by = 'finance', "
                 "updated_at = :now WHERE golden_id = :g"),
            {"now": datetime.now(UTC).replace(tzinfo=None), "g": b},
        )  # fmt: skip
    changed = target.read("customer", first.state)
    assert [(r.target_id, r.values["name"]) for r in changed.records] == [(b, "Acme SA")]
    assert target.read("customer", changed.state).records == []
    target.close()


def test_an_unreachable_server_is_unavailable_not_a_rejection(legacy: Legacy) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/none"
    target = SqlConnector(Settings(url=url, table=legacy.table), create_engine(url))
    with pytest.raises(TargetUnavailable):
        target.write("customer", [OutboundRecord(gid(), ACME)])


def test_a_row_changed_since_the_hubs_write_is_a_conflict_and_its_read_version_writes(
    legacy: Legacy,
) -> None:
    target = connector(legacy)
    a, b = sorted([gid(), gid()])
    first = target.write("customer", [OutboundRecord(a, ACME), OutboundRecord(b, ACME)])
    assert all(r.target_version for r in first)  # the row's updated-at as the database holds it
    versions = {r.golden_id: r.target_version for r in first}
    with legacy.engine.begin() as conn:
        conn.execute(
            text(f"UPDATE {legacy.table} SET name = 'Acme SA', updated_by = 'finance', "
                 "updated_at = :now WHERE golden_id = :g"),
            {"now": datetime.now(UTC).replace(tzinfo=None), "g": a},
        )  # fmt: skip
    lyon = {**ACME, "city": "Lyon"}
    again = target.write("customer", [OutboundRecord(g, lyon, g, versions[g]) for g in (a, b)])
    assert [r.outcome for r in again] == [Outcome.CONFLICT, Outcome.UPDATED]
    assert again[0].reason and "changed there" in again[0].reason
    rows = {r["golden_id"]: r for r in legacy.rows()}
    assert (rows[a]["name"], rows[a]["city"]) == ("Acme SA", "Paris")  # left as finance left it
    assert rows[b]["city"] == "Lyon"
    [read] = target.read("customer", {}).records
    assert read.target_id == a and read.target_version
    written = target.write("customer", [OutboundRecord(a, lyon, a, read.target_version)])
    assert written[0].outcome is Outcome.UPDATED
    [gone] = target.deactivate("customer", [Deactivation(b, b)])
    back = target.write("customer", [OutboundRecord(b, ACME, b, gone.target_version)])
    assert back[0].outcome is Outcome.UPDATED  # the deactivation's version is the hub's own
    target.close()
