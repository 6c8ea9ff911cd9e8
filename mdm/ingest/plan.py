"""Decide, without touching the database, what an extract changes: new, changed, unchanged."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from mdm.domain.issues import FieldIssue
from mdm.ingest.canonical_batch import CheckedRow, content_hash_of, raw_json_of
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
        if check.source_id:
            lines[check.source_id].append(row.line_no)
    reasons: dict[int, str] = {}
    for source_id, found in lines.items():
        if len(found) > 1:
            where = ", ".join(map(str, found))
            for line in found:
                reasons[line] = f"source_id {source_id!r} appears more than once (lines {where})"
    return reasons


def split_unchanged(
    rows: Sequence[ExtractRow], columns: Mapping[str, str], existing: Mapping[str, CurrentState]
) -> tuple[set[str], list[ExtractRow]]:
    """The keys of rows whose raw content is what the record holds now, and the other rows.

    An unchanged row was valid when it loaded and adds no version, so it is not checked again:
    re-reading a daily full extract costs a hash per row. A key that appears more than once
    in the file is never taken as unchanged, so the duplicate is still reported.
    """
    key = next((c for c, f in columns.items() if f == "source_id"), None)
    if not existing or key is None:
        return set(), list(rows)
    keys = [row.values.get(key, "").strip() for row in rows]
    counts = Counter(keys)
    unchanged: set[str] = set()
    rest: list[ExtractRow] = []
    for row, source_id in zip(rows, keys, strict=True):
        state = existing.get(source_id)
        if (
            state is not None
            and not state.is_deleted
            and counts[source_id] == 1
            and state.content_hash == content_hash_of(raw_json_of(row.values))
        ):
            unchanged.add(source_id)
        else:
            rest.append(row)
    return unchanged, rest


def make_plan(
    rows: Sequence[ExtractRow],
    checked: Sequence[CheckedRow],
    existing: Mapping[str, CurrentState],
    *,
    full: bool,
    unchanged: Collection[str] = (),
) -> IngestPlan:
    """``rows`` and ``checked`` are the rows that were checked; ``unchanged`` the keys of the
    rows :func:`split_unchanged` set aside."""
    plan = IngestPlan(unchanged=len(unchanged))
    duplicated = _duplicates(rows, checked)
    seen: set[str] = set(unchanged)
    for row, check in zip(rows, checked, strict=True):
        errors = check.errors
        if row.line_no in duplicated:
            errors = (*errors, FieldIssue("source_id", duplicated[row.line_no]))
        if errors:
            plan.rejected.append(
                RejectedRow(row.line_no, check.source_id or None, row.values, errors)
            )
            continue
        seen.add(check.source_id)
        _place(plan, check, existing.get(check.source_id))
    if full:
        _tombstones(plan, existing, seen | {r.source_id for r in plan.rejected if r.source_id})
    return plan


def _place(plan: IngestPlan, check: CheckedRow, state: CurrentState | None) -> None:
    if state is not None and state.content_hash == check.content_hash and not state.is_deleted:
        plan.unchanged += 1
        return
    version = NewVersion(
        source_id=check.source_id,
        content_hash=check.content_hash,
        version_no=1 if state is None else state.version_no + 1,
        fields=check.version_fields,
        record_id=None if state is None else state.record_id,
    )
    (plan.new if state is None else plan.changed).append(version)


def _tombstones(plan: IngestPlan, existing: Mapping[str, CurrentState], present: set[str]) -> None:
    for source_id, state in existing.items():
        if source_id in present or state.is_deleted:
            continue
        plan.deleted.append(
            NewVersion(
                source_id=source_id, content_hash="deleted", version_no=state.version_no + 1,
                record_id=state.record_id, is_tombstone=True,
            )
        )  # fmt: skip
