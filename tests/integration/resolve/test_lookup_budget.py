""" "Does this customer already exist?" reads a budget of candidates, the records sharing the
most and rarest keys with the probe: a key many records share does not crowd out the one
record the probe names."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from matching import Matcher
from mdm.domain.canonical import canonicalise
from mdm.repositories.candidates import ProbeKeys, candidates_of
from mdm.resolve.lookup import CANDIDATE_BUDGET, find_matches, probe_keys
from mdm.resolve.matcher_settings import matcher_settings
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import CRM, ERP, golden_of, load, record_id

WORDS = (
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
    "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo",
    "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "Xray", "Yankee", "Zulu", "Amber",
    "Basalt", "Cobalt", "Dune", "Ember", "Flint",
)  # fmt: skip
# Customers sharing the probe's phone (a switchboard), in the probe's city: each is a
# candidate a bulk run would pair with the probe (a phone pairs alone), sharing nothing rarer
DECOYS = "".join(
    f"D{n},{word} Holdings Ltd,,,020 7946 0001,{n} Other Road,London,,GB\n"
    for n, word in enumerate(WORDS)
)
# crm A1 and erp E1 (one golden record) are the customer the probe names
PROBE = {"name": "Northwind Logistics", "country": "GB", "city": "London",
         "phone": "+44 20 7946 0001"}  # fmt: skip


# E1 with A1's website: the two records are one golden record by a margin. Without it they
# scored 0.9901 against the 0.99 bar once the decoys had trained the model (tax id and phone
# weigh little in a model of 38 records), and any change to the model's levels moved them
# across it
ERP_WITH_SITE = ERP.replace(
    "E1,NORTHWIND LOGISTICS LIMITED,GB 123 4567 89,,",
    "E1,NORTHWIND LOGISTICS LIMITED,GB 123 4567 89,northwind.co.uk,",
)


def _load(uow: UnitOfWork) -> None:
    assert ERP_WITH_SITE != ERP
    load(uow, "crm", CRM)
    load(uow, "erp", ERP_WITH_SITE)
    resolve_pending(uow, "customer")  # the model, of customers that do not share phones
    load(uow, "shop", DECOYS)
    resolve_pending(uow, "customer")


def _probe_keys(uow: UnitOfWork) -> ProbeKeys:
    row = canonicalise("customer", {"source_id": "probe", **PROBE})
    matcher = Matcher(matcher_settings(uow, "customer"))
    return probe_keys(matcher, matcher.prepare([{**row.values, "id": "0", "source": "probe"}]))


def test_more_records_share_a_common_key_than_the_budget_reads(
    session: Session, uow: UnitOfWork
) -> None:
    _load(uow)
    assert len(WORDS) > CANDIDATE_BUDGET
    found = candidates_of(session, "customer", _probe_keys(uow), cap=200, budget=2)
    named = {str(record_id(session, system, source_id)) for system, source_id in
             (("crm", "A1"), ("erp", "E1"))}  # fmt: skip
    assert {str(c.record["id"]) for c in found.candidates} == named
    everyone = candidates_of(session, "customer", _probe_keys(uow), cap=200, budget=100)
    assert len(everyone.candidates) == len(WORDS) + 2  # the budget, not the keys, held it back


def test_the_right_golden_record_comes_first_within_the_budget(
    session: Session, uow: UnitOfWork
) -> None:
    _load(uow)
    found = find_matches(uow, "customer", PROBE, limit=1)
    assert [c.golden_id for c in found] == [golden_of(session, "crm", "A1")]


def _phone_capped(keys: ProbeKeys, cap: int) -> ProbeKeys:
    """``keys`` with the phone rule's cap (and evidence cap) set to ``cap``."""
    phone = [key.startswith("phone:") for key in keys.keys]
    assert any(phone)
    return replace(
        keys,
        caps=[cap if p else c for p, c in zip(phone, keys.caps, strict=True)],
        evidence=[cap if p else c for p, c in zip(phone, keys.evidence, strict=True)],
    )


def test_a_key_pairs_while_its_holders_and_the_probe_stay_within_its_cap(
    session: Session, uow: UnitOfWork
) -> None:
    # each key is read no further than its rule's cap: enough to tell a key the probe's pairs
    # fit in (one holder fewer than the cap) from one they overflow (as many as the cap)
    _load(uow)
    holders = len(WORDS) + 2  # the decoys and the customer the probe names share the phone
    within = candidates_of(session, "customer", _phone_capped(_probe_keys(uow), holders + 1),
                           cap=200, budget=100)  # fmt: skip
    assert len(within.candidates) == holders
    over = candidates_of(session, "customer", _phone_capped(_probe_keys(uow), holders),
                         cap=200, budget=100)  # fmt: skip
    named = {str(record_id(session, system, source_id)) for system, source_id in
             (("crm", "A1"), ("erp", "E1"))}  # fmt: skip
    assert {str(c.record["id"]) for c in over.candidates} == named  # through its name alone
