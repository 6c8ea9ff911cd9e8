"""An in-memory unit of work, as httpx ships ``MockTransport``: the repositories a stewardship
decision uses, backed by dicts and lists, so a service test states its data and reads what
the service did without a database. It has the real unit of work's settings and rules; a
repository function it does not hold fails loudly (AttributeError), never silently."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mdm.domain.members import MemberVersion
from mdm.repositories.review_tasks import TASK_FIELDS
from mdm.settings import Settings
from mdm.unit_of_work import Context, UnitOfWork


@dataclass
class Task:
    """A review task with its link (one row of each in the database)."""

    id: int
    entity: str
    left: int  # record ids of the link's pair
    right: int
    status: str = "open"
    version: int = 1
    assignee: str | None = None
    comment: str | None = None
    decided_by: str | None = None
    link_decision: str | None = None

    @property
    def link_id(self) -> int:
        return 1000 + self.id


class InMemoryMatches:
    def __init__(self) -> None:
        self.tasks: dict[int, Task] = {}

    def entity_of_task(self, task_id: int) -> str | None:
        task = self.tasks.get(task_id)
        return None if task is None else task.entity

    def lock_task_row(self, task_id: int) -> dict[str, Any] | None:
        t = self.tasks.get(task_id)
        if t is None:
            return None
        row = (t.id, t.entity, t.status, t.version, t.decided_by, t.link_id, t.left, t.right)
        return dict(zip(TASK_FIELDS, row, strict=True))

    def set_assignee(self, task_id: int, assignee: str | None) -> None:
        task = self.tasks[task_id]
        task.assignee, task.version = assignee, task.version + 1

    def settle(
        self, task_id: int, link_id: int, status: str, decision: str | None, user: str,
        comment: str | None,
    ) -> None:  # fmt: skip
        task = self.tasks[task_id]
        assert link_id == task.link_id
        task.status, task.decided_by, task.version = status, user, task.version + 1
        task.comment = comment if comment is not None else task.comment
        if decision:
            task.link_decision = decision

    def pair_of(self, task_id: int) -> tuple[str, int, int] | None:
        task = self.tasks.get(task_id)
        return None if task is None else (task.entity, task.left, task.right)


@dataclass
class InMemoryGolden:
    members: dict[uuid.UUID, list[MemberVersion]] = field(default_factory=dict)
    locked: list[str] = field(default_factory=list)  # entities locked, in order

    def lock_entity(self, entity: str) -> None:
        self.locked.append(entity)

    def golden_ids_for(self, record_ids: Sequence[int]) -> dict[int, uuid.UUID]:
        held = {m.record_id: g for g, ms in self.members.items() for m in ms}
        return {r: held[r] for r in record_ids if r in held}

    def members_of(self, golden_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[MemberVersion]]:
        return {g: list(self.members.get(g, [])) for g in golden_ids}


@dataclass
class InMemoryEvents:
    audited: list[dict[str, Any]] = field(default_factory=list)

    def audit(self, **entry: Any) -> None:
        self.audited.append(entry)


class InMemoryUnitOfWork(UnitOfWork):
    """The repositories in memory; no session (a service reaching for one fails)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.context = Context.of(settings or Settings(database_url="postgresql://in-memory/"))
        self.matches = InMemoryMatches()  # type: ignore[assignment]
        self.golden = InMemoryGolden()  # type: ignore[assignment]
        self.events = InMemoryEvents()  # type: ignore[assignment]

    @property  # type: ignore[override]
    def session(self) -> Any:
        raise AssertionError("an in-memory unit of work has no session")
