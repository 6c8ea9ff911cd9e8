"""Stewards' must-link and cannot-link constraints, as the matcher takes them."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

IdPair = tuple[str, str]


def load(session: Session, entity: str) -> tuple[list[IdPair], list[IdPair]]:
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
