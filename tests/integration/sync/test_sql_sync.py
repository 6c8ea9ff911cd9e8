"""Golden customers to a legacy finance table on PostgreSQL and on MariaDB: one row per
golden record keyed by its golden id, merges deactivating rows, the finance system's edits
pulled back as records of that system."""

from __future__ import annotations

from sqlalchemy import text

from mdm.runtime import Runtime
from mdm.sync import service
from tests.integration.sync.scenario import (
    CRM,
    ERP,
    ERP_CORRECTED,
    connect_system,
    golden_customers,
    ingest,
)
from tests.legacy_sql import Legacy


def test_rows_follow_the_golden_records_and_finance_edits_come_back(
    hub: Runtime, legacy: Legacy
) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    raw = {"connector": "sql", **legacy.settings(), "entities": ["customer"],
           "fields": {f: f for f in ("name", "tax_id", "city", "country")}}  # fmt: skip
    connect_system(hub, "finance", raw)
    assert service.run(hub)[0].outcomes == {"created": 7}
    ingest(hub, "erp", ERP_CORRECTED)
    # the survivors' mapped fields did not change: their rows are not written again
    assert service.run(hub)[0].outcomes == {"deactivated": 2, "unchanged": 2}
    golden = golden_customers(hub)
    rows = {r["golden_id"]: r for r in legacy.rows()}
    assert set(rows) == set(golden)
    for golden_id, (status, name) in golden.items():
        assert bool(rows[golden_id]["active"]) == (status == "active")
        if status == "active":
            assert rows[golden_id]["name"] == name

    some = sorted(g for g, (status, _) in golden.items() if status == "active")[0]
    legacy.clerk_moves(some, "Manchester")
    pulled = service.pull_changes(hub, "finance", "customer")
    assert pulled.read == 1 and pulled.ingest is not None and pulled.ingest.new == 1


def test_a_renamed_column_is_written_and_pulled_back_under_its_canonical_name(
    hub: Runtime, legacy: Legacy
) -> None:
    with legacy.engine.begin() as conn:
        conn.execute(text(f"ALTER TABLE {legacy.table} RENAME COLUMN tax_id TO vat_number"))
    ingest(hub, "crm", CRM)
    raw = {"connector": "sql", **legacy.settings(), "entities": ["customer"],
           "fields": {"name": "name", "tax_id": "vat_number", "city": "city"}}  # fmt: skip
    connect_system(hub, "finance", raw)
    service.run(hub)
    rows = legacy.rows()
    assert rows and any(r["vat_number"] for r in rows)
    some = next(r for r in rows if r["vat_number"])
    legacy.clerk_moves(some["golden_id"], "Manchester")
    pulled = service.pull_changes(hub, "finance", "customer")
    assert pulled.read == 1 and pulled.ingest is not None and pulled.ingest.new == 1
    with hub.unit_of_work() as uow:
        (values,) = uow.session.execute(
            text("SELECT v.raw FROM source_record_version v JOIN source_record r "
                 "ON r.id = v.source_record_id JOIN source_system y ON y.id = r.system_id "
                 "WHERE y.name = 'finance'")
        ).scalars()  # fmt: skip
    assert values["tax_id"] == some["vat_number"] and values["city"] == "Manchester"
    assert "vat_number" not in values
