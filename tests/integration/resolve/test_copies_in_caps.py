"""An incremental run counts a group of copies once against each blocking rule's caps, as the
bulk run does (``matching.copies``): a changed record sharing its keys with a golden record of
more copies than a key pairs still finds them, and stays in that golden record; a new record
sharing name keys (rules capped at 5) with a record loaded six times pairs with it as in a
bulk run of the same records."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.resolve.lookup import find_matches
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_read_once import partition, resolved_with_copies
from tests.integration.resolve.test_resolve import golden_of, load, load_generated, record_id

# a cooperative's switchboard record, loaded six times by a shop system: one group of copies
ORCHARD = "Zephyr Orchard Cooperative,,,020 7946 0777,9 Quince Lane,London,N1 9GU,GB\n"
# the same cooperative in another system, with its direct line: it shares no identifier,
# domain or phone with the shop's record, and its name keys are those of the copies
DIRECT = {"name": "Zephyr Orchard Cooperative", "phone": "020 7946 0778",
          "address_line1": "9 Quince Lane", "city": "London", "postal_code": "N1 9GU",
          "country": "GB"}  # fmt: skip
DIRECT_ROW = "Y1,Zephyr Orchard Cooperative,,,020 7946 0778,9 Quince Lane,London,N1 9GU,GB\n"


def group_of(session: Session, record: int) -> frozenset[int]:
    [group] = [group for group in partition(session) if record in group]
    return group


def test_a_changed_record_stays_with_copies_more_than_its_keys_pair(
    session: Session, uow: UnitOfWork
) -> None:
    resolved_with_copies(uow)  # E1 changed (its phone), pending
    northwind, changed = record_id(session, "crm", "A1"), record_id(session, "erp", "E1")
    assert changed in group_of(session, northwind)
    savepoint = session.begin_nested()
    assert resolve_pending(uow, "customer", force_bulk=True).mode == "bulk"
    in_bulk = group_of(session, northwind)
    savepoint.rollback()
    assert changed in in_bulk and len(in_bulk) > 211

    assert resolve_pending(uow, "customer").mode == "incremental"
    assert group_of(session, northwind) == in_bulk


def _resolved_with_six_copies(uow: UnitOfWork) -> None:
    """Generated customers and six copies of the cooperative's record resolved in bulk; then
    the cooperative's record in another system loaded, pending."""
    load_generated(uow)
    load(uow, "shop", "".join(f"S{n},{ORCHARD}" for n in range(6)))
    resolve_pending(uow, "customer")
    load(uow, "erp", DIRECT_ROW)


def links_of(session: Session, record: int) -> set[tuple[frozenset[int], str]]:
    """The record's links that count (pair, decision)."""
    rows = session.execute(
        text(
            "SELECT left_record_id, right_record_id, decision FROM match_link "
            "WHERE :r IN (left_record_id, right_record_id) AND decision <> 'superseded'"
        ),
        {"r": record},
    ).all()
    return {(frozenset((left, right)), decision) for left, right, decision in rows}


def test_a_new_record_pairs_with_copies_under_a_lower_cap_as_in_a_bulk_run(
    session: Session, uow: UnitOfWork
) -> None:
    _resolved_with_six_copies(uow)  # 7 records, 2 groups, under each name key (cap 5)
    direct, first = record_id(session, "erp", "Y1"), record_id(session, "shop", "S0")
    savepoint = session.begin_nested()
    assert resolve_pending(uow, "customer", force_bulk=True).mode == "bulk"
    in_bulk, linked = partition(session), links_of(session, direct)
    savepoint.rollback()
    assert linked == {(frozenset((direct, first)), "auto")}

    assert resolve_pending(uow, "customer").mode == "incremental"
    assert links_of(session, direct) == linked
    assert partition(session) == in_bulk


def test_a_lookup_finds_copies_under_a_lower_cap(session: Session, uow: UnitOfWork) -> None:
    _resolved_with_six_copies(uow)  # the probe is the pending record: 6 copies, 1 group
    found = find_matches(uow, "customer", DIRECT)
    assert golden_of(session, "shop", "S0") in {c.golden_id for c in found}


# the cooperative's record with no identifier, domain or phone: each of its keys (names, their
# sounds with its places) is capped at 5 for evidence, so seven copies crowd every one of them
NAME_AND_OFFICE = "Zephyr Orchard Cooperative,,,,9 Quince Lane,London,N1 9GU,GB\n"


def test_a_pending_copy_with_the_smallest_id_finds_its_stored_copies(
    session: Session, uow: UnitOfWork
) -> None:
    load_generated(uow)  # S0 first, another customer; then six copies of the cooperative
    load(uow, "shop", "S0,Quillon Harbour Traders,,,,2 Dock Road,Leeds,LS1 4AP,GB\n"
                      + "".join(f"S{n},{NAME_AND_OFFICE}" for n in range(1, 7)))  # fmt: skip
    resolve_pending(uow, "customer")
    load(uow, "shop", f"S0,{NAME_AND_OFFICE}")  # now a copy of them, the group's first
    changed, stored = record_id(session, "shop", "S0"), record_id(session, "shop", "S1")
    assert changed < stored
    savepoint = session.begin_nested()
    assert resolve_pending(uow, "customer", force_bulk=True).mode == "bulk"
    in_bulk = partition(session)
    savepoint.rollback()
    assert changed in group_of_in(in_bulk, stored)

    assert resolve_pending(uow, "customer").mode == "incremental"
    assert partition(session) == in_bulk


def group_of_in(groups: set[frozenset[int]], record: int) -> frozenset[int]:
    [group] = [group for group in groups if record in group]
    return group
