"""A price whose text says its currency or its unit as well as its amount: ``$150/hr``,
``EUR 1.200,00 per day``, ``95 GBP/h``, ``1,200/day``, as other tools export a rate.

What the text says fills the currency or unit column when that is empty, and must agree with
it when it is not: a column saying ``hour`` beside ``1,200/day``, or ``EUR`` beside ``$150``,
rejects the row naming both, for a person to decide. Other words beside the amount (``net``,
``excl. VAT``, ``ca.``) are read as before, as nothing; words that speak of a unit but are
not read as one (``HT/jour``, ``per sprint``) reject the row too, as the unit it would
default to may be the wrong one. The amount itself stays its kind's to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matching import (
    WrittenAmount,
    currencies_of,
    mentions_unit,
    read_amount,
    read_unit,
    to_currency,
)
from mdm.domain.entities.kinds import UNIT_REASON, Row
from mdm.domain.issues import FieldIssue

_BARE = re.compile(r"[\d.,'+\-() ]*")  # digits, separators and signs: nothing else to read
_Read = tuple[str | None, FieldIssue | None]  # what fills an empty column, or why the row fails


@dataclass(frozen=True)
class PriceText:
    """The fields of a price: its ``amount``, and the ``currency`` and ``unit`` its text may
    say too."""

    amount: str
    currency: str
    unit: str

    def fields(self) -> tuple[str, ...]:
        return (self.amount, self.currency, self.unit)

    def complete(self, row: Row) -> tuple[Row, tuple[FieldIssue, ...]]:
        """``row`` with what the amount says of its currency and unit filled in where their
        columns are empty, and the issues of the columns that say otherwise. Read from the
        raw row, before the requirements: a currency the amount says meets ``currency is
        required``."""
        text = row.get(self.amount)
        if not text or _BARE.fullmatch(text):  # a number alone, as most are
            return row, ()
        written = read_amount(text)
        if written is None or not (written.currencies or written.before or written.after):
            return row, ()
        filled: dict[str, str] = {}
        issues: list[FieldIssue] = []
        for field, (fill, issue) in (
            (self.currency, self._currency(row.get(self.currency, ""), text, written)),
            (self.unit, self._unit(row.get(self.unit, ""), text, written)),
        ):
            if fill is not None:
                filled[field] = fill
            if issue is not None:
                issues.append(issue)
        return ({**row, **filled} if filled else row), tuple(issues)

    def _currency(self, column: str, text: str, written: WrittenAmount) -> _Read:
        if not written.currencies:
            return None, None
        possible = set(currencies_of(written.currencies[0]))
        for other in written.currencies[1:]:  # "$150 CAD": the dollar that is CAD
            possible &= set(currencies_of(other))
        if not possible:
            return None, FieldIssue(
                self.currency, f"the {self.amount} says two currencies: {text!r}"
            )
        said = min(written.currencies, key=lambda c: len(currencies_of(c)))
        if not column:
            return said, None
        code = to_currency(column)
        if code is None or code in possible:  # unread: the currency kind rejects it
            return None, None
        return None, self._disagrees(self.currency, (column, code), text, (said, to_currency(said)))

    def _unit(self, column: str, text: str, written: WrittenAmount) -> _Read:
        said = written.after or written.before  # "1,200/day"; "Tagessatz 1.200,00 €"
        unit = read_unit(said)
        if unit is None:
            if mentions_unit(said):
                reason = f"{UNIT_REASON}: the {self.amount} {text!r} says {said!r}, not read as one"
                return None, FieldIssue(self.unit, reason)
            return None, None
        if not column:
            return said, None
        held = read_unit(column)
        if held is None or held == unit:  # unread: the unit kind rejects it
            return None, None
        return None, self._disagrees(self.unit, (column, held), text, (said, unit))

    def _disagrees(
        self, field: str, column: tuple[str, str], text: str, said: tuple[str, str | None]
    ) -> FieldIssue:
        """The issue of a column (as written, as read) the amount's text says otherwise."""
        return FieldIssue(
            field,
            f"disagrees with the {self.amount}: the {field} column says {column[0]!r} "
            f"({column[1]}), the {self.amount} {text!r} says {said[0]!r} ({said[1]})",
        )
