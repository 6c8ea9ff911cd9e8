"""Validate many rows, on every core when the batch is large enough to be worth it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from mdm.domain.canonical import canonicalise
from mdm.domain.issues import CanonicalRow

PARALLEL_FROM = 20_000
CHUNK = 5_000


def _chunk(entity: str, rows: Sequence[dict[str, str]]) -> list[CanonicalRow]:
    return [canonicalise(entity, row) for row in rows]


def canonicalise_all(entity: str, rows: Sequence[dict[str, str]]) -> list[CanonicalRow]:
    workers = min(os.cpu_count() or 1, 4)
    if len(rows) < PARALLEL_FROM or workers < 2:
        return _chunk(entity, rows)
    chunks = [rows[i : i + CHUNK] for i in range(0, len(rows), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(_chunk, [entity] * len(chunks), chunks)
        return [row for part in parts for row in part]
