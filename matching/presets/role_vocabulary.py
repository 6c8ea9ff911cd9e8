"""The rate-card role vocabulary: other systems' spellings of a role and the role they mean.

The table lives in data (``role_vocabulary.csv``, next to this module: standardised spelling,
role), so a firm extends it without code: ``rate_card_settings(role_vocabulary={...})`` adds
or overrides entries, and ``read_vocabulary`` reads them from a file of the same form. Spellings are compared after ``standardise_title`` (``PM`` is already
``project manager``, ``Data Eng.`` is ``data engineer``), and a qualifier in brackets
(``Consultant (Delivery)``) is not part of the role.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from matching.standardise.title import standardise_title
from matching.standardise.vocabulary_file import read_rows

VOCABULARY_FILE = Path(__file__).with_name("role_vocabulary.csv")
_BRACKETED = re.compile(r"[(\[][^)\]]*[)\]]")
_SLASH = re.compile(r"\s*/\s*")


def read_vocabulary(path: Path) -> dict[str, str]:
    """Spelling -> role as a vocabulary file writes them: CSV with the columns ``spelling``
    and ``role``; blank lines and lines starting with ``#`` are skipped."""
    rows = read_rows(path, ("spelling", "role"), "a role vocabulary")
    return {row["spelling"]: row["role"] for row in rows if row["spelling"] and row["role"]}


@cache
def shipped_vocabulary() -> Mapping[str, str]:
    """The vocabulary shipped with the library (read once, on first use)."""
    return {
        standardise_title(spelling): standardise_title(role)
        for spelling, role in read_vocabulary(VOCABULARY_FILE).items()
    }


def vocabulary(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The shipped vocabulary with ``extra`` entries (raw spellings) added or overriding."""
    merged = dict(shipped_vocabulary())
    for spelling, role in (extra or {}).items():
        merged[standardise_title(spelling)] = standardise_title(role)
    return merged


def standardise_role(value: str, table: Mapping[str, str]) -> str:
    """A role as the vocabulary names it: brackets dropped, title standardised, then looked
    up whole (``Principal / Partner`` -> ``partner``)."""
    plain = _SLASH.sub(" / ", _BRACKETED.sub(" ", value)).strip()
    title = standardise_title(plain)
    return table.get(title, title)
