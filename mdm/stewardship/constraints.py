"""Stewards' decisions as constraints on matching: they outlive every re-match."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session


def add(
    session: Session, entity: str, left: int, right: int, kind: str, user: str, reason: str | None
) -> None:
    """Record must_link / cannot_link for a pair, replacing any opposite active constraint."""
    low, high = sorted((left, right))
    session.execute(
        text(
            "UPDATE match_constraint SET active = false "
            "WHERE active AND left_record_id = :l AND right_record_id = :r"
        ),
        {"l": low, "r": high},
    )
    session.execute(
        text(
            "INSERT INTO match_constraint (entity, left_record_id, right_record_id, kind, reason, "
            "created_by, created_at, active) VALUES (:e, :l, :r, :k, :why, :by, now(), true)"
        ),
        {"e": entity, "l": low, "r": high, "k": kind, "why": reason, "by": user},
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
