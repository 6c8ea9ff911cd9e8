"""Stewards' must-link and cannot-link constraints: they outlive every re-match, and the
matcher takes them as they are."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

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
