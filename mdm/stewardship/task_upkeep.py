"""Review tasks follow the clusters: a task whose two records a decision or a re-match has put
in one golden record, or that a steward's cannot-link keeps apart, or that another task already
covers (one task per pair of golden records), closes as superseded with the reason."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from mdm.unit_of_work import UnitOfWork

HUB = "hub"


def _reasons(rows: Sequence[Any], kept_apart: set[tuple[uuid.UUID, uuid.UUID]]) -> dict[int, str]:
    """Why each task of ``rows`` (id, probability, left golden, right golden) is no longer a
    question for a steward; the task that stays for a pair of golden records is the most
    probable one (the oldest on a tie)."""
    reasons: dict[int, str] = {}
    kept: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    ranked = sorted(rows, key=lambda r: (-r[1], r[0]))
    for task_id, _, left, right in ranked:
        pair = (min(left, right), max(left, right))
        if left == right:
            reasons[task_id] = f"both records are now in golden record {left}"
        elif pair in kept_apart:
            reasons[task_id] = "a steward's decision keeps these golden records apart"
        elif pair in kept:
            reasons[task_id] = f"task {kept[pair]} asks about the same two golden records"
        else:
            kept[pair] = task_id
    return reasons


def follow_clusters(
    uow: UnitOfWork, entity: str, now: datetime, actor: str = HUB,
    near: Sequence[int] | None = None,
) -> list[int]:  # fmt: skip
    """Close the undecided tasks of ``entity`` the clusters have answered; their ids. ``near``:
    the records a decision or a re-match touched (with every member of their golden records
    now); only the tasks on those golden records are read, the only ones it can have answered.
    None: every task of the entity (a bulk run)."""
    rows = uow.matches.undecided_goldens(entity, near)
    if not rows:
        return []
    among = None if near is None else {g for row in rows for g in row[2:]}
    reasons = _reasons(rows, uow.matches.cannot_linked_goldens(entity, among))
    return uow.matches.supersede_tasks(reasons, now, actor)
