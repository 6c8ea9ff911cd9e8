"""A bulk resolution handed out in blocks: the run, its blocks per phase, what each block
staged (blocking keys, scored links, pairs held apart), and the run's own moves of the staged rows into the
tables they belong to.

Blocks are claimed with a row lock, so a block run twice at once (a message delivered again
while its first worker still works) waits, then finds it done. A block stages its rows and is
marked done in one transaction: a worker lost half-way leaves nothing behind.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from matching import Apart
from mdm.db.bulk import copy_field, copy_lines
from mdm.repositories.apart_pairs import ordered
from mdm.repositories.array_literals import int_array

KEYS = "keys"
SCORE = "score"


@dataclass(frozen=True)
class Run:
    id: uuid.UUID
    entity: str
    population: int


@dataclass(frozen=True)
class Block:
    run: Run
    phase: str
    number: int
    record_ids: np.ndarray  # int64
    done: bool
    key_hashes: np.ndarray  # int64: the keys a score block pairs on


def forget_runs(session: Session, entity: str, *, wait_seconds: float | None = None) -> None:
    """Drop the entity's runs and what their blocks staged (a run that was stopped may leave
    them; the caller holds the entity's lock, so no other run is going on). A block at work
    holds its row: ``wait_seconds`` gives up (an error) rather than wait longer for it."""
    if wait_seconds is not None:
        session.execute(text(f"SET LOCAL lock_timeout = '{int(wait_seconds * 1000)}ms'"))
    runs = [r for (r,) in session.execute(
        text("SELECT id FROM match_run WHERE entity = :e"), {"e": entity}
    )]  # fmt: skip
    if not runs:
        return
    for table in ("match_work_key", "match_work_link", "match_work_apart"):
        session.execute(text(f"DELETE FROM {table} WHERE run_id = ANY(:runs)"), {"runs": runs})
    session.execute(text("DELETE FROM match_run WHERE id = ANY(:runs)"), {"runs": runs})


def start_run(session: Session, entity: str, population: int, now: datetime) -> uuid.UUID:
    run_id = uuid.uuid4()
    session.execute(
        text(
            "INSERT INTO match_run (id, entity, population, created_at) VALUES (:id, :e, :n, :now)"
        ),
        {"id": run_id, "e": entity, "n": population, "now": now},
    )
    return run_id


def add_blocks(
    session: Session,
    run_id: uuid.UUID,
    phase: str,
    blocks: Sequence[np.ndarray],
    key_hashes: Sequence[np.ndarray] = (),
) -> None:
    """The run's blocks of ``phase``: record ids each, and for score blocks the hashes of the
    keys each pairs on."""
    keys = list(key_hashes) or [np.empty(0, dtype=np.int64)] * len(blocks)
    session.execute(
        text(
            "INSERT INTO match_work (run_id, phase, block, record_ids, key_hashes) "
            "VALUES (:run, :phase, :block, :ids, :keys)"
        ),
        [
            {"run": run_id, "phase": phase, "block": n, "ids": ids.astype(np.int64).tobytes(),
             "keys": held.astype(np.int64).tobytes()}
            for n, (ids, held) in enumerate(zip(blocks, keys, strict=True))
        ],
    )  # fmt: skip


def claim(session: Session, run_id: uuid.UUID, phase: str, number: int) -> Block | None:
    """The block, locked until the caller's transaction ends; None when its run is gone."""
    row = session.execute(
        text(
            "SELECT r.entity, r.population, w.record_ids, w.status, w.key_hashes "
            "FROM match_work w JOIN match_run r ON r.id = w.run_id "
            "WHERE w.run_id = :run AND w.phase = :phase AND w.block = :block FOR UPDATE OF w"
        ),
        {"run": run_id, "phase": phase, "block": number},
    ).one_or_none()
    if row is None:
        return None
    entity, population, record_ids, status, key_hashes = row
    run = Run(run_id, entity, population)
    ids = np.frombuffer(record_ids, dtype=np.int64)
    held = np.frombuffer(key_hashes, dtype=np.int64)
    return Block(run, phase, number, ids, status == "done", held)


def finish(
    session: Session, block: Block, now: datetime, *, result: bytes | None = None,
    pairs: int | None = None,
) -> None:  # fmt: skip
    """The block done, by this process (host:pid, so a run can say where its blocks went)."""
    session.execute(
        text(
            "UPDATE match_work SET status = 'done', result = :result, pairs = :pairs, "
            "done_at = :now, done_by = :by "
            "WHERE run_id = :run AND phase = :phase AND block = :block"
        ),
        {"run": block.run.id, "phase": block.phase, "block": block.number,
         "result": result, "pairs": pairs, "now": now, "by": f"{socket.gethostname()}:{os.getpid()}"},
    )  # fmt: skip


def done_by(session: Session, run_id: uuid.UUID) -> dict[str, int]:
    """How many blocks of the run each process did."""
    rows = session.execute(
        text(
            "SELECT done_by, count(*) FROM match_work WHERE run_id = :run AND status = 'done' "
            "GROUP BY done_by"
        ),
        {"run": run_id},
    )
    return {str(by): int(n) for by, n in rows}


def progress(session: Session, run_id: uuid.UUID, phase: str) -> tuple[int, int]:
    """(blocks done, blocks) of one phase."""
    done, total = session.execute(
        text(
            "SELECT count(*) FILTER (WHERE status = 'done'), count(*) FROM match_work "
            "WHERE run_id = :run AND phase = :phase"
        ),
        {"run": run_id, "phase": phase},
    ).one()
    return int(done), int(total)


