"""Stewards' must-link and cannot-link constraints: they outlive every re-match, and the
matcher takes them as they are."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.repositories.fragments import live

IdPair = tuple[str, str]


def load(session: Session, entity: str) -> tuple[list[IdPair], list[IdPair]]:
    """The entity's active (must-link, cannot-link) pairs, as the matcher takes them."""
    rows = session.execute(
        text(
            "SELECT left_record_id, right_record_id, kind FROM match_constraint "
            "WHERE entity = :e AND active"
        ),
        {"e": entity},
    )
    must: list[IdPair] = []
    cannot: list[IdPair] = []
    for left, right, kind in rows:
        (must if kind == "must_link" else cannot).append((str(left), str(right)))
    return must, cannot


def counts(session: Session, entity: str) -> dict[str, int]:
    """How many active constraints the entity has, per kind (``must_link``, ``cannot_link``)."""
    rows = session.execute(
        text(
            "SELECT kind, count(*) FROM match_constraint WHERE entity = :e AND active GROUP BY kind"
        ),
        {"e": entity},
    )
    return {"must_link": 0, "cannot_link": 0, **{str(kind): int(n) for kind, n in rows}}


def add(
    session: Session, entity: str, left: int, right: int, kind: str, user: str, reason: str | None
) -> None:
    """Record must_link / cannot_link for a pair, replacing any opposite active constraint."""
    add_many(session, entity, [(left, right)], kind, user, reason)


def add_many(
    session: Session,
    entity: str,
    pairs: Sequence[tuple[int, int]],
    kind: str,
    user: str,
    reason: str | None,
) -> None:
    """The same for many pairs in two statements (a split constrains every pair across it)."""
    ordered = sorted({(min(a, b), max(a, b)) for a, b in pairs})
    lows, highs = [p[0] for p in ordered], [p[1] for p in ordered]
    params = {"lows": lows, "highs": highs}
    session.execute(
        text(
            "UPDATE match_constraint c SET active = false FROM unnest(:lows, :highs) AS p(l, r) "
            "WHERE c.active AND c.left_record_id = p.l AND c.right_record_id = p.r"
        ),
        params,
    )
    session.execute(
        text(
            "INSERT INTO match_constraint (entity, left_record_id, right_record_id, kind, reason, "
            "created_by, created_at, active) "
            "SELECT :e, l, r, :k, :why, :by, now(), true FROM unnest(:lows, :highs) AS p(l, r)"
        ),
        {**params, "e": entity, "k": kind, "why": reason, "by": user},
    )


def cannot_links_between(session: Session, left: Iterable[int], right: Iterable[int]) -> int:
    return int(
        session.execute(
            text(
                "SELECT count(*) FROM match_constraint WHERE active AND kind = 'cannot_link' AND "
                "((left_record_id = ANY(:a) AND right_record_id = ANY(:b)) OR "
                " (left_record_id = ANY(:b) AND right_record_id = ANY(:a)))"
            ),
            {"a": list(left), "b": list(right)},
        ).scalar_one()
    )


def drop_must_links_between(session: Session, left: Iterable[int], right: Iterable[int]) -> None:
    session.execute(
        text(
            "UPDATE match_constraint SET active = false WHERE active AND kind = 'must_link' AND "
            "((left_record_id = ANY(:a) AND right_record_id = ANY(:b)) OR "
            " (left_record_id = ANY(:b) AND right_record_id = ANY(:a)))"
        ),
        {"a": list(left), "b": list(right)},
    )


CONSTRAINT_FIELDS = ("id", "kind", "left", "right", "reason", "created_by", "created_at")

BETWEEN_SQL = """
SELECT c.id, c.kind, ls.name || ' ' || lr.source_id, rs.name || ' ' || rr.source_id, c.reason,
       c.created_by, c.created_at
FROM match_constraint c
JOIN source_record lr ON lr.id = c.left_record_id JOIN source_system ls ON ls.id = lr.system_id
JOIN source_record rr ON rr.id = c.right_record_id JOIN source_system rs ON rs.id = rr.system_id
WHERE c.active AND c.kind = :k AND
      ((c.left_record_id = ANY(:a) AND c.right_record_id = ANY(:b)) OR
       (c.left_record_id = ANY(:b) AND c.right_record_id = ANY(:a)))
ORDER BY c.created_at, c.id
"""


def between(
    session: Session, kind: str, left: Iterable[int], right: Iterable[int]
) -> list[dict[str, Any]]:
    """Active ``kind`` constraints joining a record of ``left`` to one of ``right``, with the
    records named "system source_id" (fields: CONSTRAINT_FIELDS)."""
    rows = session.execute(text(BETWEEN_SQL), {"k": kind, "a": list(left), "b": list(right)})
    return [dict(zip(CONSTRAINT_FIELDS, row, strict=True)) for row in rows]


def deactivate(session: Session, constraint_ids: Sequence[int]) -> None:
    session.execute(
        text("UPDATE match_constraint SET active = false WHERE id = ANY(:ids)"),
        {"ids": list(constraint_ids)},
    )


CANNOT_LINKED_GOLDENS_SQL = f"""
SELECT DISTINCT least(a.golden_id, b.golden_id), greatest(a.golden_id, b.golden_id)
FROM match_constraint c
JOIN xref a ON a.source_record_id = c.left_record_id AND {live("a")}
JOIN xref b ON b.source_record_id = c.right_record_id AND {live("b")}
WHERE c.entity = :e AND c.active AND c.kind = 'cannot_link' AND a.golden_id <> b.golden_id
"""


# the same, among the golden records :g, found from their members (not from every constraint)
CANNOT_LINKED_AMONG_SQL = f"""
SELECT DISTINCT least(a.golden_id, b.golden_id), greatest(a.golden_id, b.golden_id)
FROM xref a
JOIN match_constraint c ON c.left_record_id = a.source_record_id AND c.active
JOIN xref b ON b.source_record_id = c.right_record_id AND {live("b")}
WHERE a.golden_id = ANY(:g) AND {live("a")} AND b.golden_id = ANY(:g)
  AND c.entity = :e AND c.kind = 'cannot_link' AND a.golden_id <> b.golden_id
"""


def cannot_linked_goldens(
    session: Session, entity: str, among: Collection[Any] | None = None
) -> set[tuple[Any, Any]]:
    """Pairs (lower id first) of golden records a steward's cannot-link keeps apart; with
    ``among``, only pairs of those golden records."""
    if among is None:
        rows = session.execute(text(CANNOT_LINKED_GOLDENS_SQL), {"e": entity})
    else:
        rows = session.execute(text(CANNOT_LINKED_AMONG_SQL), {"e": entity, "g": list(among)})
    return {(r[0], r[1]) for r in rows}
