"""The key index counts a group of copies once against a key's caps (``blocks_for``), as the
bulk run counts it: a key held by more records than its cap, most of them copies, is kept
with the first record of each group; a key held by more distinct records is left out; a key
held by more records than its evidence cap is counted by its groups too."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.repositories import blocking_keys
from mdm.repositories.array_literals import int_array, text_array
from mdm.repositories.blocking_keys import blocks_for, replace_keys
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import CRM, load, record_id

NORTHWIND = CRM.splitlines()[0].partition(",")[2]
COPIES = "".join(f"A1-{n},{NORTHWIND}\n" for n in range(12))


def test_copies_count_once_against_a_keys_cap(session: Session, uow: UnitOfWork) -> None:
    load(uow, "crm", CRM + COPIES)
    first, other = record_id(session, "crm", "A1"), record_id(session, "crm", "A2")
    copies = [record_id(session, "crm", f"A1-{n}") for n in range(12)]
    distinct = [record_id(session, "crm", source) for source in ("A1", "A2", "A3")]
    filed = [(r, "name:northwind") for r in (first, *copies, other)]
    filed += [(r, "city:any") for r in distinct]
    replace_keys(session, "customer", [first, *copies, other], filed)

    found = blocks_for(session, "customer", ["name:northwind", "city:any"], [2] * 2)
    assert found == {"name:northwind": sorted([first, other])}
    assert blocks_for(session, "customer", ["name:northwind", "city:any"], [1] * 2) == {}
    assert blocks_for(session, "customer", ["city:any"], [3]) == {"city:any": sorted(distinct)}


def test_copies_past_what_is_read_leave_a_key_out(
    session: Session, uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(uow, "crm", CRM + COPIES)
    ids = [record_id(session, "crm", source) for source in ("A1", "A2")]
    ids += [record_id(session, "crm", f"A1-{n}") for n in range(12)]
    replace_keys(session, "customer", ids, [(r, "name:northwind") for r in ids])
    monkeypatch.setattr(blocking_keys, "COPIES_READ", 5)  # 15 entries read at a cap of 2
    assert blocks_for(session, "customer", ["name:northwind"], [2]) == {"name:northwind": ids[:2]}
    monkeypatch.setattr(blocking_keys, "COPIES_READ", 4)  # 12 of the 14 read: not every group
    assert blocks_for(session, "customer", ["name:northwind"], [2]) == {}


def test_copies_count_once_against_a_keys_evidence_cap(session: Session, uow: UnitOfWork) -> None:
    load(uow, "crm", CRM + COPIES)
    ids = [record_id(session, "crm", source) for source in ("A1", "A2")]
    copies = [record_id(session, "crm", f"A1-{n}") for n in range(12)]
    replace_keys(session, "customer", [*ids, *copies], [(r, "name:n") for r in (*ids, *copies)])
    everyone = sorted([*ids, *copies])  # within its evidence cap: every record, as before
    assert blocks_for(session, "customer", ["name:n"], [20], [14]) == {"name:n": everyone}
    # past it: 2 groups, evidence (``matching.corroboration`` counts the records in a block)
    assert blocks_for(session, "customer", ["name:n"], [20], [5]) == {"name:n": sorted(ids)}
    assert blocks_for(session, "customer", ["name:n"], [1], [1]) == {}


def test_a_group_is_counted_by_its_first_resolved_record(session: Session, uow: UnitOfWork) -> None:
    load(uow, "crm", CRM + COPIES)
    first, other = record_id(session, "crm", "A1"), record_id(session, "crm", "A2")
    copies = [record_id(session, "crm", f"A1-{n}") for n in range(12)]
    replace_keys(session, "customer", [first, *copies, other], [
        (r, "name:northwind") for r in (first, *copies, other)])  # fmt: skip
    resolved = [*copies[3:], other]  # A1 and three copies still pending: a changed record
    session.execute(
        text("UPDATE source_record SET pending_match = false WHERE id = ANY(:ids)"),
        {"ids": resolved},
    )
    found = blocks_for(session, "customer", ["name:northwind"], [2])
    assert found == {"name:northwind": sorted([copies[3], other])}


def test_a_batch_of_many_crowded_keys_reads_the_others_through_an_anti_join(
    session: Session,
) -> None:
    """The keys read whole (not crowded) are told from the crowded ones by an anti-join: NOT IN
    over a subquery the planner expects past work_mem is checked once per held row against
    every crowded key, and an incremental run of a large load sends tens of thousands."""
    keys = [f"name:k{n}" for n in range(50_000)]
    parameters = {
        "e": "customer", "keys": text_array(keys), "caps": int_array([5] * len(keys)),
        "evidence": int_array([5] * len(keys)), "probe": 0, "copies": blocking_keys.COPIES_READ,
    }  # fmt: skip
    statement = blocking_keys.BLOCKS_SQL.format(blocks=blocking_keys.key_blocks_sql("customer"))
    plan = "\n".join(session.execute(text(f"EXPLAIN {statement}"), parameters).scalars())
    assert "Anti Join" in plan
    assert "NOT (SubPlan" not in plan
