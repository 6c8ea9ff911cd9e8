"""Errors that refuse a whole extract before anything loads."""

from __future__ import annotations


class ExtractError(Exception):
    """The file cannot be read as an extract: nothing from it was loaded."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class HeaderError(ExtractError):
    """The header names a column that is neither canonical nor mapped (or lacks source_id)."""

    def __init__(self, file: str, reason: str, columns: tuple[str, ...] = ()) -> None:
        super().__init__(file, reason)
        self.columns = columns
