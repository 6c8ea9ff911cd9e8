"""Decide, without touching the database, what an extract changes: new, changed, unchanged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mdm.domain.issues import FieldIssue
from mdm.ingest.canonical_batch import CheckedRow
from mdm.ingest.quarantine import RejectedRow
from mdm.ingest.reader import ExtractRow
from mdm.repositories.source_records import CurrentState, NewVersion


@dataclass
class IngestPlan:
    new: list[NewVersion] = field(default_factory=list)
    changed: list[NewVersion] = field(default_factory=list)
    deleted: list[NewVersion] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)


def _duplicates(rows: Sequence[ExtractRow], checked: Sequence[CheckedRow]) -> dict[int, str]:
    lines: dict[str, list[int]] = defaultdict(list)
    for row, check in zip(rows, checked, strict=True):
        if check.canonical.source_id:
            lines[check.canonical.source_id].append(row.line_no)
    reasons: dict[int, str] = {}
    for source_id, found in lines.items():
        if len(found) > 1:
            where = ", ".join(map(str, found))
            for line in found:
                reasons[line] = f"source_id {source_id!r} appears more than once (lines {where})"
    return reasons


def make_plan(
    rows: Sequence[ExtractRow],
    checked: Sequence[CheckedRow],
    existing: Mapping[str, CurrentState],
    *,
    full: bool,
) -> IngestPlan:
    plan = IngestPlan()
    duplicated = _duplicates(rows, checked)
    seen: set[str] = set()
    for row, check in zip(rows, checked, strict=True):
        canon = check.canonical
        errors = canon.errors
        if row.line_no in duplicated:
            errors = (*errors, FieldIssue("source_id", duplicated[row.line_no]))
        if errors:
            plan.rejected.append(
                RejectedRow(row.line_no, canon.source_id or None, row.values, errors)
            )
            continue
        seen.add(canon.source_id)
        _place(plan, row, check, existing.get(canon.source_id))
    if full:
        _tombstones(plan, existing, seen | {r.source_id for r in plan.rejected if r.source_id})
    return plan


def _place(
    plan: IngestPlan, row: ExtractRow, check: CheckedRow, state: CurrentState | None
) -> None:
    digest, canon = check.content_hash, check.canonical
    if state is not None and state.content_hash == digest and not state.is_deleted:
        plan.unchanged += 1
        return
    version = NewVersion(
        source_id=canon.source_id,
        raw=row.values,
        canonical=canon.values | {"source_id": canon.source_id},
        invalid=canon.invalid,
        content_hash=digest,
        version_no=1 if state is None else state.version_no + 1,
        record_id=None if state is None else state.record_id,
        raw_json=check.raw_json,
        canonical_json=check.canonical_json,
    )
    (plan.new if state is None else plan.changed).append(version)


def _tombstones(plan: IngestPlan, existing: Mapping[str, CurrentState], present: set[str]) -> None:
    for source_id, state in existing.items():
        if source_id in present or state.is_deleted:
            continue
        plan.deleted.append(
            NewVersion(
                source_id=source_id, raw={}, canonical={}, invalid={},
                content_hash="deleted", version_no=state.version_no + 1,
                record_id=state.record_id, is_tombstone=True,
            )
        )  # fmt: skip
