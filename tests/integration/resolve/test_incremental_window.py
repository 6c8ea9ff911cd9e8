"""An incremental run pairs a pending record with a common key's records as a bulk run pairs
it (``matching.index_window``): in a block of more than the window's ``full`` records, with its
nearest by name on either side, not with every record of the block."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_copies_in_caps import links_of
from tests.integration.resolve.test_read_once import partition
from tests.integration.resolve.test_resolve import load, load_generated, record_id

# eight firms of a serviced office: one switchboard phone, one address, names of their own
OFFICE = ",,,020 7946 0555,4 Mercer Yard,London,EC2A 4NE,GB\n"
FIRMS = ("Alder Consulting Ltd", "Birch Analytics Ltd", "Cedar Legal LLP", "Damson Design Ltd",
         "Elm Recruitment Ltd", "Fir Media Ltd", "Gorse Engineering Ltd", "Hazel Architects Ltd")  # fmt: skip
NEWCOMER = f"P1,Dunmore Partners Ltd{OFFICE}"  # by name between Damson and Elm


def test_a_pending_record_pairs_in_a_common_block_as_in_a_bulk_run(
    session: Session, uow: UnitOfWork
) -> None:
    load_generated(uow)
    load(uow, "office", "".join(f"F{n},{name}{OFFICE}" for n, name in enumerate(FIRMS)))
    resolve_pending(uow, "customer")
    load(uow, "post", NEWCOMER)  # the phone's block: nine records, the window pairs five
    newcomer = record_id(session, "post", "P1")
    savepoint = session.begin_nested()
    assert resolve_pending(uow, "customer", force_bulk=True).mode == "bulk"
    in_bulk, linked = partition(session), links_of(session, newcomer)
    savepoint.rollback()
    far = {record_id(session, "office", f"F{n}") for n in (0, 1, 6, 7)}  # Alder, Birch, ...
    assert not any(pair & far for pair, _ in linked)

    assert resolve_pending(uow, "customer").mode == "incremental"
    assert links_of(session, newcomer) == linked
    assert partition(session) == in_bulk
