"""Stewards' decisions: merge, not a match, defer, split, pin. Each is audited, version-checked
and remembered as a constraint so that no later re-match undoes it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from mdm.domain.errors import ConflictError, NotFoundError
from mdm.domain.survivorship import survive
from mdm.golden.partition_apply import apply_partition
from mdm.stewardship import contradictions, split_redirects, task_upkeep
from mdm.stewardship.queue import lock_task
from mdm.stewardship.views import GoldenPreview
from mdm.unit_of_work import UnitOfWork


def _settle(
    uow: UnitOfWork,
    task: dict[str, Any],
    status: str,
    decision: str | None,
    user: str,
    comment: str | None,
) -> None:
    uow.matches.settle(task["id"], task["link_id"], status, decision, user, comment)
    uow.events.audit(actor=user, action=f"task.{status}", subject_type="review_task", subject_id=str(task["id"]),
          before={"status": task["status"], "version": task["version"]}, after={"status": status}, reason=comment)  # fmt: skip


def _goldens_of(uow: UnitOfWork, *record_ids: int) -> list[uuid.UUID]:
    found = uow.golden.golden_ids_for(list(record_ids))
    return [found[r] for r in record_ids]


def preview_merge(uow: UnitOfWork, task_id: int) -> GoldenPreview:
    row = uow.matches.pair_of(task_id)
    if row is None:
        raise NotFoundError(f"no review task {task_id}")
    goldens = sorted(set(_goldens_of(uow, row[1], row[2])))
    members = [m for ms in uow.golden.members_of(goldens).values() for m in ms]
    attributes, lineage = survive(members, uow.rules.for_entity(row[0]))
    return GoldenPreview(attributes, lineage)


def merge(
    uow: UnitOfWork, task_id: int, user: str, expected_version: int,
    comment: str | None = None, *, override: bool = False,
) -> str:  # fmt: skip
    """Merge the task's two golden records; refused, showing the earlier decision, when a
    steward said some of their records are not a match, unless ``override`` (with a reason)."""
    task = lock_task(uow, task_id, expected_version)
    left_golden, right_golden = _goldens_of(uow, task["left"], task["right"])
    left_side = uow.golden.member_record_ids([left_golden])
    right_side = []
    if right_golden != left_golden:
        right_side = uow.golden.member_record_ids([right_golden])
    contradictions.guard(
        uow, "cannot_link", left_side, right_side, attempted=f"Merging task {task_id}",
        override=override, user=user, reason=comment,
    )  # fmt: skip
    uow.matches.add_constraint(
        task["entity"], task["left"], task["right"], "must_link", user, comment
    )
    _settle(uow, task, "merged", "steward_merge", user, comment)
    now = datetime.now(UTC)
    apply_partition(
        uow, task["entity"], [sorted([*left_side, *right_side])], actor=f"steward:{user}",
        reason=comment or "steward merge", now=now,
    )  # fmt: skip
    task_upkeep.follow_clusters(uow, task["entity"], now, f"steward:{user}", near=[task["left"]])
    return str(_goldens_of(uow, task["left"])[0])


def not_a_match(
    uow: UnitOfWork, task_id: int, user: str, expected_version: int,
    comment: str | None = None, *, override: bool = False,
) -> None:  # fmt: skip
    """The two records are different things; when they share a golden record because a
    steward merged them, refused (showing that decision) unless ``override``."""
    task = lock_task(uow, task_id, expected_version)
    left_golden, right_golden = _goldens_of(uow, task["left"], task["right"])
    together = left_golden == right_golden
    if together:
        stay = [r for r in uow.golden.member_record_ids([left_golden]) if r != task["right"]]
        contradictions.guard(
            uow, "must_link", stay, [task["right"]], attempted=f"“Not a match” on task {task_id}",
            override=override, user=user, reason=comment,
        )  # fmt: skip
    uow.matches.add_constraint(
        task["entity"], task["left"], task["right"], "cannot_link", user, comment
    )
    _settle(uow, task, "not_a_match", "steward_distinct", user, comment)
    if together:
        split(uow, str(left_golden), [task["right"]], user, comment or "not a match")
    else:
        task_upkeep.follow_clusters(
            uow, task["entity"], datetime.now(UTC), f"steward:{user}",
            near=[task["left"], task["right"]],
        )  # fmt: skip


def defer(uow: UnitOfWork, task_id: int, user: str, expected_version: int, comment: str) -> None:
    task = lock_task(uow, task_id, expected_version)
    _settle(uow, task, "deferred", None, user, comment)


def split(
    uow: UnitOfWork, golden_id: str, record_ids: list[int], user: str, reason: str,
    *, override: bool = False,
) -> str:  # fmt: skip
    """Split records out of a golden record: they get a new golden id; the rest keep the old.
    Refused, showing the earlier decision, when a steward merged them, unless ``override``."""
    golden = uuid.UUID(golden_id)
    entity = uow.golden.entity_of([golden]).get(golden)
    if entity:
        uow.golden.lock_entity(entity)
    members = uow.golden.member_record_ids([golden]) if entity else []
    out = sorted(set(record_ids))
    if not members or not set(out) <= set(members):
        raise NotFoundError(f"golden record {golden_id} does not hold records {out}")
    stay = sorted(set(members) - set(out))
    if not stay:
        raise ConflictError("a split must leave at least one record in the golden record")
    contradictions.guard(
        uow, "must_link", stay, out, attempted="This split", override=override, user=user,
        reason=reason,
    )  # fmt: skip
    across = [(a, b) for a in stay for b in out]
    uow.matches.add_constraints(str(entity), across, "cannot_link", user, reason)
    now = datetime.now(UTC)
    apply_partition(
        uow, str(entity), [stay, out], actor=f"steward:{user}", reason=reason, now=now,
        preferred={0: golden},
    )  # fmt: skip
    split_off = _goldens_of(uow, out[0])[0]
    split_redirects.follow_split(uow, golden, split_off, now, actor=f"steward:{user}")
    task_upkeep.follow_clusters(uow, str(entity), now, f"steward:{user}", near=members)
    return str(split_off)
