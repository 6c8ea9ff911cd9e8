"""One batch of due deliveries through a connector: what to write, what to deactivate, what
is unchanged (its content hash was already written), and each outcome turned into the
delivery log's next state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from connectors.config import SystemConfig
from connectors.fieldmap import outbound
from connectors.protocol import (
    Connector,
    Deactivation,
    NativeMerge,
    OutboundRecord,
    Outcome,
    TargetGone,
    TargetUnavailable,
    WriteResult,
)
from mdm.repositories.deliveries import Due, Failed, Landed
from mdm.sync.payload import content_hash, passes
from mdm.sync.schedule import next_attempt


@dataclass
class BatchResult:
    landed: list[Landed] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    unavailable: str | None = None  # the target refused the whole batch for now
    gone: bool = False  # ... and for good: the subscription is paused
    conflicts: int = 0
    forget_on_conflict: bool = True

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


@dataclass(frozen=True)
class Planned:
    due: Due
    hash: str
    record: OutboundRecord | None = None  # a write
    deactivation: Deactivation | None = None  # or a deactivation


def plan(config: SystemConfig, filter_: dict[str, list[str]], due: Due) -> Planned:
    golden = str(due.golden_id)
    wanted = due.status == "active" and passes(filter_, due.attributes)
    if wanted:
        values = outbound(config, due.attributes)
        record = OutboundRecord(golden, values, due.target_id, due.target_version)
        return Planned(due, content_hash(values), record=record)
    survivor = str(due.merged_into) if due.merged_into else None
    gone = Deactivation(golden, due.target_id, survivor, due.survivor_target_id)
    return Planned(due, content_hash({}, "inactive"), deactivation=gone)


def deliver(
    connector: Connector, config: SystemConfig, filter_: dict[str, list[str]], entity: str,
    batch: Sequence[Due], now: datetime,
) -> BatchResult:  # fmt: skip
    """Write what changed; a conflict keeps the version it was refused on when the target can
    be read (the read refreshes it), else forgets it (the next write is unconditional)."""
    result = BatchResult(forget_on_conflict=not connector.capabilities.can_read)
    planned = [plan(config, filter_, due) for due in batch]
    fresh = []
    for item in planned:
        if item.hash == item.due.content_hash:
            result.count(Outcome.UNCHANGED.value)
            due = item.due
            result.landed.append(
                Landed(due.golden_id, due.version, due.target_id, due.target_version, item.hash)
            )
        else:
            fresh.append(item)
    writes = [p for p in fresh if p.record is not None]
    gone = [p for p in fresh if p.deactivation is not None]
    try:
        answers = _send(connector, entity, [p.record for p in writes if p.record],
                        [p.deactivation for p in gone if p.deactivation])  # fmt: skip
    except (TargetUnavailable, TargetGone) as exc:
        result.unavailable, result.gone = exc.reason, isinstance(exc, TargetGone)
        wait = exc.retry_after if isinstance(exc, TargetUnavailable) else None
        for item in fresh:
            _failed(result, item, exc.reason, now, wait)
        return result
    by_golden = {answer.golden_id: answer for answer in answers}
    for item in fresh:
        answer = by_golden.get(str(item.due.golden_id))
        _record(result, item, answer, now)
    return result


def _send(
    connector: Connector, entity: str, records: list[OutboundRecord], gone: list[Deactivation]
) -> list[WriteResult]:
    """Writes, then merges where the target merges natively and knows the survivor, then
    deactivations."""
    native = connector.capabilities.native_merge and isinstance(connector, NativeMerge)
    merges = [d for d in gone if native and d.survivor_target_id]
    plain = [d for d in gone if d not in merges]
    answers = connector.write(entity, records) if records else []
    if merges and isinstance(connector, NativeMerge):
        answers += connector.merge(entity, merges)
    return answers + (connector.deactivate(entity, plain) if plain else [])


def _record(result: BatchResult, item: Planned, answer: WriteResult | None, now: datetime) -> None:
    if answer is None:
        _failed(result, item, "the connector gave no outcome for this record", now)
        return
    result.count(answer.outcome.value)
    due = item.due
    if answer.outcome.landed:
        target = answer.target_id or due.target_id
        version = answer.target_version or due.target_version
        result.landed.append(Landed(due.golden_id, due.version, target, version, item.hash))
    elif answer.outcome is Outcome.REJECTED:
        result.failed.append(Failed(due.golden_id, f"rejected: {answer.reason}", None))
    elif answer.outcome is Outcome.CONFLICT:
        result.conflicts += 1
        _failed(result, item, f"conflict: {answer.reason}", now, forget=result.forget_on_conflict)
    else:
        _failed(result, item, f"retry later: {answer.reason}", now, answer.retry_after)


def _failed(
    result: BatchResult, item: Planned, reason: str, now: datetime,
    retry_after: float | None = None, forget: bool = False,
) -> None:  # fmt: skip
    when = next_attempt(item.due.attempts + 1, now, retry_after)
    if when is None:
        reason = f"gave up after {item.due.attempts + 1} attempts; last: {reason}"
    result.failed.append(Failed(item.due.golden_id, reason, when, forget))
