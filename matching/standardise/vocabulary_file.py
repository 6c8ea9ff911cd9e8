"""Vocabularies kept as data: CSV files a firm extends without code (role spellings,
placeholders), with a header row, blank lines and ``#`` comment lines allowed."""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path, columns: tuple[str, ...], what: str) -> list[dict[str, str]]:
    """The rows of the vocabulary file ``path``, which must hold ``columns`` (``what`` names
    the vocabulary in the error when it does not)."""
    with path.open(encoding="utf-8") as source:
        lines = [line for line in source if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines)
    if not set(columns) <= set(reader.fieldnames or ()):
        raise ValueError(f"{path}: {what} needs the column(s) {' and '.join(columns)}")
    return [{c: row[c] or "" for c in columns} for row in reader]
