"""The pairs a matcher scored below the links and holds apart (``Matcher.apart_pairs``),
kept beside the links (``match_link``) for the runs that cluster stored records again: an
incremental run reads those among its neighbourhood, as it reads their links, so that a
record new to two records held apart does not join them where a bulk run would not
(``matching.clustering``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching import Apart
from mdm.db.bulk import execute_staged
from mdm.repositories.fragments import among, either_side_among

_STORE = """
    INSERT INTO match_apart (entity, left_record_id, right_record_id, probability)
    SELECT DISTINCT ON (l, r) :e, l, r, p FROM {rows} ORDER BY l, r, p DESC
    ON CONFLICT (left_record_id, right_record_id) DO UPDATE SET probability = EXCLUDED.probability
    """
"""Upserts the pairs held apart of ``rows`` (l, r, p; a pair staged twice, by two blocks,
once at its highest probability)."""


def ordered(pairs: Iterable[Apart]) -> Iterator[tuple[int, int, float]]:
    """Each pair held apart as record ids, the lower first, as links are stored."""
    for left, right, p in pairs:
        low, high = sorted((int(left), int(right)))
        yield low, high, float(p)


def store_apart(session: Session, entity: str, pairs: Sequence[Apart]) -> None:
    """Upsert pairs held apart (left, right, probability)."""
    rows = list(ordered(pairs))
    if rows:
        statement = _STORE.format(rows="apart_tmp")
        execute_staged(
            session, statement, {"e": entity}, "apart_tmp", "l bigint, r bigint, p float8", rows
        )


def forget_apart(session: Session, entity: str, record_ids: Sequence[int] | None) -> None:
    """Drop the pairs held apart of ``record_ids`` (None: of every record of ``entity``),
    before the run that scored them again stores what it found: a pair it did not score
    again describes the records as they were."""
    if record_ids is None:
        session.execute(text("DELETE FROM match_apart WHERE entity = :e"), {"e": entity})
        return
    session.execute(
        text(f"DELETE FROM match_apart WHERE entity = :e AND {either_side_among('match_apart')}"),
        {"e": entity, "ids": list(record_ids)},
    )


def store_run_apart(session: Session, entity: str, run_id: object) -> None:
    """``store_apart`` for the pairs the blocks of a bulk run staged (match_work_apart)."""
    statement = _STORE.format(rows="match_work_apart WHERE run_id = :run")
    session.execute(text(statement), {"e": entity, "run": run_id})


def stored_apart(session: Session, entity: str, record_ids: Sequence[int]) -> list[Apart]:
    """(left, right, probability) of the pairs held apart between records of ``record_ids``."""
    if len(record_ids) < 2:
        return []
    rows = session.execute(
        text(
            "SELECT left_record_id, right_record_id, probability FROM match_apart "
            f"WHERE entity = :e AND {among('left_record_id')} AND {among('right_record_id')}"
        ),
        {"e": entity, "ids": list(record_ids)},
    )
    return [(str(left), str(right), float(p)) for left, right, p in rows]
