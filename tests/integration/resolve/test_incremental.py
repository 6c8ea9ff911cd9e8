"""Incremental resolution: only pairs touching a pending record are scored, stored links stand
for the others, and stewards' constraints hold."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import CRM, ERP, golden_of, load, record_id

NORTHWIND = "B1,Northwind Logistics Limited,GB123456789,northwind.co.uk,+44 20 7946 0001,1 High Street,London,EC1A 1BB,GB\n"  # fmt: skip
BRIGHTWATER = "B2,Brightwater Capital GmbH,DE136695976,brightwater.de,030 1234567,Hauptstr. 5,Berlin,10115,DE\n"  # fmt: skip
LONER = "B3,Zephyr Orchard Cooperative,,zephyr-orchard.coop,,9 Apple Lane,Hobart,7000,AU\n"


def links_of(session: Session) -> dict[tuple[int, int], tuple[float, object]]:
    rows = session.execute(
        text("SELECT left_record_id, right_record_id, probability, updated_at FROM match_link")
    )
    return {(left, right): (p, at) for left, right, p, at in rows}


def crm_and_erp_matched(uow: UnitOfWork) -> None:
    """The CRM and the ERP loaded and resolved in bulk: what each test starts from."""
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer")


def task_statuses(session: Session, left: int, right: int) -> list[str]:
    """The statuses of the review tasks of the link between two records."""
    return list(
        session.execute(
            text(
                "SELECT t.status FROM review_task t JOIN match_link l ON l.id = t.link_id "
                "WHERE l.left_record_id = :l AND l.right_record_id = :r"
            ),
            {"l": left, "r": right},
        ).scalars()
    )


def constrain(session: Session, kind: str, a: int, b: int) -> None:
    left, right = sorted((a, b))
    session.execute(
        text(
            "INSERT INTO match_constraint (entity, left_record_id, right_record_id, kind, "
            "created_by, created_at, active) VALUES ('customer', :l, :r, :k, 'steward', now(), true)"
        ),
        {"l": left, "r": right, "k": kind},
    )


def test_a_new_record_joins_the_golden_record_and_stored_links_are_kept(
    session: Session, uow: UnitOfWork
) -> None:
    crm_and_erp_matched(uow)
    northwind = golden_of(session, "crm", "A1")
    before = links_of(session)
    a1, e1 = record_id(session, "crm", "A1"), record_id(session, "erp", "E1")
    assert tuple(sorted((a1, e1))) in before
    load(uow, "beta", NORTHWIND)
    summary = resolve_pending(uow, "customer")
    assert summary.mode == "incremental"
    assert [name for name, _ in summary.stages] == [
        "read and prepare", "match", "links", "golden records", "review tasks",
    ]  # fmt: skip
    assert golden_of(session, "beta", "B1") == northwind == golden_of(session, "erp", "E1")
    after = links_of(session)
    b1 = record_id(session, "beta", "B1")
    assert {pair: after[pair] for pair in before} == before  # untouched pairs: not rescored
    assert {pair for pair in after if pair not in before} <= {
        tuple(sorted((b1, other))) for other in (a1, e1)
    }
    assert summary.candidate_pairs == 2  # B1 with A1 and with E1; A1-E1 is not scored again
    statuses = dict(
        session.execute(text("SELECT status, count(*) FROM golden_record GROUP BY 1")).all()
    )
    assert statuses == {"active": 4}


def test_only_pairs_touching_a_pending_record_are_paired_and_a_component_is_completed(
    session: Session, uow: UnitOfWork
) -> None:
    crm_and_erp_matched(uow)
    brightwater = sorted((record_id(session, "crm", "A2"), record_id(session, "erp", "E2")))
    before = links_of(session)[(brightwater[0], brightwater[1])]
    session.execute(
        text("DELETE FROM match_link WHERE left_record_id <> :b"), {"b": brightwater[0]}
    )
    load(uow, "beta", NORTHWIND)  # as if A1-E1 had never been scored
    summary = resolve_pending(uow, "customer")
    assert summary.mode == "incremental"
    assert summary.candidate_pairs == 2
    a1, e1 = record_id(session, "crm", "A1"), record_id(session, "erp", "E1")
    # B1 links surely to both: the pair of theirs it brings into one component is completed
    # (``matching.completion``), the pairs of records it does not touch are not scored again
    assert tuple(sorted((a1, e1))) in links_of(session)
    assert links_of(session)[(brightwater[0], brightwater[1])] == before
    # B1 links strongly to both, which is enough evidence to bring the three together
    assert golden_of(session, "beta", "B1") == golden_of(session, "crm", "A1")
    assert golden_of(session, "crm", "A1") == golden_of(session, "erp", "E1")


def test_a_cannot_link_keeps_a_new_record_apart(session: Session, uow: UnitOfWork) -> None:
    crm_and_erp_matched(uow)
    brightwater = golden_of(session, "crm", "A2")
    load(uow, "beta", BRIGHTWATER)
    b2 = record_id(session, "beta", "B2")
    constrain(session, "cannot_link", b2, record_id(session, "crm", "A2"))
    summary = resolve_pending(uow, "customer")
    assert summary.mode == "incremental"
    assert golden_of(session, "beta", "B2") != brightwater
    assert golden_of(session, "crm", "A2") == golden_of(session, "erp", "E2") == brightwater


def test_a_must_link_brings_a_new_record_in_without_evidence(
    session: Session, uow: UnitOfWork
) -> None:
    crm_and_erp_matched(uow)
    load(uow, "beta", LONER)
    resolve_pending(uow, "customer")
    loner = golden_of(session, "beta", "B3")
    assert loner not in {golden_of(session, "crm", s) for s in ("A1", "A2", "A3")}
    # a steward says the loner is Kestrel; a changed loner comes back to matching
    constrain(
        session, "must_link", record_id(session, "beta", "B3"), record_id(session, "crm", "A3")
    )
    session.execute(text("UPDATE source_record SET pending_match = true WHERE source_id = 'B3'"))
    summary = resolve_pending(uow, "customer")
    assert summary.mode == "incremental"
    assert golden_of(session, "beta", "B3") == golden_of(session, "crm", "A3")


def test_links_of_a_record_that_changed_out_of_its_match_stop_counting(
    session: Session, uow: UnitOfWork
) -> None:
    crm_and_erp_matched(uow)
    a1, e1 = record_id(session, "crm", "A1"), record_id(session, "erp", "E1")
    assert golden_of(session, "crm", "A1") == golden_of(session, "erp", "E1")
    moved = ERP.replace(ERP.splitlines(keepends=True)[0], LONER.replace("B3,", "E1,"))
    load(uow, "erp", moved)  # E1 is now another company, sharing no key with A1
    assert resolve_pending(uow, "customer").mode == "incremental"
    assert golden_of(session, "crm", "A1") != golden_of(session, "erp", "E1")
    decision = session.execute(
        text("SELECT decision FROM match_link WHERE left_record_id = :l AND right_record_id = :r"),
        {"l": min(a1, e1), "r": max(a1, e1)},
    ).scalar_one()
    assert decision == "superseded"


def test_an_open_task_on_a_pair_that_changed_leaves_the_queue(
    session: Session, uow: UnitOfWork
) -> None:
    crm_and_erp_matched(uow)
    a1, e1 = record_id(session, "crm", "A1"), record_id(session, "erp", "E1")
    pair = {"l": min(a1, e1), "r": max(a1, e1)}
    session.execute(  # as if the pair had been doubtful
        text(
            "INSERT INTO review_task (entity, link_id, priority, status, version, created_at) "
            "SELECT 'customer', id, 50, 'open', 1, now() FROM match_link "
            "WHERE left_record_id = :l AND right_record_id = :r"
        ),
        pair,
    )
    moved = ERP.replace(ERP.splitlines(keepends=True)[0], LONER.replace("B3,", "E1,"))
    load(uow, "erp", moved)
    resolve_pending(uow, "customer")
    assert task_statuses(session, pair["l"], pair["r"]) == ["superseded"]


def test_a_review_link_inside_one_golden_record_gets_no_task_from_an_unrelated_run(
    session: Session,
    uow: UnitOfWork,
) -> None:
    """A review-band link whose two records already share a golden record (through stronger
    links) has no task; resolving an unrelated new record must not open one for it."""
    crm_and_erp_matched(uow)
    a1, e1 = sorted((record_id(session, "crm", "A1"), record_id(session, "erp", "E1")))
    assert golden_of(session, "crm", "A1") == golden_of(session, "erp", "E1")
    session.execute(
        text(
            "UPDATE match_link SET decision = 'review' WHERE left_record_id = :l AND right_record_id = :r"
        ),
        {"l": a1, "r": e1},
    )
    load(uow, "beta", LONER)
    resolve_pending(uow, "customer")
    assert task_statuses(session, a1, e1) == []


def test_stored_links_name_those_holding_no_evidence_against_as_their_explanations_say(
    session: Session, uow: UnitOfWork
) -> None:
    """The incremental clustering reads which stored links are quiet (no comparison weighing
    below 0, but at a level that leaves the link quiet) in SQL, from the same explanations
    the library judges them by."""
    crm_and_erp_matched(uow)
    session.execute(  # one link with a comparison against it (a differing phone, say)
        text(
            "UPDATE match_link SET explanation = jsonb_set(explanation, "
            "'{comparisons,0,weight}', '-1.5') WHERE id = (SELECT min(id) FROM match_link)"
        )
    )
    second = "(SELECT min(id) FROM match_link WHERE id > (SELECT min(id) FROM match_link))"
    session.execute(  # and one against at a level that leaves it quiet (two firms' titles)
        text(
            "UPDATE match_link SET explanation = jsonb_set(jsonb_set(explanation, "
            "'{comparisons,0,weight}', '-1.5'), '{comparisons,0,quiet}', 'true') "
            f"WHERE id = {second}"
        )
    )
    session.execute(  # and one the matcher decided distinct (a shared name and no more)
        text(
            "UPDATE match_link SET decision = 'distinct' WHERE id = (SELECT max(id) FROM match_link)"
        )
    )
    rows = session.execute(
        text("SELECT left_record_id, right_record_id, explanation, decision FROM match_link")
    ).all()
    expected = {
        (str(left), str(right))
        for left, right, explanation, _ in rows
        if all(part["weight"] >= 0 or part["quiet"] for part in explanation["comparisons"])
    }
    assert expected and len(expected) < len(rows)  # both kinds are there to tell apart
    assert any(  # the quiet one against is among them
        any(part["weight"] < 0 for part in explanation["comparisons"])
        for left, right, explanation, _ in rows
        if (str(left), str(right)) in expected
    )
    ids = sorted({r for left, right, *_ in rows for r in (left, right)})
    links, quiet, distinct = uow.matches.stored_links("customer", ids)
    assert {(left, right) for left, right, _ in links} == {(str(a), str(b)) for a, b, *_ in rows}
    assert set(quiet) == expected
    assert set(distinct) == {(str(a), str(b)) for a, b, _, d in rows if d == "distinct"}
    assert distinct  # the one set so at least
