"""The Tryton connector against a real Tryton server: parties written per record outcome,
found again by the golden id they carry, refused when stale, read back without the hub's
own writes."""

from __future__ import annotations

import uuid

from connectors.protocol import Deactivation, OutboundRecord, Outcome
from connectors.tryton.client import TrytonClient
from connectors.tryton.connector import TrytonConnector
from tests.tryton_server import CLERK_PASSWORD, CLERK_USER, HUB_PASSWORD, HUB_USER, Tryton

ACME = {
    "name": "Acme Consulting", "tax_id": "FR40303265045", "phone": "+33 1 42 68 53 00",
    "website": "https://acme.example", "address_line1": "1 Rue de Rivoli", "city": "Paris",
    "postal_code": "75001", "country": "FR",
}  # fmt: skip


def connector(server: Tryton, batch: int = 200) -> TrytonConnector:
    client = TrytonClient(server.url, server.database, HUB_USER, HUB_PASSWORD)
    return TrytonConnector(client, batch)


def gid() -> str:
    return str(uuid.uuid4())


def test_a_batch_lands_each_record_but_the_bad_one(tryton: Tryton) -> None:
    target = connector(tryton)
    good = [OutboundRecord(gid(), {**ACME, "name": f"Firm {i}"}) for i in range(3)]
    bad = OutboundRecord(gid(), {**ACME, "name": "Bad VAT", "tax_id": "FR123"})
    results = target.write("customer", [good[0], bad, *good[1:]])
    by_id = {r.golden_id: r for r in results}
    assert [by_id[r.golden_id].outcome for r in good] == [Outcome.CREATED] * 3
    assert by_id[bad.golden_id].outcome is Outcome.REJECTED
    assert "VAT" in str(by_id[bad.golden_id].reason)
    parties = tryton.admin().parties("contact_mechanisms.value", "addresses.city")
    assert sorted(p["name"] for p in parties) == ["Firm 0", "Firm 1", "Firm 2"]
    assert {i["code"] for p in parties for i in p["identifiers."]} >= {r.golden_id for r in good}
    assert all(p["addresses."][0]["city"] == "Paris" for p in parties)
    assert all(by_id[r.golden_id].target_version for r in good)


def test_a_write_without_the_crosswalk_finds_the_party_by_golden_id(tryton: Tryton) -> None:
    target = connector(tryton)
    golden = gid()
    first = target.write("customer", [OutboundRecord(golden, ACME)])[0]
    again = target.write("customer", [OutboundRecord(golden, {**ACME, "name": "Acme SA"})])[0]
    assert again.outcome is Outcome.UPDATED and again.target_id == first.target_id
    names = [p["name"] for p in tryton.admin().parties()]
    assert names == ["Acme SA"]


def test_a_stale_timestamp_is_a_conflict_and_a_fresh_one_writes(tryton: Tryton) -> None:
    target = connector(tryton)
    golden = gid()
    first = target.write("customer", [OutboundRecord(golden, ACME)])[0]
    clerk = tryton.login(CLERK_USER, CLERK_PASSWORD)
    clerk.call("model.party.party.write", [int(str(first.target_id))], {"name": "Acme (clerk)"}, {})
    stale = OutboundRecord(
        golden, {**ACME, "name": "Acme Hub"}, first.target_id, first.target_version
    )
    result = target.write("customer", [stale])[0]
    assert result.outcome is Outcome.CONFLICT
    assert [p["name"] for p in tryton.admin().parties()] == ["Acme (clerk)"]
    fresh = target.write(
        "customer", [OutboundRecord(golden, {**ACME, "name": "Acme Hub"}, first.target_id)]
    )[0]
    assert fresh.outcome is Outcome.UPDATED
    assert [p["name"] for p in tryton.admin().parties()] == ["Acme Hub"]


def test_reads_return_the_clerks_edits_and_not_the_hubs_writes(tryton: Tryton) -> None:
    target = connector(tryton)
    written = target.write("customer", [OutboundRecord(gid(), ACME), OutboundRecord(gid(), ACME)])
    first = target.read("customer", {})
    assert first.records == []
    clerk = tryton.login(CLERK_USER, CLERK_PASSWORD)
    edited = int(str(written[1].target_id))
    clerk.call("model.party.party.write", [edited], {"name": "Acme Paris"}, {})
    changed = target.read("customer", first.state)
    assert [(r.target_id, r.values["name"], r.golden_id) for r in changed.records] == [
        (str(edited), "Acme Paris", written[1].golden_id)
    ]
    assert changed.records[0].values["city"] == "Paris"
    assert changed.records[0].values["country"] == "FR"


def test_deactivating_makes_the_party_inactive(tryton: Tryton) -> None:
    target = connector(tryton)
    golden = gid()
    target.write("customer", [OutboundRecord(golden, ACME)])
    result = target.deactivate("customer", [Deactivation(golden, None)])[0]
    assert result.outcome is Outcome.DEACTIVATED
    assert [p["active"] for p in tryton.admin().parties()] in ([False], [0])


def test_a_batch_of_deactivations_is_one_write_and_an_unknown_party_is_unchanged(
    tryton: Tryton,
) -> None:
    target = connector(tryton)
    written = target.write(
        "customer", [OutboundRecord(gid(), {**ACME, "name": f"Firm {i}"}) for i in range(3)]
    )
    writes: list[str] = []
    target.client._http.event_hooks["request"].append(
        lambda r: writes.append(r.url.path) if b'"model.party.party.write"' in r.read() else None
    )
    never = gid()
    gone = [Deactivation(w.golden_id, w.target_id) for w in written] + [Deactivation(never, None)]
    results = {r.golden_id: r for r in target.deactivate("customer", gone)}
    assert [results[w.golden_id].outcome for w in written] == [Outcome.DEACTIVATED] * 3
    assert [results[w.golden_id].target_id for w in written] == [w.target_id for w in written]
    assert results[never].outcome is Outcome.UNCHANGED
    assert len(writes) == 1  # one RPC for the batch, not one per party
    assert [p["active"] for p in tryton.admin().parties()] in ([False] * 3, [0] * 3)


def test_a_native_merge_retires_the_party_and_repoints_it_to_the_survivor(tryton: Tryton) -> None:
    target = connector(tryton)
    survivor, loser = gid(), gid()
    kept, gone = target.write("customer", [OutboundRecord(survivor, ACME),
                                           OutboundRecord(loser, {**ACME, "name": "Acme Paris"})])  # fmt: skip
    merge = Deactivation(loser, gone.target_id, survivor, kept.target_id)
    assert target.merge("customer", [merge])[0].outcome is Outcome.MERGED
    assert target.merge("customer", [merge])[0].outcome is Outcome.MERGED  # again: no change
    parties = {p["id"]: p for p in tryton.admin().parties("replaced_by")}
    retired = parties[int(str(gone.target_id))]
    assert not retired["active"] and retired["replaced_by"] == int(str(kept.target_id))
    assert parties[int(str(kept.target_id))]["active"]
