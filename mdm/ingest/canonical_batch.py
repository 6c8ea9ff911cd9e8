"""Validate an extract's rows on every core, and serialise what loading them will need.

Each row comes back as a :class:`CheckedRow`: its key, errors, content hash and the fields of
its version row, made once in the worker so the parent only streams them into COPY. Large
extracts are split between forked workers that inherit the rows (nothing is pickled on the way
in) and send back flat tuples.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

from mdm.db.bulk import as_json, as_sorted_json, copy_field, sorted_json_bytes
from mdm.domain.canonical import canonicalise
from mdm.domain.date_orders import PER_VALUE, DateOrders
from mdm.domain.issues import FieldIssue
from mdm.ingest import forked
from mdm.ingest.constants import constants_json
from mdm.ingest.mapping import named_values
from mdm.ingest.reader import ExtractRow

PARALLEL_FROM = (
    4_000  # below this, forking workers is assumed to cost more than it saves (not measured)
)
CHUNK = 4_000  # most rows per task; smaller when that keeps every worker busy


class CheckedRow(NamedTuple):
    """All the parent needs of a checked row, flat and small (a worker sends it back as is);
    a named tuple because there is one per row."""

    source_id: str
    errors: tuple[FieldIssue, ...]
    content_hash: str  # of the raw row with its keys sorted
    # raw, canonical and invalid JSON, each escaped for COPY and tab-separated, as the
    # version row holds them; "" for a rejected row
    version_fields: str


@dataclass(frozen=True)
class _Job:
    entity: str
    columns: Mapping[str, str] | None  # None: the header is canonical as is
    rows: Sequence[ExtractRow]
    dates: DateOrders
    constants: Mapping[str, str] = field(default_factory=dict)  # the mapping's

    @property
    def hash_suffix(self) -> bytes:
        return hash_suffix(constants_json(self.constants))


_WORKER_JOB: _Job | None = None  # in a forked worker only: the job it was started for


def content_hash_of(raw_json: str, constants: str = "") -> str:
    """The hash of a row's raw content and of the mapping's ``constants`` (their JSON,
    :func:`~mdm.ingest.constants.constants_json`): a changed constant changes it."""
    return row_hash(raw_json.encode(), hash_suffix(constants))


def hash_suffix(constants: str) -> bytes:
    """What follows a row's raw JSON in the text its content hash is taken of: a newline and
    the ``constants`` JSON, nothing for none (made once per load, not per row)."""
    return f"\n{constants}".encode() if constants else b""


def row_hash(raw_json: bytes, suffix: bytes) -> str:
    """:func:`content_hash_of` from the raw JSON's UTF-8 bytes and the constants'
    :func:`hash_suffix`: the same hash, without decoding the JSON to encode it again."""
    return hashlib.sha256(raw_json + suffix).hexdigest()


def raw_json_of(raw: Mapping[str, str]) -> str:
    return as_sorted_json(raw)


def _check(job: _Job, row: ExtractRow, suffix: bytes) -> CheckedRow:
    """``suffix``: the job's :func:`hash_suffix` (made once per part, not per row)."""
    values = row.values
    if job.columns is None:
        named = {**job.constants, **values} if job.constants else values
    else:
        named = named_values(values, job.columns, job.constants)
    canon = canonicalise(job.entity, named, job.dates)
    raw = sorted_json_bytes(values)  # what the file held; the constants are the run's
    digest = row_hash(raw, suffix)
    if canon.errors:
        return CheckedRow(canon.source_id, canon.errors, digest, "")
    raw_json = raw.decode()
    canonical = as_json(canon.values | {"source_id": canon.source_id})
    invalid = as_json(canon.invalid) if canon.invalid else "{}"
    fields = f"{copy_field(raw_json)}\t{copy_field(canonical)}\t{copy_field(invalid)}"
    return CheckedRow(canon.source_id, (), digest, fields)


