"""An incremental run completes what its keys left out (``matching.completion``): a new record
whose keys find two of the five members of a golden record is scored against the other three,
read as the neighbourhood reads every member, and joins it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_copies_in_caps import links_of
from tests.integration.resolve.test_read_once import partition
from tests.integration.resolve.test_resolve import load, load_generated, record_id

# one firm in five systems, each record written its own way: its members link each other
# more surely than the newcomer, who holds no phone, website or street, links to any of them
# (the golden record is whole before the newcomer is weighed against it)
MEMBERS = (
    "Harrow Vale Freight Ltd,GB 284 6135 72,harrowvale.co.uk,020 7946 0871,12 Quay Road,London,E14 9RT,GB",
    "Harrow Vale Freight Limited,GB284613572,www.harrowvale.co.uk,+44 20 7946 0871,12 Quay Rd,London,E14 9RT,GB",
    "HARROW VALE FREIGHT LTD,GB284613572,harrowvale.co.uk,02079460871,12 Quay Road,LONDON,E149RT,GB",
    "Harrow Vale Freight,GB 284613572,http://harrowvale.co.uk,+442079460871,12 Quay Road,London,E14 9RT,United Kingdom",
    "Harrow-Vale Freight Ltd,GB284613572,harrowvale.co.uk,020 7946 0871,Unit 12 Quay Road,London,E14 9RT,GB",
)  # fmt: skip
NEWCOMER = "N1,Harrow Vale Freight Ltd.,GB284613572,,,,London,E14 9RT,GB\n"


def test_a_new_record_found_with_two_of_five_members_joins_once_the_other_three_are_scored(
    session: Session, uow: UnitOfWork
) -> None:
    load_generated(uow)
    for n, row in enumerate(MEMBERS):
        load(uow, f"s{n}", f"M{n},{row}\n")
    resolve_pending(uow, "customer")
    members = {record_id(session, f"s{n}", f"M{n}") for n in range(len(MEMBERS))}
    assert any(group == members for group in partition(session))
    # the keys of three members left out of the index, as a common key's window pairs a
    # new record with its nearest names only
    hidden = sorted(members)[2:]
    uow.sources.replace_keys("customer", hidden, [])
    load(uow, "erp", NEWCOMER)
    newcomer = record_id(session, "erp", "N1")

    assert resolve_pending(uow, "customer").mode == "incremental"
    assert any(group == {*members, newcomer} for group in partition(session))
    linked = {pair for pair, decision in links_of(session, newcomer) if decision == "auto"}
    assert linked == {frozenset((newcomer, member)) for member in members}
