"""Stewards' decisions: merge, not a match, defer, split, pin. Each is audited, version-checked
and remembered as a constraint so that no later re-match undoes it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from mdm.domain.errors import ConflictError, NotFoundError
from mdm.domain.survivorship import survive
from mdm.golden.partition_apply import apply_partition
from mdm.repositories import constraints, review_tasks
from mdm.repositories import golden as golden_repo
from mdm.repositories.history import audit
from mdm.repositories.locks import lock_entity
from mdm.stewardship import contradictions, split_redirects, task_upkeep
from mdm.stewardship.queue import lock_task
from mdm.stewardship.views import GoldenPreview
from mdm.survivorship.rules import default_rules


def _settle(
    session: Session,
    task: dict[str, Any],
    status: str,
    decision: str | None,
    user: str,
    comment: str | None,
) -> None:
    review_tasks.settle(session, task["id"], task["link_id"], status, decision, user, comment)
    audit(session, actor=user, action=f"task.{status}", subject_type="review_task", subject_id=str(task["id"]),
          before={"status": task["status"], "version": task["version"]}, after={"status": status}, reason=comment)  # fmt: skip


def _goldens_of(session: Session, *record_ids: int) -> list[uuid.UUID]:
    found = golden_repo.golden_ids_for(session, list(record_ids))
    return [found[r] for r in record_ids]


def preview_merge(session: Session, task_id: int) -> GoldenPreview:
    row = review_tasks.pair_of(session, task_id)
    if row is None:
        raise NotFoundError(f"no review task {task_id}")
    goldens = sorted(set(_goldens_of(session, row[1], row[2])))
    members = [m for ms in golden_repo.members_of(session, goldens).values() for m in ms]
    attributes, lineage = survive(members, default_rules().for_entity(row[0]))
    return GoldenPreview(attributes, lineage)


def merge(
    session: Session, task_id: int, user: str, expected_version: int,
    comment: str | None = None, *, override: bool = False,
) -> str:  # fmt: skip
    """Merge the task's two golden records; refused, showing the earlier decision, when a
    steward said some of their records are not a match, unless ``override`` (with a reason)."""
    task = lock_task(session, task_id, expected_version)
    left_golden, right_golden = _goldens_of(session, task["left"], task["right"])
    left_side = golden_repo.member_record_ids(session, [left_golden])
    right_side = []
    if right_golden != left_golden:
        right_side = golden_repo.member_record_ids(session, [right_golden])
    contradictions.guard(
        session, "cannot_link", left_side, right_side, attempted=f"Merging task {task_id}",
        override=override, user=user, reason=comment,
    )  # fmt: skip
    constraints.add(
        session, task["entity"], task["left"], task["right"], "must_link", user, comment
    )
    _settle(session, task, "merged", "steward_merge", user, comment)
    now = datetime.now(UTC)
    apply_partition(
        session, task["entity"], [sorted([*left_side, *right_side])], actor=f"steward:{user}",
        reason=comment or "steward merge", now=now,
    )  # fmt: skip
    task_upkeep.follow_clusters(
        session, task["entity"], now, f"steward:{user}", near=[task["left"]]
    )
    return str(_goldens_of(session, task["left"])[0])


def not_a_match(
    session: Session, task_id: int, user: str, expected_version: int,
    comment: str | None = None, *, override: bool = False,
) -> None:  # fmt: skip
    """The two records are different things; when they share a golden record because a
    steward merged them, refused (showing that decision) unless ``override``."""
    task = lock_task(session, task_id, expected_version)
    left_golden, right_golden = _goldens_of(session, task["left"], task["right"])
    together = left_golden == right_golden
    if together:
        stay = [
            r for r in golden_repo.member_record_ids(session, [left_golden]) if r != task["right"]
        ]
        contradictions.guard(
            session, "must_link", stay, [task["right"]], attempted=f"“Not a match” on task {task_id}",
            override=override, user=user, reason=comment,
        )  # fmt: skip
    constraints.add(
        session, task["entity"], task["left"], task["right"], "cannot_link", user, comment
    )
    _settle(session, task, "not_a_match", "steward_distinct", user, comment)
    if together:
        split(session, str(left_golden), [task["right"]], user, comment or "not a match")
    else:
        task_upkeep.follow_clusters(
            session, task["entity"], datetime.now(UTC), f"steward:{user}",
            near=[task["left"], task["right"]],
        )  # fmt: skip


def defer(session: Session, task_id: int, user: str, expected_version: int, comment: str) -> None:
    task = lock_task(session, task_id, expected_version)
    _settle(session, task, "deferred", None, user, comment)


def split(
    session: Session, golden_id: str, record_ids: list[int], user: str, reason: str,
    *, override: bool = False,
) -> str:  # fmt: skip
    """Split records out of a golden record: they get a new golden id; the rest keep the old.
    Refused, showing the earlier decision, when a steward merged them, unless ``override``."""
    golden = uuid.UUID(golden_id)
    entity = golden_repo.entity_of(session, [golden]).get(golden)
    if entity:
        lock_entity(session, entity)
    members = golden_repo.member_record_ids(session, [golden]) if entity else []
    out = sorted(set(record_ids))
    if not members or not set(out) <= set(members):
        raise NotFoundError(f"golden record {golden_id} does not hold records {out}")
    stay = sorted(set(members) - set(out))
    if not stay:
        raise ConflictError("a split must leave at least one record in the golden record")
    contradictions.guard(
        session, "must_link", stay, out, attempted="This split", override=override, user=user,
        reason=reason,
    )  # fmt: skip
    across = [(a, b) for a in stay for b in out]
    constraints.add_many(session, str(entity), across, "cannot_link", user, reason)
    now = datetime.now(UTC)
    apply_partition(
        session, str(entity), [stay, out], actor=f"steward:{user}", reason=reason, now=now,
        preferred={0: golden},
    )  # fmt: skip
    split_off = _goldens_of(session, out[0])[0]
    split_redirects.follow_split(session, golden, split_off, now, actor=f"steward:{user}")
    task_upkeep.follow_clusters(session, str(entity), now, f"steward:{user}", near=members)
    return str(split_off)
