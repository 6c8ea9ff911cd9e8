"""Golden customers to a folder of CSV files: one complete file per batch (never half a
file), nothing written twice, merges as deactivations, files dropped in read once, a folder
that cannot be written retried until it can."""

from __future__ import annotations

import csv
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from mdm.repositories.systems import register
from mdm.runtime import Runtime
from mdm.sync import service
from tests.integration.sync.scenario import CRM, ERP, ERP_CORRECTED, connect_system, ingest


def connect_folder(hub: Runtime, folder: Path) -> None:
    raw = {"connector": "csv", "folder": str(folder), "entities": ["customer"]}
    connect_system(hub, "files", raw)


def dropped(folder: Path) -> list[list[dict[str, str]]]:
    files = sorted((folder / "outbox").iterdir())
    assert all(not f.name.startswith(".") for f in files)  # no partial file left behind
    return [list(csv.DictReader(f.open(encoding="utf-8"))) for f in files]


def test_batches_are_whole_files_and_merges_deactivate(hub: Runtime, tmp_path: Path) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    connect_folder(hub, tmp_path)
    assert service.run(hub)[0].outcomes == {"created": 7}
    assert service.run(hub)[0].outcomes == {}
    [first] = dropped(tmp_path)
    assert len(first) == 7 and {r["op"] for r in first} == {"upsert"}
    assert {r["name"] for r in first} >= {"Quillfeather Media SARL"}
    ingest(hub, "erp", ERP_CORRECTED)
    service.run(hub)
    rows = [r for f in dropped(tmp_path)[1:] for r in f]
    gone = [r for r in rows if r["op"] == "deactivate"]
    assert len(gone) == 2 and all(r["merged_into"] for r in gone)


def test_files_dropped_in_are_read_once(hub: Runtime, tmp_path: Path) -> None:
    ingest(hub, "crm", CRM)
    connect_folder(hub, tmp_path)
    (tmp_path / "inbox").mkdir(parents=True)
    (tmp_path / "inbox" / "customer-001.csv").write_text(
        "source_id,name,city,country\nF1,Osprey Advisory LLP,Leeds,GB\n", encoding="utf-8"
    )
    (tmp_path / "inbox" / ".customer-002.csv").write_text(
        "source_id,name\nF2,Half", encoding="utf-8"
    )
    pulled = service.pull_changes(hub, "files", "customer")
    assert pulled.read == 1 and pulled.ingest is not None and pulled.ingest.new == 1
    assert service.pull_changes(hub, "files", "customer").read == 0


def test_a_folder_that_cannot_be_written_is_retried_until_it_can(
    hub: Runtime, tmp_path: Path
) -> None:
    ingest(hub, "crm", CRM)
    connect_folder(hub, tmp_path)
    (tmp_path / "outbox").write_text("a file where the folder should be")
    first = service.run(hub)[0]
    assert first.stopped and first.retrying == 4 and first.dead == 0
    (tmp_path / "outbox").unlink()
    later = service.utc_now()
    assert service.run(hub, clock=lambda: later + timedelta(seconds=10))[0].outcomes == {
        "created": 4
    }
    assert len(dropped(tmp_path)[0]) == 4


def test_a_replay_from_an_event_writes_again_what_changed_since(
    hub: Runtime, tmp_path: Path
) -> None:
    ingest(hub, "crm", CRM)
    connect_folder(hub, tmp_path)
    service.run(hub)
    with hub.unit_of_work() as uow:
        mark = uow.session.execute(text("SELECT max(position) FROM outbox_event")).scalar_one()
    ingest(hub, "erp", ERP)
    service.run(hub)
    with hub.unit_of_work() as uow:
        event, since = uow.session.execute(
            text(
                "SELECT id, created_at FROM outbox_event WHERE position > :m ORDER BY position LIMIT 1"
            ),
            {"m": mark},
        ).one()
        touched = uow.session.execute(
            text("SELECT count(DISTINCT subject) FROM outbox_event WHERE created_at >= :t"),
            {"t": since},
        ).scalar_one()
    queued = service.replay_from_event(hub, "files", event)
    assert queued == touched and 0 < queued < 8
    assert sum(service.run(hub)[0].outcomes.values()) == queued  # written again, unchanged or not
    with pytest.raises(service.UnknownEventError):
        service.replay_from_event(hub, "files", uuid.uuid4())


def test_an_erp_owns_its_financial_fields_unless_its_configuration_says_otherwise(
    hub: Runtime, tmp_path: Path
) -> None:
    header = "source_id,name,city,country,currency,industry\n"
    ingest(hub, "crm", "A1,Acme Consulting Ltd,London,GB,GBP,Consulting\n", header=header)
    with hub.unit_of_work() as uow:
        register(uow.session, "ledger", kind="erp", acquired=False, trust=None)
        register(uow.session, "ledger_too", kind="erp", acquired=False, trust=None)
    for name, extra in (("ledger", {}), ("ledger_too", {"owns": []})):
        raw = {
            "connector": "csv",
            "folder": str(tmp_path / name),
            "entities": ["customer"],
            **extra,
        }
        connect_system(hub, name, raw)
    service.run(hub)
    [seeded] = dropped(tmp_path / "ledger")
    [explicit] = dropped(tmp_path / "ledger_too")
    assert "currency" not in seeded[0] and seeded[0]["industry"] == "Consulting"
    assert explicit[0]["currency"] == "GBP"
