"""The connector protocol: check, discover, read changes, write batches, deactivate, merge.

A connector answers per record: a batch where one record is bad still lands the others, and
the hub decides what to do with each outcome (record the target's id, retry, dead-letter).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"  # the target changed since the version the hub last wrote
    REJECTED = "rejected"  # the target refuses this record: retrying will not help
    RETRY_LATER = "retry_later"  # the target could not take it now (down, throttled)
    DEACTIVATED = "deactivated"
    MERGED = "merged"  # merged natively into the survivor's record, references re-pointed

    @property
    def landed(self) -> bool:
        return self in (
            Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED, Outcome.DEACTIVATED, Outcome.MERGED
        )  # fmt: skip


@dataclass(frozen=True)
class Capabilities:
    """What a target can do, declared by its connector (the hub never guesses)."""

    batch_size: int = 1
    conditional_write: bool = False  # refuses a write carrying a stale version
    upsert_by_external_id: bool = False  # finds a record by the golden id it carries
    native_merge: bool = False
    can_read: bool = False


@dataclass(frozen=True)
class OutboundRecord:
    """One golden record to write: its golden id, the hub's crosswalk to the target (id and
    the version last written, when known) and the values to write (target field names)."""

    golden_id: str
    values: Mapping[str, Any]
    target_id: str | None = None
    target_version: str | None = None


@dataclass(frozen=True)
class Deactivation:
    golden_id: str
    target_id: str | None
    survivor_golden_id: str | None = None  # a merge: the record that absorbed this one
    survivor_target_id: str | None = None


@dataclass(frozen=True)
class WriteResult:
    golden_id: str
    outcome: Outcome
    target_id: str | None = None
    target_version: str | None = None
    reason: str | None = None
    retry_after: float | None = None  # seconds the target asked the hub to wait


@dataclass(frozen=True)
class InboundRecord:
    """A record read from the target: its own id, canonical values and, when it carries one,
    the golden id the hub gave it."""

    target_id: str
    values: Mapping[str, Any]
    golden_id: str | None = None
    target_version: str | None = None
    active: bool = True  # False: archived or deactivated in the target


@dataclass(frozen=True)
class ReadResult:
    records: Sequence[InboundRecord]
    state: Mapping[str, Any]  # the cursor to pass to the next read
    more: bool = False


@dataclass(frozen=True)
class EntityFields:
    entity: str
    fields: tuple[str, ...]
    key: str = "id"


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)


class TargetUnavailable(Exception):
    """The target cannot be reached or refused the whole request for now (down, throttled):
    every record of the batch is retried later."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class TargetGone(Exception):
    """The target says it will never take deliveries again (a webhook's 410): the hub pauses
    the subscription until someone resumes it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@runtime_checkable
class Connector(Protocol):
    capabilities: Capabilities

    def check(self) -> CheckResult: ...

    def discover(self) -> Sequence[EntityFields]: ...

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult: ...

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]: ...

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]: ...

    def close(self) -> None: ...


@runtime_checkable
class NativeMerge(Protocol):
    """A connector whose target merges records itself (Tryton's party replacement): the
    merged-away record is retired there and whatever referred to it now refers to the
    survivor."""

    def merge(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]: ...