def _check_all(job: _Job, rows: Sequence[ExtractRow]) -> list[CheckedRow]:
    suffix = job.hash_suffix
    return [_check(job, row, suffix) for row in rows]


def _start_worker(parent_pid: int, job: _Job) -> None:
    """The initializer of a forked checking worker: it is handed its job as it forks (the
    rows are inherited, not pickled) and keeps it for the parts it is sent. The parent holds
    no job of its own, so ingests running at once in one process each fork workers with
    their own rows."""
    global _WORKER_JOB
    forked.start_worker(parent_pid)
    _WORKER_JOB = job


def _check_range(bounds: tuple[int, int]) -> list[CheckedRow]:
    job = _WORKER_JOB
    assert job is not None, "a checking worker is started with its job"
    return _check_all(job, job.rows[bounds[0] : bounds[1]])


def check_rows(
    entity: str, columns: Mapping[str, str], rows: Sequence[ExtractRow], *,
    constants: Mapping[str, str] | None = None, parallel_from: int = PARALLEL_FROM,
    chunk: int = CHUNK,
) -> Iterator[CheckedRow]:  # fmt: skip
    """Every row checked, in order, each by itself (a batch of records, not an extract: its
    dates are read value by value)."""
    parts = check_parts(
        entity, columns, rows, constants=constants, parallel_from=parallel_from, chunk=chunk
    )
    for _, checked in parts:
        yield from checked


def check_parts(
    entity: str, columns: Mapping[str, str], rows: Sequence[ExtractRow], *,
    dates: DateOrders = PER_VALUE, constants: Mapping[str, str] | None = None,
    parallel_from: int = PARALLEL_FROM, chunk: int = CHUNK,
) -> Iterator[tuple[Sequence[ExtractRow], list[CheckedRow]]]:  # fmt: skip
    """The rows in consecutive parts, each with its rows checked, in order. A part is yielded
    as soon as it is ready while the workers go on with later ones, so the caller can write it
    in the meantime. ``dates``: how the rows' extract writes its slash and dash dates;
    ``constants``: the values its mapping gives every row (checked already: ``resolve_header``)."""
    renames = not rows or any(columns.get(c) != c for c in rows[0].values)
    job = _Job(entity, columns if renames else None, rows, dates, constants or {})
    workers = min(os.cpu_count() or 1, 4)
    forking = "fork" in multiprocessing.get_all_start_methods()
    if len(rows) < parallel_from or workers < 2 or not forking:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            yield part, _check_all(job, part)
        return
    yield from _check_in_pool(job, workers, chunk)


def part_bounds(total: int, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive parts of at most ``size`` rows. The first parts are
    smaller (an eighth, a quarter, ...), so the first checked rows reach the writer, and the
    database starts working, soon after the workers start."""
    bounds: list[tuple[int, int]] = []
    start, step = 0, max(1, size // 8)
    while start < total:
        end = min(start + step, total)
        bounds.append((start, end))
        start, step = end, min(size, step * 2)
    return bounds


def _check_in_pool(
    job: _Job, workers: int, chunk: int
) -> Iterator[tuple[Sequence[ExtractRow], list[CheckedRow]]]:
    size = max(1, min(chunk, -(-len(job.rows) // (workers * 4))))
    bounds = part_bounds(len(job.rows), size)
    # load the lookup tables (public suffixes, phone metadata, countries) here, once, so the
    # workers inherit them instead of each loading its own
    _check(job, job.rows[0], job.hash_suffix)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker, initargs=(os.getpid(), job),
    )  # fmt: skip
    try:
        with forked.signals_held():  # the workers fork as the first part is submitted
            parts = pool.map(_check_range, bounds)
        for (start, end), part in zip(bounds, parts, strict=True):
            yield job.rows[start:end], part
    finally:
        # stopped early (an error, Ctrl+C, SIGTERM): drop the parts not started rather than
        # check them all before exiting
        pool.shutdown(wait=True, cancel_futures=True)
