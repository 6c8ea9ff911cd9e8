"""Echo suppression: what the hub wrote to a system and then reads back from it -- an extract
the system exported (``mdm ingest``) or its connector's changes (``mdm pull``) -- changes
nothing and triggers nothing: no source record version, no golden version, no outbox event,
no delivery. A real change read in the same way still loads."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from connectors.csv_folder.connector import HEAD
from connectors.tryton.parties import READ_FIELDS, canonical_of
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import IngestSummary, ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from mdm.sync import service
from tests.integration.sync.scenario import CRM, ERP, connect_system, connect_tryton, ingest
from tests.legacy_sql import Legacy
from tests.tryton_server import Tryton

SQL_FIELDS = ("name", "tax_id", "city", "country")


def footprint(hub: Runtime) -> tuple[Any, ...]:
    """What a change would leave: versions, golden versions, outbox events, deliveries."""
    with hub.unit_of_work() as uow:
        return tuple(
            uow.session.execute(text(sql)).all()
            for sql in (
                "SELECT count(*) FROM source_record_version",
                "SELECT id, version, attributes FROM golden_record ORDER BY id",
                "SELECT count(*) FROM outbox_event",
                "SELECT golden_id, status, wanted_position, attempts, content_hash FROM delivery "
                "ORDER BY golden_id",
            )
        )


def as_csv(rows: Iterable[Mapping[str, Any]], fields: Iterable[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["source_id", *fields], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def load(hub: Runtime, system: str, content: str) -> IngestSummary:
    """``mdm ingest`` then ``mdm match``, as an operator loads a system's export."""
    with hub.unit_of_work() as uow:
        extract = parse_extract(f"{system}-export.csv", content.encode())
        summary = ingest_extract(uow, extract, system=system, entity="customer")
    with hub.unit_of_work() as uow:
        resolve_pending(uow, "customer")
    return summary


def connect_finance(hub: Runtime, legacy: Legacy) -> None:
    raw = {"connector": "sql", **legacy.settings(), "entities": ["customer"],
           "fields": {f: f for f in SQL_FIELDS}}  # fmt: skip
    connect_system(hub, "finance", raw)


def finance_export(legacy: Legacy) -> list[dict[str, Any]]:
    """The finance table as its own export would give it: its key and the columns."""
    return [
        {"source_id": r["golden_id"], **{f: r[f] for f in SQL_FIELDS}}
        for r in legacy.rows()
        if r["active"]
    ]


def test_an_extract_a_target_exported_back_changes_and_triggers_nothing(
    hub: Runtime, legacy: Legacy
) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    connect_finance(hub, legacy)
    assert service.run(hub)[0].outcomes == {"created": 7}
    exported = finance_export(legacy)
    before = footprint(hub)

    summary = load(hub, "finance", as_csv(exported, SQL_FIELDS))
    assert (summary.rows, summary.echoes, summary.new, summary.changed) == (7, 7, 0, 0)
    assert footprint(hub) == before
    assert service.run(hub)[0].outcomes == {}  # nothing to deliver anywhere

    exported[0] = {**exported[0], "city": "Manchester"}  # a real change among the echoes
    summary = load(hub, "finance", as_csv(exported, SQL_FIELDS))
    assert (summary.echoes, summary.new) == (6, 1)


def test_a_pull_of_rows_the_target_saved_again_unchanged_is_all_echo(
    hub: Runtime, legacy: Legacy
) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    connect_finance(hub, legacy)
    service.run(hub)
    assert service.pull_changes(hub, "finance", "customer").read == 0
    before = footprint(hub)
    with legacy.engine.begin() as conn:  # a finance job re-saves every row as it is
        conn.execute(
            text(f"UPDATE {legacy.table} SET updated_by = 'finance', updated_at = :now"),
            {"now": datetime.now(UTC).replace(tzinfo=None)},
        )
    pulled = service.pull_changes(hub, "finance", "customer")
    assert (pulled.read, pulled.echoes, pulled.ingest) == (7, 7, None)
    assert footprint(hub) == before
    assert service.run(hub)[0].outcomes == {}

    some = finance_export(legacy)[0]["source_id"]
    legacy.clerk_moves(some, "Manchester")
    pulled = service.pull_changes(hub, "finance", "customer")
    assert (pulled.read, pulled.echoes) == (1, 0)
    assert pulled.ingest is not None and pulled.ingest.new == 1


def test_files_a_folder_system_sends_back_unchanged_are_echoes(
    hub: Runtime, tmp_path: Path
) -> None:
    ingest(hub, "crm", CRM)
    connect_system(hub, "files", {"connector": "csv", "folder": str(tmp_path),
                                  "entities": ["customer"]})  # fmt: skip
    service.run(hub)
    [written] = sorted((tmp_path / "outbox").iterdir())
    with written.open(encoding="utf-8") as handle:  # the hub's file, sent back as it was
        rows = [
            {"source_id": r["golden_id"], **{k: v for k, v in r.items() if k not in HEAD}}
            for r in csv.DictReader(handle)
        ]
    fields = [k for k in rows[0] if k != "source_id"]
    rows[1]["city"] = "Leeds"
    (tmp_path / "inbox" / "customer-001.csv").write_text(as_csv(rows, fields), encoding="utf-8")
    before = footprint(hub)
    pulled = service.pull_changes(hub, "files", "customer")
    assert (pulled.read, pulled.echoes) == (4, 3)
    assert pulled.ingest is not None and (pulled.ingest.new, pulled.ingest.echoes) == (1, 0)
    assert footprint(hub)[0][0][0] == before[0][0][0] + 1  # one version: the changed row


def test_an_export_of_the_parties_the_hub_wrote_to_tryton_is_all_echo(
    hub: Runtime, tryton: Tryton
) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    connect_tryton(hub, tryton)
    service.run(hub)
    parties = tryton.admin().call(
        "model.party.party.search_read", [], 0, None, [["id", "ASC"]], READ_FIELDS, {}
    )
    exported = [{"source_id": p["id"], **canonical_of(p)[1]} for p in parties]
    fields = sorted({k for row in exported for k in row} - {"source_id"})
    before = footprint(hub)
    summary = load(hub, "erp_tryton", as_csv(exported, fields))
    assert (summary.rows, summary.echoes, summary.new) == (7, 7, 0)
    assert footprint(hub) == before
    assert service.run(hub)[0].outcomes == {}
