"""Cells a spreadsheet would run as a formula, neutralised for CSV files people open in one.

A cell starting with ``=``, ``@``, a tab or a carriage return gets a leading apostrophe (the
spreadsheet shows it as text). One starting with ``+`` or ``-`` does too unless it is plainly a
number or a telephone number (digits, spaces, ``.``, ``,``, ``(``, ``)``, ``/``, ``-``), so
``+44 20 7946 0001`` and ``-12.50`` stay as they are while ``+1+cmd|' /C calc'!A0`` does not."""

from __future__ import annotations

import re

ALWAYS = ("=", "@", "\t", "\r")
SIGNS = ("+", "-")
_PLAIN_NUMBER = re.compile(r"^[+-][0-9 .,()/\-]*$")


def neutralise(value: str) -> str:
    if value.startswith(ALWAYS) or (value.startswith(SIGNS) and not _PLAIN_NUMBER.match(value)):
        return "'" + value
    return value
