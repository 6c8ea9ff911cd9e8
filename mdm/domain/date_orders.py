"""How one extract writes its slash and dash dates, decided once per date column from the
column's values, so that every row of the extract reads a date like ``03/04/2024`` or
``03-04-2024`` the same way.

A slash or dash date (the year last) whose first part is over 12 can only be day/month, one
whose second part is over 12 only month/day; the others are a date either way round
(``matching.slash_evidence``). A column is day/month when some of its values can only be
day/month and none only month/day, and the reverse; its ambiguous values are then read that
way too. A column that shows both (dates written both ways round) or neither keeps the hub's
reading of an ambiguous value, month/day (US) with slashes and day-month with dashes, and its
note says so: the profile, the ingest and the dry run show the notes. A single record (the
API, a steward's pin) has no column: each value is read by itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from matching import DayMonth, SlashEvidence, slash_evidence
from mdm.domain.entities import EntitySchema


@dataclass(frozen=True)
class DateColumn:
    """A date field of an extract, the column it is read from, and what its slash and dash
    dates show."""

    field: str
    column: str
    evidence: SlashEvidence

    @property
    def order(self) -> DayMonth | None:
        """The order its values decided; None: none (both orders, or neither, shown)."""
        return self.evidence.order

    @property
    def reading(self) -> str:
        """How its ambiguous values are read, and why: for a report."""
        if self.order is not None:
            return str(self.order)
        why = "both orders" if self.evidence.mixed else "no evidence"
        return f"{self.evidence.default} ({why})"

    def note(self) -> str | None:
        """What a person loading the extract should know, if anything."""
        seen = self.evidence
        name = self.field if self.column == self.field else f"{self.field} ({self.column})"
        ambiguous = f"the ambiguous ones ({seen.either}, like {seen.example})"
        if self.order is not None:
            if not seen.either:  # each value read the one way it is a date: nothing to tell
                return None
            shown = seen.day_first if self.order is DayMonth.DAY_FIRST else seen.month_first
            return (
                f"{name}: {seen.written} dates read {self.order}, as {shown} can only be and none "
                f"is only the other way; {ambiguous} too"
            )
        default = f"{ambiguous} read {seen.default}, the default: check them"
        if seen.mixed:
            return (
                f"{name}: {seen.written} dates written both ways round ({seen.day_first} only "
                f"day/month, {seen.month_first} only month/day), each read the one way it is "
                f"a date" + (f"; {default}" if seen.either else "")
            )
        if seen.either:
            return (
                f"{name}: no {seen.written} date shows whether it is day/month or month/day; "
                f"{default}"
            )
        return None


@dataclass(frozen=True)
class DateOrders:
    """The date columns of one extract that hold slash or dash dates."""

    columns: tuple[DateColumn, ...] = ()

    @cached_property  # read for every row
    def readings(self) -> tuple[tuple[str, DayMonth], ...]:
        """(field, order) of each column whose values decided its order (hashable: the
        checks of a row are cached by it)."""
        return tuple((c.field, c.order) for c in self.columns if c.order is not None)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(note for c in self.columns if (note := c.note()) is not None)


PER_VALUE = DateOrders()  # no column to decide from: each value read by itself


def date_orders(
    schema: EntitySchema, columns: Mapping[str, str], rows: Sequence[Mapping[str, str]]
) -> DateOrders:
    """The day/month orders of an extract's ``rows`` (raw values keyed by the extract's
    columns; ``columns`` maps a column to its field), from all of its rows: a row left
    unchecked because it did not change is evidence all the same."""
    found = []
    for column, name in columns.items():
        if name not in schema.fields or schema.spec(name).kind.ordered is None:
            continue
        evidence = slash_evidence(row.get(column, "") for row in rows)
        if evidence.day_first or evidence.month_first or evidence.either:
            found.append(DateColumn(name, column, evidence))
    return DateOrders(tuple(found))