def results(session: Session, run_id: uuid.UUID, phase: str) -> list[tuple[bytes, int]]:
    """(result, pairs) of every block of a finished phase, in block order."""
    rows = session.execute(
        text(
            "SELECT result, coalesce(pairs, 0) FROM match_work "
            "WHERE run_id = :run AND phase = :phase ORDER BY block"
        ),
        {"run": run_id, "phase": phase},
    )
    return [(bytes(result or b""), int(pairs)) for result, pairs in rows]


def stage_keys(session: Session, block: Block, keys: Iterable[tuple[int, str]]) -> None:
    """A keys block's (record id, ``rule:key``) rows, for the run to file when it ends."""
    prefix = f"{block.run.id}\t{block.number}\t"
    copy_lines(
        session,
        "match_work_key",
        ("run_id", "block", "source_record_id", "key"),
        (f"{prefix}{record}\t{copy_field(key)}\n" for record, key in keys),
    )


def stage_links(
    session: Session, block: Block, rows: Iterable[tuple[int, int, float, float, str, str]]
) -> None:
    """A score block's links: (left, right, probability, weight, explanation JSON, decision)."""
    prefix = f"{block.run.id}\t{block.number}\t"
    copy_lines(
        session,
        "match_work_link",
        ("run_id", "block", "l", "r", "p", "w", "e", "d"),
        (
            f"{prefix}{left}\t{right}\t{float(p)!r}\t{float(w)!r}\t{copy_field(why)}\t{decision}\n"
            for left, right, p, w, why, decision in rows
        ),
    )


def stage_apart(session: Session, block: Block, pairs: Iterable[Apart]) -> None:
    """A score block's pairs held apart (``Matcher.apart_pairs``: left, right, probability),
    each ordered by record id as links are."""
    prefix = f"{block.run.id}\t{block.number}\t"
    copy_lines(
        session,
        "match_work_apart",
        ("run_id", "block", "l", "r", "p"),
        (f"{prefix}{left}\t{right}\t{p!r}\n" for left, right, p in ordered(pairs)),
    )


def staged_apart(session: Session, run_id: uuid.UUID, records: Iterable[int]) -> list[Apart]:
    """(left, right, probability) of every pair the run's blocks held apart between two of
    ``records``, each once: the pairs clustering weighs (``Matcher.joinable``), not those of
    records no link at the auto-link threshold joins, which it leaves out."""
    rows = session.execute(
        text(
            "SELECT DISTINCT a.l, a.r, a.p FROM match_work_apart a "
            "JOIN unnest(CAST(:records AS bigint[])) AS x(id) ON x.id = a.l "
            "JOIN unnest(CAST(:records AS bigint[])) AS y(id) ON y.id = a.r "
            "WHERE a.run_id = :run"
        ),
        {"run": run_id, "records": int_array(records)},
    )
    return [(str(left), str(right), float(p)) for left, right, p in rows]


NOTHING_AGAINST = (
    "NOT EXISTS (SELECT 1 FROM jsonb_array_elements({explanation}->'comparisons') AS part "
    "WHERE ((part->>'weight')::float8 < 0 AND NOT COALESCE((part->>'quiet')::boolean, false)) "
    "OR COALESCE((part->>'differs')::boolean, false))"
)
"""SQL: the link's explanation (a column holding ``Explanation.to_dict()``) holds no comparison
weighing less than 0 (but at a level that leaves the link quiet, ``ComparisonWeight.quiet``),
nor one whose values differ in part (``ComparisonWeight.differs``)."""


def staged_links(session: Session, run_id: uuid.UUID) -> list[tuple[str, str, float]]:
    """(left, right, probability) of every link the run's blocks scored, each once (keys of
    two blocks may both pair its records)."""
    rows = session.execute(
        text("SELECT DISTINCT l, r, p FROM match_work_link WHERE run_id = :run"), {"run": run_id}
    )
    return [(str(left), str(right), float(p)) for left, right, p in rows]


def staged_quiet(session: Session, run_id: uuid.UUID) -> list[tuple[str, str]]:
    """(left, right) of the run's links below the auto-link threshold that hold no evidence
    against: no comparison of their explanation weighs less than 0 (``matching.clustering``)."""
    rows = session.execute(
        text(
            "SELECT DISTINCT l, r FROM match_work_link WHERE run_id = :run AND d <> 'auto' "
            f"AND {NOTHING_AGAINST.format(explanation='e')}"
        ),
        {"run": run_id},
    )
    return [(str(left), str(right)) for left, right in rows]


def staged_distinct(session: Session, run_id: uuid.UUID) -> list[tuple[str, str]]:
    """(left, right) of the run's links decided distinct: holding nothing a steward could link
    on (``matching.clustering``)."""
    rows = session.execute(
        text("SELECT DISTINCT l, r FROM match_work_link WHERE run_id = :run AND d = 'distinct'"),
        {"run": run_id},
    )
    return [(str(left), str(right)) for left, right in rows]


def decisions(session: Session, run_id: uuid.UUID) -> dict[str, int]:
    rows = session.execute(
        text(
            "SELECT d, count(*) FROM (SELECT DISTINCT l, r, d FROM match_work_link "
            "WHERE run_id = :run) found GROUP BY d"
        ),
        {"run": run_id},
    )
    return {str(decision): int(n) for decision, n in rows}
