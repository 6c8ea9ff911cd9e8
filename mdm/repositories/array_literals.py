"""Lists sent to PostgreSQL as one array literal each (``{"a","b"}``), for statements that
``CAST`` the parameter to ``text[]`` or ``int[]``. psycopg adapts a Python list element by
element in Python, which cost "does this exist?" about a tenth of a millisecond per call for
its seven short lists; a literal is one string, which the server parses."""

from __future__ import annotations

from collections.abc import Iterable


def text_array(values: Iterable[str]) -> str:
    """``values`` as a ``text[]`` literal: every element quoted, so no value reads as NULL or
    splits at a comma or brace; backslashes and double quotes escaped within the quotes."""
    quoted = ('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values)
    return "{" + ",".join(quoted) + "}"


def int_array(values: Iterable[int]) -> str:
    """``values`` as an ``int[]`` (or ``bigint[]``) literal."""
    return "{" + ",".join(str(int(value)) for value in values) + "}"
