"""What stewards see: plain frozen dataclasses the UI and the API render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class RecordView:
    record_id: int
    system: str
    source_id: str
    updated_at: datetime
    values: dict[str, Any]
    golden_id: str | None  # None while the record waits for matching
    # values of its version that could not be read (field -> why): not in ``values``
    invalid: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TaskSummary:
    id: int
    entity: str
    status: str
    probability: float
    left_label: str
    right_label: str
    left_system: str
    right_system: str
    assignee: str | None
    created_at: datetime
    impact: int
    version: int


@dataclass(frozen=True)
class TaskView:
    id: int
    entity: str
    status: str
    probability: float
    version: int
    assignee: str | None
    comment: str | None
    created_at: datetime
    decided_by: str | None
    left: RecordView
    right: RecordView
    explanation: dict[str, Any]


@dataclass(frozen=True)
class GoldenPreview:
    attributes: dict[str, Any]
    lineage: dict[str, Any]


@dataclass(frozen=True)
class BulkPattern:
    key: str
    label: str
    task_ids: tuple[int, ...] = field(default_factory=tuple)
