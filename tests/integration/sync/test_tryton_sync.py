"""Golden customers syndicated to a real Tryton: one party per active golden record carrying
its golden id, nothing written twice, merges deactivating the merged-away parties, a clerk's
edits coming back through a pull and the hub's own writes not."""

from __future__ import annotations

from sqlalchemy import text

from mdm.repositories import delivery_status
from mdm.repositories import golden as golden_repo
from mdm.runtime import Runtime
from mdm.stewardship.decisions import split
from mdm.sync import service
from tests.integration.resolve.test_resolve import record_id
from tests.integration.sync.scenario import (
    CRM,
    ERP,
    ERP_CORRECTED,
    connect_tryton,
    golden_customers,
    ingest,
    parties_by_golden,
    status_of,
)
from tests.tryton_server import CLERK_PASSWORD, CLERK_USER, Tryton


def active_parties_match_golden(hub: Runtime, tryton: Tryton) -> None:
    golden = golden_customers(hub)
    parties = parties_by_golden(tryton)
    active = {g: name for g, (status, name) in golden.items() if status == "active"}
    assert {g for g, ps in parties.items() if any(p["active"] for p in ps)} == set(active)
    for golden_id, name in active.items():
        assert [p["name"] for p in parties[golden_id]] == [name]  # one party, same name
    for golden_id, (status, _) in golden.items():
        if status != "active":
            assert not any(p["active"] for p in parties.get(golden_id, []))


def test_golden_customers_become_parties_once_and_merges_deactivate(
    hub: Runtime, tryton: Tryton
) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    connect_tryton(hub, tryton)
    first = service.run(hub)
    assert first[0].outcomes == {"created": 7} and first[0].dead == 0
    active_parties_match_golden(hub, tryton)
    stamps = {p["id"]: p["name"] for p in tryton.admin().parties("write_date")}

    again = service.run(hub)
    assert again[0].outcomes == {}  # nothing due: nothing written
    replayed = service.replay(hub, "erp_tryton", since=service.utc_now().replace(year=2000))
    assert replayed == 7
    assert service.run(hub)[0].outcomes == {"updated": 7}  # a replay writes again, same parties
    assert {p["id"]: p["name"] for p in tryton.admin().parties()} == stamps

    ingest(hub, "erp", ERP_CORRECTED)
    merged = [g for g, (status, _) in golden_customers(hub).items() if status == "merged"]
    assert len(merged) == 2
    third = service.run(hub)
    assert third[0].outcomes.get("merged") == 2  # Tryton's party replacement
    active_parties_match_golden(hub, tryton)
    with hub.unit_of_work() as uow:
        crosswalk = {
            str(d.golden_id): d.target_id
            for d in delivery_status.deliveries(uow.session, system="erp_tryton", status=None)
        }
        survivors = dict(uow.session.execute(text(
            "SELECT id::text, merged_into::text FROM golden_record WHERE status = 'merged'"
        )).all())  # fmt: skip
    by_id = {str(p["id"]): p for p in tryton.admin().parties("replaced_by")}
    for loser, survivor in survivors.items():
        party = by_id[str(crosswalk[loser])]
        assert not party["active"] and str(party["replaced_by"]) == crosswalk[survivor]
    row = status_of(hub, "erp_tryton")
    assert (row.pending, row.dead, row.delivered) == (0, 0, 7)


def test_a_clerks_edit_comes_back_and_the_hubs_writes_do_not(hub: Runtime, tryton: Tryton) -> None:
    ingest(hub, "crm", CRM)
    connect_tryton(hub, tryton)
    service.run(hub)
    quiet = service.pull_changes(hub, "erp_tryton", "customer")
    assert (quiet.read, quiet.ingest) == (0, None)

    clerk = tryton.login(CLERK_USER, CLERK_PASSWORD)
    party = next(p for p in tryton.admin().parties() if p["name"] == "Kestrel Analytics Inc")
    clerk.call(
        "model.party.party.write", [party["id"]], {"name": "Kestrel Analytics Incorporated"}, {}
    )
    pulled = service.pull_changes(hub, "erp_tryton", "customer")
    assert pulled.read == 1 and pulled.ingest is not None and pulled.ingest.new == 1
    assert service.pull_changes(hub, "erp_tryton", "customer").ingest is None  # cursor moved on


def test_a_split_creates_a_party_for_the_record_split_out(hub: Runtime, tryton: Tryton) -> None:
    ingest(hub, "crm", CRM)
    ingest(hub, "erp", ERP)
    connect_tryton(hub, tryton)
    service.run(hub)
    with hub.unit_of_work() as uow:
        record = record_id(uow.session, "erp", "E1")
        golden = str(golden_repo.golden_ids_for(uow.session, [record])[record])
        split(uow, golden, [record], "alice", "a different legal entity")
    report = service.run(hub)[0]
    assert report.outcomes.get("created") == 1
    active_parties_match_golden(hub, tryton)
