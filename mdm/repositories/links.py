"""Scored pairs and the review tasks made from the doubtful ones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching import Link
from mdm.db.bulk import as_json, copy_rows, execute_staged
from mdm.repositories.fragments import among, either_side_among
from mdm.repositories.match_work import NOTHING_AGAINST

STORE_LINKS_SQL = """
    INSERT INTO match_link (entity, left_record_id, right_record_id, probability,
                            match_weight, explanation, decision, decided_by, created_at, updated_at)
    SELECT DISTINCT ON (l, r) :e, l, r, p, w, e, d, 'model', :now, :now FROM link_tmp
    ORDER BY l, r, p DESC
    ON CONFLICT (left_record_id, right_record_id) DO UPDATE
    SET probability = EXCLUDED.probability, match_weight = EXCLUDED.match_weight,
        explanation = EXCLUDED.explanation, updated_at = EXCLUDED.updated_at,
        decision = CASE WHEN match_link.decision IN ('steward_merge', 'steward_distinct')
                        THEN match_link.decision ELSE EXCLUDED.decision END
    """


def store_links(session: Session, entity: str, links: Sequence[Link], now: datetime) -> None:
    """Upsert model links; a pair a steward decided keeps the steward's decision."""
    if not links:
        return
    rows = []
    for link in links:
        left, right = sorted((int(link.left_id), int(link.right_id)))
        rows.append(
            (
                left,
                right,
                link.probability,
                link.explanation.total_weight,
                as_json(link.explanation.to_dict()),
                link.decision,
            )
        )
    execute_staged(
        session, STORE_LINKS_SQL, {"e": entity, "now": now}, "link_tmp",
        "l bigint, r bigint, p float8, w float8, e jsonb, d text", rows, lz4=True,
    )  # fmt: skip


def store_run_links(session: Session, entity: str, run_id: object, now: datetime) -> None:
    """``store_links`` for the links the blocks of a bulk run staged (match_work_link)."""
    session.execute(
        text(STORE_LINKS_SQL.replace("FROM link_tmp", "FROM match_work_link WHERE run_id = :run")),
        {"e": entity, "now": now, "run": run_id},
    )


def supersede_stale(
    session: Session, entity: str, record_ids: Sequence[int] | None, now: datetime
) -> None:
    """Model links of ``record_ids`` (None: of every record of ``entity``) that this run, at
    ``now``, did not score again describe the records as they were before they changed: they
    stop counting as evidence (decision ``superseded``), and their open review tasks leave the
    queue (status ``superseded``: the pair no longer holds what a steward would look at).
    Stewards' decisions stay."""
    scope = "" if record_ids is None else f"AND {either_side_among('match_link')}"
    session.execute(
        text(
            f"""
            WITH stale AS (
                UPDATE match_link SET decision = 'superseded' WHERE entity = :e
                AND decision IN ('auto', 'review') AND updated_at < :now {scope}
                RETURNING id
            )
            UPDATE review_task SET status = 'superseded', decided_by = 'matcher',
                   decided_at = :now, version = version + 1
            WHERE status IN ('open', 'deferred') AND link_id IN (SELECT id FROM stale)
            """
        ),
        {"e": entity, "now": now, "ids": list(record_ids or ())},
    )


def open_review_tasks(
    session: Session, entity: str, cluster_of: Mapping[int, int], now: datetime,
    *, whole: bool = False,
) -> int:  # fmt: skip
    """Open a task for every review-band link between records of ``cluster_of`` that sit in
    different clusters and that no steward has settled. ``whole``: ``cluster_of`` holds every
    record of the entity (a bulk run); otherwise only the links among its records are read, and
    a link outside it, whose clusters this run did not see, is left as it is."""
    scope = "" if whole else f"AND {among('l.left_record_id')} AND {among('l.right_record_id')}"
    rows = session.execute(
        text(
            f"""
            SELECT l.id, l.left_record_id, l.right_record_id, l.probability
            FROM match_link l
            WHERE l.entity = :e AND l.decision = 'review' {scope}
              AND NOT EXISTS (SELECT 1 FROM review_task t WHERE t.link_id = l.id
                              AND t.status IN ('open', 'deferred'))
              AND NOT EXISTS (SELECT 1 FROM match_constraint c WHERE c.active
                              AND c.left_record_id = l.left_record_id
                              AND c.right_record_id = l.right_record_id)
            """
        ),
        {"e": entity} if whole else {"e": entity, "ids": list(cluster_of)},
    ).all()
    new = [
        (entity, link_id, _priority(p), "open", 1, now)
        for link_id, p in _one_per_pair(rows, cluster_of)
    ]
    copy_rows(
        session,
        "review_task",
        ("entity", "link_id", "priority", "status", "version", "created_at"),
        new,
    )
    return len(new)


def _one_per_pair(rows: Sequence[Any], cluster_of: Mapping[int, int]) -> list[tuple[int, float]]:
    """(link id, probability) of the most probable link between each pair of clusters: one
    task asks whether two clusters are one thing, however many members they have."""
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for link_id, left, right, p in rows:
        a, b = cluster_of.get(left), cluster_of.get(right)
        if a is None or b is None or a == b:
            continue
        pair = (min(a, b), max(a, b))
        if pair not in best or (p, -link_id) > (best[pair][0], -best[pair][1]):
            best[pair] = (p, link_id)
    return sorted((link_id, p) for p, link_id in best.values())


def _priority(probability: float) -> int:
    """Closest to a coin toss first: those are the decisions the model is least sure of."""
    return round(100 - abs(probability - 0.5) * 200)


def stored_links(
    session: Session, entity: str, record_ids: Sequence[int]
) -> tuple[list[tuple[str, str, float]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(left, right, probability) of the links kept in match_link between records of
    ``record_ids`` (a link is kept when it scored above the lower threshold, so a pair without
    one is distinct), (left, right) of those holding no evidence against: no comparison of
    their explanation weighs less than 0, and (left, right) of those decided distinct, for
    want of evidence a steward could link on (``matching.clustering``). One read of all."""
    if len(record_ids) < 2:
        return [], [], []
    rows = session.execute(
        text(
            "SELECT left_record_id, right_record_id, probability, "
            f"{NOTHING_AGAINST.format(explanation='explanation')}, decision FROM match_link "
            f"WHERE entity = :e AND {among('left_record_id')} AND {among('right_record_id')} "
            "AND decision <> 'superseded'"
        ),
        {"e": entity, "ids": list(record_ids)},
    ).all()
    links = [(str(left), str(right), float(p)) for left, right, p, _, _ in rows]
    quiet = [
        (str(left), str(right)) for left, right, _, nothing_against, _ in rows if nothing_against
    ]
    distinct = [(str(left), str(right)) for left, right, *_, d in rows if d == "distinct"]
    return links, quiet, distinct
