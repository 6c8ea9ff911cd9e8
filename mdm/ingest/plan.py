"""Decide, without touching the database, what an extract changes: new, changed, unchanged.

The rows arrive checked in parts (see :mod:`mdm.ingest.canonical_batch`); a :class:`Planner`
places each part as it comes, so its versions can be written while later parts are checked.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from mdm.db.bulk import sorted_json_bytes
from mdm.domain.issues import FieldIssue
from mdm.ingest.canonical_batch import CheckedRow, hash_suffix, row_hash
from mdm.ingest.constants import constants_json
from mdm.ingest.reader import ExtractRow
from mdm.repositories.quarantine import RejectedRow
from mdm.repositories.source_records import CurrentState, NewVersion


@dataclass
class IngestPlan:
    new: list[NewVersion] = field(default_factory=list)
    changed: list[NewVersion] = field(default_factory=list)
    deleted: list[NewVersion] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)


def _key_column(columns: Mapping[str, str]) -> str | None:
    """The extract's column that holds ``source_id``, if any."""
    return next((column for column, field in columns.items() if field == "source_id"), None)


def repeated_keys(rows: Sequence[ExtractRow], columns: Mapping[str, str]) -> dict[int, str]:
    """Why each line whose ``source_id`` appears more than once in the file is refused, by line
    number. The key is the raw value trimmed, as validation reads it."""
    key = _key_column(columns)
    if key is None:
        return {}
    first: dict[str, int] = {}  # each key's first line: a list only for a key seen again
    lines: dict[str, list[int]] = {}
    for row in rows:
        source_id = row.values.get(key, "").strip()
        if source_id:
            seen = first.setdefault(source_id, row.line_no)
            if seen != row.line_no:
                lines.setdefault(source_id, [seen]).append(row.line_no)
    reasons: dict[int, str] = {}
    for source_id in first:  # in the order of their first lines, as the reasons always were
        found = lines.get(source_id)
        if found is None:
            continue
        where = ", ".join(map(str, found))
        for line in found:
            reasons[line] = f"source_id {source_id!r} appears more than once (lines {where})"
    return reasons


def split_unchanged(
    rows: Sequence[ExtractRow], columns: Mapping[str, str], existing: Mapping[str, CurrentState],
    repeated: Collection[int], constants: Mapping[str, str] | None = None,
) -> tuple[set[str], list[ExtractRow]]:  # fmt: skip
    """The keys of rows whose raw content, with the mapping's ``constants``, is what the record
    holds now, and the other rows.

    An unchanged row was valid when it loaded and adds no version, so it is not checked again:
    re-reading a daily full extract costs a hash per row. A row on one of the ``repeated``
    lines (its key appears more than once) is never taken as unchanged, so it is reported. A
    changed constant changes every row's hash, so every row loads again.
    """
    key = _key_column(columns)
    if not existing or key is None:
        return set(), list(rows)
    suffix = hash_suffix(constants_json(constants or {}))
    unchanged: set[str] = set()
    rest: list[ExtractRow] = []
    for row in rows:
        values = row.values
        source_id = values.get(key, "").strip()
        state = existing.get(source_id)
        if (
            state is not None
            and not state.is_deleted
            and row.line_no not in repeated
            and state.content_hash == row_hash(sorted_json_bytes(values), suffix)
        ):
            unchanged.add(source_id)
        else:
            rest.append(row)
    return unchanged, rest


def _kept(version: NewVersion) -> NewVersion:
    """What the plan keeps of a version the caller writes: its key, record and number for
    following the change, not its JSON (about 1 KB a row, which a large load would otherwise
    hold until its end). Built directly: ``_replace`` costs several times more, once a row."""
    return NewVersion(
        version.source_id, version.content_hash, version.version_no, "", version.record_id,
        version.is_tombstone, version.line_no,
    )  # fmt: skip


class Planner:
    """Places checked rows, part by part, into one :class:`IngestPlan`."""

    def __init__(
        self, existing: Mapping[str, CurrentState], repeated: Mapping[int, str],
        unchanged: Collection[str] = (), echoes: Collection[str] = (),
    ) -> None:  # fmt: skip
        """``unchanged`` and ``echoes``: keys of rows left out before checking; both count as
        present (a full extract does not tombstone them), only the first as unchanged."""
        self.existing = existing
        self.repeated = repeated
        self.plan = IngestPlan(unchanged=len(unchanged))
        self._seen: set[str] = set(unchanged) | set(echoes)

    def place(
        self, rows: Sequence[ExtractRow], checked: Sequence[CheckedRow]
    ) -> tuple[list[NewVersion], list[NewVersion]]:
        """Place one part; returns the versions of its new records and of its changed ones."""
        new: list[NewVersion] = []
        changed: list[NewVersion] = []
        repeated, existing, seen = self.repeated, self.existing, self._seen  # once a part
        for row, check in zip(rows, checked, strict=True):
            errors = check.errors
            if row.line_no in repeated:
                errors = (*errors, FieldIssue("source_id", repeated[row.line_no]))
            if errors:
                self.plan.rejected.append(
                    RejectedRow(row.line_no, check.source_id or None, row.values, errors)
                )
                continue
            seen.add(check.source_id)
            state = existing.get(check.source_id)
            if (
                state is not None
                and state.content_hash == check.content_hash
                and not state.is_deleted
            ):
                self.plan.unchanged += 1
                continue
            version = NewVersion(
                source_id=check.source_id,
                content_hash=check.content_hash,
                version_no=1 if state is None else state.version_no + 1,
                fields=check.version_fields,
                record_id=None if state is None else state.record_id,
                line_no=row.line_no,
            )
            (new if state is None else changed).append(version)
        self.plan.new.extend(_kept(v) for v in new)
        self.plan.changed.extend(_kept(v) for v in changed)
        return new, changed

    def finish(self, *, full: bool) -> IngestPlan:
        """The whole plan; a ``full`` extract also tombstones the records it no longer holds."""
        if full:
            rejected = {r.source_id for r in self.plan.rejected if r.source_id}
            self._tombstones(self._seen | rejected)
        return self.plan

    def _tombstones(self, present: set[str]) -> None:
        for source_id, state in self.existing.items():
            if source_id in present or state.is_deleted:
                continue
            self.plan.deleted.append(
                NewVersion(
                    source_id=source_id, content_hash="deleted",
                    version_no=state.version_no + 1, record_id=state.record_id,
                    is_tombstone=True,
                )
            )  # fmt: skip
