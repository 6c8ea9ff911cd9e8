"""How one extract writes its slash and dash dates, decided once per date column from the
column's values, so that every row of the extract reads a date like ``03/04/2024`` or
``03-04-2024`` the same way.

A slash or dash date (the year last) whose first part is over 12 can only be day/month, one
whose second part is over 12 only month/day; the others are a date either way round
(``matching.slash_evidence``). A column is day/month when some of its values can only be
day/month and none only month/day, and the reverse; its ambiguous values are then read that
way too. A column that shows both (dates written both ways round) or neither decides nothing:
its ambiguous values are read as the same source system's earlier extracts of the entity
decided for the field (the order is remembered per system, entity and field, the latest
decision winning), and with no such decision as the hub reads an ambiguous value, month/day
(US) with slashes and day-month with dashes. A column that decides the opposite of the
remembered order is read as it decides, and its note says the system's order changed. The
notes say each of these: the profile, the ingest and the dry run show them. A single record
(the API, a steward's pin) has no column: each value is read by itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from matching import DayMonth, SlashEvidence, slash_evidence
from mdm.domain.entities import EntitySchema


@dataclass(frozen=True)
class RememberedOrder:
    """The order an earlier extract of the same source system and entity decided for a
    field, and when that extract's run started."""

    order: DayMonth
    run_at: datetime

    @property
    def run_of(self) -> str:
        return f"run of {self.run_at:%Y-%m-%d}"


@dataclass(frozen=True)
class DateColumn:
    """A date field of an extract, the column it is read from, what its slash and dash dates
    show, and the order the system's earlier extracts decided for the field, if any."""

    field: str
    column: str
    evidence: SlashEvidence
    remembered: RememberedOrder | None = None

    @property
    def order(self) -> DayMonth | None:
        """The order its values decided; None: none (both orders, or neither, shown)."""
        return self.evidence.order

    @property
    def read_as(self) -> DayMonth | None:
        """How its ambiguous values are read: its own order, else the remembered one; None:
        the default."""
        if self.order is not None:
            return self.order
        return self.remembered.order if self.remembered is not None else None

    @property
    def changed(self) -> bool:
        """Its values decided the opposite of the order the system's earlier extracts did."""
        known = self.remembered
        return self.order is not None and known is not None and known.order is not self.order

    @property
    def reading(self) -> str:
        """How its ambiguous values are read, and why: for a report."""
        if self.order is not None:
            return str(self.order)
        why = "both orders" if self.evidence.mixed else "no evidence"
        if self.remembered is not None:
            known = self.remembered
            return f"{known.order} ({why}; this system's earlier extracts, {known.run_of})"
        return f"{self.evidence.default} ({why})"

    def note(self) -> str | None:
        """What a person loading the extract should know, if anything."""
        name = self.field if self.column == self.field else f"{self.field} ({self.column})"
        if self.order is not None:
            return self._decided_note(name)
        seen = self.evidence
        ambiguous = f"the ambiguous ones ({seen.either}, like {seen.example})"
        if (known := self.remembered) is not None:
            rest = (
                f"{ambiguous} read {known.order}, as this system's earlier extracts "
                f"({known.run_of}) showed"
            )
        else:
            rest = f"{ambiguous} read {seen.default}, the default: check them"
        if seen.mixed:
            return (
                f"{name}: {seen.written} dates written both ways round ({seen.day_first} only "
                f"day/month, {seen.month_first} only month/day), each read the one way it is "
                f"a date" + (f"; {rest}" if seen.either else "")
            )
        if not seen.either:
            return None
        if self.remembered is not None:
            return f"{name}: {rest}"
        return f"{name}: no {seen.written} date shows whether it is day/month or month/day; {rest}"

    def _decided_note(self, name: str) -> str | None:
        """The note of a column whose values decided its order."""
        seen, order = self.evidence, self.order
        shown = seen.day_first if order is DayMonth.DAY_FIRST else seen.month_first
        said = f"{name}: {seen.written} dates read {order}, as {shown} can only be and none is "
        said += "only the other way"
        if seen.either:
            said += f"; the ambiguous ones ({seen.either}, like {seen.example}) too"
        if (known := self.remembered) is not None and self.changed:
            return (
                f"{said}; this system's order changed: its earlier extracts ({known.run_of}) "
                f"showed {known.order}"
            )
        return said if seen.either else None  # each value read the one way it is a date


@dataclass(frozen=True)
class DateOrders:
    """The date columns of one extract that hold slash or dash dates."""

    columns: tuple[DateColumn, ...] = ()

    @cached_property  # read for every row
    def readings(self) -> tuple[tuple[str, DayMonth], ...]:
        """(field, order) of each column whose ambiguous values are read in an order, its own
        or the remembered one (hashable: the checks of a row are cached by it)."""
        return tuple((c.field, c.read_as) for c in self.columns if c.read_as is not None)

    @property
    def decisions(self) -> tuple[tuple[str, DayMonth], ...]:
        """(field, order) of each column whose own values decided its order: for later
        extracts of the system to remember."""
        return tuple((c.field, c.order) for c in self.columns if c.order is not None)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(note for c in self.columns if (note := c.note()) is not None)


PER_VALUE = DateOrders()  # no column to decide from: each value read by itself


def date_orders(
    schema: EntitySchema, columns: Mapping[str, str], rows: Sequence[Mapping[str, str]],
    remembered: Mapping[str, RememberedOrder] | None = None,
) -> DateOrders:  # fmt: skip
    """The day/month orders of an extract's ``rows`` (raw values keyed by the extract's
    columns; ``columns`` maps a column to its field), from all of its rows: a row left
    unchecked because it did not change is evidence all the same. ``remembered``: field ->
    the order the system's earlier extracts of the entity decided, for a column deciding
    nothing."""
    known = remembered or {}
    found = []
    for column, name in columns.items():
        if name not in schema.fields or schema.spec(name).kind.ordered is None:
            continue
        evidence = slash_evidence(row.get(column, "") for row in rows)
        if evidence.day_first or evidence.month_first or evidence.either:
            found.append(DateColumn(name, column, evidence, known.get(name)))
    return DateOrders(tuple(found))
