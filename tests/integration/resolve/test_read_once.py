"""An incremental run reads the members of the golden records it touches once per group of
equal records (``records_read_once``): the links and golden records come out as when every
member was read one by one, on a golden record of copies more than its keys pair."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from matching import Matcher, Prepared, Resolution, resolve_around
from mdm.repositories import golden as golden_repo
from mdm.resolve import incremental
from mdm.resolve.matcher_settings import matcher_settings
from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import CRM, ERP, load, load_generated

NORTHWIND = CRM.splitlines()[0].partition(",")[2]
COPIES = "".join(f"A1-{n},{NORTHWIND}\n" for n in range(210))  # more than a key pairs
SHOUTED = f"A1-up,{NORTHWIND.upper()}\n"  # other values, maybe the same features
NAME_ONLY = "Z1,Zephyr Orchard Cooperative,,,,,,,\nZ2,Zephyr Orchard Cooperative,,,,,,,\n"
E1_MOVED = "E1,NORTHWIND LOGISTICS LIMITED,GB 123 4567 89,,+44 20 7946 0002,1 High St,London,EC1A1BB,GB\n"  # fmt: skip


def resolved_with_copies(uow: UnitOfWork) -> None:
    """Northwind held by A1, 210 copies of it, a shouted A1 and E1, among generated
    customers, resolved in bulk; then E1 changed, pending."""
    load_generated(uow)
    load(uow, "crm", CRM + COPIES + SHOUTED + NAME_ONLY)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")
    load(uow, "erp", E1_MOVED)


def matcher_of(uow: UnitOfWork) -> Matcher:
    settings = matcher_settings(uow, "customer")
    stored = uow.models.load("customer", settings.comparisons)
    assert stored is not None
    return Matcher(settings, stored.scoring(uow.sources.count_active("customer")))


def partition(session: Session) -> set[frozenset[int]]:
    ids = [int(i) for i in session.execute(text("SELECT id FROM source_record")).scalars()]
    groups: dict[object, set[int]] = {}
    for record, golden in golden_repo.golden_ids_for(session, ids).items():
        groups.setdefault(golden, set()).add(record)
    return {frozenset(group) for group in groups.values()}


def outcome(resolution: Resolution) -> tuple[object, ...]:
    links = sorted(
        (link.left_id, link.right_id, link.probability, link.decision) for link in resolution.links
    )
    return links, resolution.clusters


def test_members_read_once_resolve_as_the_members_read_one_by_one(uow: UnitOfWork) -> None:
    resolved_with_copies(uow)
    matcher = matcher_of(uow)
    pending = uow.sources.pending_ids("customer")
    around = incremental.neighbourhood(uow, matcher, "customer", pending)
    others = [r for r in around.records if r not in set(pending)]
    one_by_one = uow.sources.records_by_id("customer", others)
    assert len(others) > 200 > len(uow.sources.records_read_once("customer", others))
    prepared = matcher.prepare(one_by_one)
    read = around.candidates
    assert read.ids.tolist() == prepared.ids.tolist()
    assert read.sources.tolist() == prepared.sources.tolist()
    for name, column in prepared.columns.items():
        assert np.array_equal(read.columns[name], column), name

    def resolved(candidates: object) -> tuple[object, ...]:
        return outcome(resolve_around(
            matcher, around.pending, candidates, around.blocks,  # type: ignore[arg-type]
            stored_links=around.stored_links, stored_quiet=around.stored_quiet,
            around=[str(r) for r in around.records],
        ))  # fmt: skip

    links, clusters = resolved(read)
    assert (links, clusters) == resolved(one_by_one)
    assert max(len(c) for c in clusters) > 200  # type: ignore[arg-type]


def links_kept(session: Session) -> set[tuple[object, ...]]:
    return set(
        session.execute(
            text("SELECT left_record_id, right_record_id, probability, decision FROM match_link")
        ).all()
    )


def read_one_by_one(uow: UnitOfWork, matcher: Matcher, entity: str, ids: Sequence[int]) -> Prepared:
    """What the neighbourhood read before: every record by itself."""
    return matcher.prepare(uow.sources.records_by_id(entity, ids))


def test_an_incremental_run_on_a_golden_record_of_copies_ends_as_reading_one_by_one(
    session: Session, uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolved_with_copies(uow)
    runs = []
    for read in (incremental.read_once, read_one_by_one):
        monkeypatch.setattr(incremental, "read_once", read)
        savepoint = session.begin_nested()
        assert resolve_pending(uow, "customer").mode == "incremental"
        runs.append((partition(session), links_kept(session)))
        savepoint.rollback()
    (goldens, links), before = runs
    assert max(len(group) for group in goldens) > 200
    assert (goldens, links) == before
