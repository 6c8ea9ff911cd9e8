"""An amount as a source wrote it: its number, the currencies written beside the number, and
the other words around it (``$150/hr``, ``EUR 1.200,00 per day``, ``95 GBP/h``,
``1 200,00 €``).

The number is ``to_decimal``'s reading of the whole text, so an amount reads the same here as
everywhere else. A currency is the longest run of words just before the number, or just after
it, that ``to_currency`` reads (a symbol, code or name; words are separated by spaces, and
after the number by ``/`` too, which stays with the words after it: ``GBP/h`` is ``GBP`` and
``/h``). What is left on either side is kept as written, for the caller to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from matching.standardise.money import to_currency, to_decimal

_NUMBER = re.compile(r"\d(?:.*\d)?", re.DOTALL)  # first digit to last
_EDGES = " \t\u00a0\u202f+-()"  # spaces, signs and parentheses around the number
_GAP = re.compile(r"\s+|(?=/)")


@dataclass(frozen=True)
class WrittenAmount:
    amount: Decimal
    currencies: tuple[str, ...]  # as written, before the number's then after's: ("$",)
    before: str  # the other words before the number, stripped
    after: str  # the other words after it, stripped (``/day``, ``per hour``)


def read_amount(value: str) -> WrittenAmount | None:
    """``value`` as an amount with its currency and other words; None if not a number."""
    amount = to_decimal(value)
    found = _NUMBER.search(value)
    if amount is None or found is None:
        return None
    before = value[: found.start()].strip(_EDGES)
    after = value[found.end() :].strip(_EDGES)
    if not before and not after:
        return WrittenAmount(amount, (), "", "")
    before, leading = _currency_ending(before)
    trailing, after = _currency_starting(after)
    currencies = tuple(c for c in (leading, trailing) if c)
    return WrittenAmount(amount, currencies, before, after)


def _currency_ending(text: str) -> tuple[str, str]:
    """(the words before, the currency) of text that may end with a currency."""
    starts = [0, *(gap.end() for gap in _GAP.finditer(text))]
    for start in starts:  # the longest first
        candidate = text[start:].strip()
        if candidate and to_currency(candidate) is not None:
            return text[:start].strip(), candidate
    return text, ""


def _currency_starting(text: str) -> tuple[str, str]:
    """(the currency, the words after) of text that may start with a currency."""
    ends = [*(gap.start() for gap in _GAP.finditer(text)), len(text)]
    for end in reversed(ends):  # the longest first
        candidate = text[:end].strip()
        if candidate and to_currency(candidate) is not None:
            return candidate, text[end:].strip()
    return "", text
