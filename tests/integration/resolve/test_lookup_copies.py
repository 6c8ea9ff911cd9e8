"""A lookup counts a group of copies once against a key's caps, as bulk and incremental runs do
(``matching.copies``, ``blocking_keys.KEY_BLOCKS_SQL``): a probe sharing a key with its customer
and with many copies of one other record still finds its customer through that key, and the
key is evidence where the groups are few enough."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from matching import Matcher
from mdm.domain.canonical import canonicalise
from mdm.repositories.candidates import ProbeKeys, candidates_of
from mdm.resolve.lookup import find_matches, probe_keys
from mdm.resolve.matcher_settings import matcher_settings
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import (
    CRM,
    ERP,
    golden_of,
    load,
    load_generated,
    record_id,
)

# a switchboard's customer loaded again and again (one record, many keys in its system): it
# shares Northwind's phone (crm A1 and erp E1, one golden record), and nothing else
SWITCHBOARD = "Zephyr Orchard Cooperative,,,020 7946 0001,9 Other Road,London,,GB\n"
# Northwind misspelt: it shares the phone with A1 and E1 and, of their other keys, too few
PROBE = {"name": "Northwnd Logistics Ltd", "city": "London", "country": "GB",
         "phone": "+44 20 7946 0001"}  # fmt: skip


def _copies(count: int) -> str:
    return "".join(f"S{n},{SWITCHBOARD}" for n in range(count))


def _load(uow: UnitOfWork, copies: int) -> None:
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    load(uow, "shop", _copies(copies))
    resolve_pending(uow, "customer")


def _load_among_others(uow: UnitOfWork, copies: int) -> None:
    """``_load`` among generated customers: a model trained on more than a few records."""
    load_generated(uow)
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    load(uow, "shop", _copies(copies))
    resolve_pending(uow, "customer")


def _probe_keys(
    uow: UnitOfWork, phone_cap: int | None = None, phone_evidence: int | None = None
) -> ProbeKeys:
    """The probe's keys; with ``phone_cap``, the phone rule's cap (and evidence cap, but for
    ``phone_evidence``) set so."""
    row = canonicalise("customer", {"source_id": "probe", **PROBE})
    matcher = Matcher(matcher_settings(uow, "customer"))
    keys = probe_keys(matcher, matcher.prepare([{**row.values, "id": "0"}]))
    if phone_cap is None:
        return keys
    phone = [key.startswith("phone:") for key in keys.keys]
    assert any(phone)
    evidence = phone_cap if phone_evidence is None else phone_evidence
    return replace(
        keys,
        caps=[phone_cap if p else c for p, c in zip(phone, keys.caps, strict=True)],
        evidence=[evidence if p else c for p, c in zip(phone, keys.evidence, strict=True)],
    )


def _found(session: Session, keys: ProbeKeys) -> set[int]:
    found = candidates_of(session, "customer", keys, cap=200, budget=100)
    return {int(str(c.record["id"])) for c in found.candidates}


def _northwind(session: Session) -> set[int]:
    return {record_id(session, "crm", "A1"), record_id(session, "erp", "E1")}


def test_a_probe_finds_its_customer_beside_more_copies_of_a_record_than_its_key_pairs(
    session: Session, uow: UnitOfWork
) -> None:
    _load_among_others(uow, 200)  # the phone held by 202 records in 3 groups: a bulk run pairs
    found = find_matches(uow, "customer", PROBE)  # the probe with each
    assert golden_of(session, "crm", "A1") in {c.golden_id for c in found}
    # each group of copies read as its first record
    first = record_id(session, "shop", "S0")
    assert _found(session, _probe_keys(uow)) == {*_northwind(session), first}


def test_copies_count_once_in_a_key_of_a_lower_cap(session: Session, uow: UnitOfWork) -> None:
    _load(uow, 6)  # the phone held by 8 records in 3 groups, the probe the fourth
    first = record_id(session, "shop", "S0")
    assert _found(session, _probe_keys(uow, phone_cap=4)) == {*_northwind(session), first}
    assert _found(session, _probe_keys(uow, phone_cap=3)) == set()  # 3 groups and the probe


def test_records_that_differ_count_each(session: Session, uow: UnitOfWork) -> None:
    _load(uow, 0)
    load(uow, "shop", "".join(f"S{n},Shop {n} Ltd,,,020 7946 0001,9 Other Road,London,,GB\n"
                              for n in range(3)))  # fmt: skip
    resolve_pending(uow, "customer")
    assert _found(session, _probe_keys(uow, phone_cap=5)) == set()  # 5 records and the probe
    assert len(_found(session, _probe_keys(uow, phone_cap=6))) == 5


def test_copies_count_once_against_a_keys_evidence_cap(session: Session, uow: UnitOfWork) -> None:
    _load(uow, 6)  # the phone held by 8 records in 3 groups, the probe the fourth: within
    first = record_id(session, "shop", "S0")  # a cap of 200, evidence at an evidence cap of 4
    evident = _probe_keys(uow, phone_cap=200, phone_evidence=4)
    assert _found(session, evident) == {*_northwind(session), first}
    assert first not in _found(session, _probe_keys(uow, phone_cap=200, phone_evidence=3))
