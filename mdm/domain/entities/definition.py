"""What an entity is declared with, once, in this package (one module per entity): its fields
with their kinds and meaning, the rules a row must satisfy, the records its fields name, and
what the hub does with it: the matching preset, the survivorship defaults, what the review
screen compares, how a steward finds and reads a record.

The canonical checks, the matcher's preset and reference columns, survivorship, search, the
review queue, the field guide and the UI all read these definitions, so adding a field is one
edit here (and a migration where a table needs one)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from mdm.domain.entities.kinds import TEXT, Kind
from mdm.domain.entities.price_text import PriceText
from mdm.domain.survivorship_rules import EntityRules


@dataclass(frozen=True)
class Reference:
    """A field that names another record of the same source system by its key there: the hub
    resolves it through that record's cross-reference to a golden id, called ``name``
    (``parent``, ``manager``, ``customer``). ``matched``: the matcher compares the golden id,
    given to it as ``{name}_ref``."""

    entity: str
    name: str
    matched: bool = False

    @property
    def matcher_field(self) -> str:
        return f"{self.name}_ref"


@dataclass(frozen=True)
class Field:
    name: str
    meaning: str  # for the field guide: `mdm fields`, the API, the README
    example: str  # a valid value (a test loads every entity's examples as one row)
    kind: Kind = TEXT
    default: str | None = None  # the canonical value of an empty field
    cased: bool = False  # a name or a place: shown in a readable casing when a source shouts
    references: Reference | None = None
    label: str = ""  # as a steward reads it (default: the name with spaces)
    # whether a value its kind cannot read rejects the row: None, as the kind says
    # (``Kind.rejects``); False for a value the row does without (an optional date, currency
    # or amount: an unreadable hire date is flagged, the person still loads)
    rejects: bool | None = None

    @property
    def shown_as(self) -> str:
        return self.label or self.name.replace("_", " ")

    @property
    def rejects_row(self) -> bool:
        return self.kind.rejects if self.rejects is None else self.rejects


@dataclass(frozen=True)
class Required:
    """A row needs one of ``alternatives`` with every field of it filled; else the issue is
    reported on ``issue`` with ``message``. ``says``: how the field guide puts it."""

    alternatives: tuple[tuple[str, ...], ...]
    issue: str
    message: str
    says: str

    @classmethod
    def field(cls, name: str) -> Required:
        return cls(((name,),), name, f"{name} is required", "yes")

    @classmethod
    def one_of(cls, *names: str) -> Required:
        """One of ``names`` (the issue is reported on the first)."""
        return cls(
            tuple((n,) for n in names), names[0], f"{names[0]} is required", " or ".join(names)
        )

    def fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for alternative in self.alternatives for f in alternative))

    def met(self, row: Mapping[str, str]) -> bool:
        for alternative in self.alternatives:  # loops, not any(all(...)): once per row
            for name in alternative:
                if not row.get(name):
                    break
            else:
                return True
        return False


@dataclass(frozen=True)
class EndsAfterStart:
    """A period's end (when known) is not before its start."""

    start: str
    end: str

    def fields(self) -> tuple[str, ...]:
        return (self.start, self.end)

    def issue(self, values: Mapping[str, Any]) -> tuple[str, str] | None:
        start, end = values.get(self.start), values.get(self.end)
        if start and end and end < start:
            return self.end, f"ends ({end}) before it starts ({start})"
        return None


@dataclass(frozen=True)
class NotNegative:
    """A canonical amount (its text) that may not be below zero; ``what`` names it."""

    name: str
    what: str

    def fields(self) -> tuple[str, ...]:
        return (self.name,)

    def issue(self, values: Mapping[str, Any]) -> tuple[str, str] | None:
        value = values.get(self.name)
        if isinstance(value, str) and value.startswith("-"):
            return self.name, f"{self.what} cannot be negative: {value}"
        return None


RowRule = EndsAfterStart | NotNegative


@dataclass(frozen=True)
class Search:
    """How a steward finds and reads a record: ``names`` are searched word by word and sort
    the results (each a field, or fields read together with a space between, the first known
    one naming the record); ``place`` and ``key`` are the columns a hit shows (each part of
    the place the first known of its fields; the key the first known identifier)."""

    names: tuple[tuple[str, ...], ...]
    place: tuple[tuple[str, ...], ...] = ()
    key: tuple[str, ...] = ()

    def fields(self) -> tuple[str, ...]:
        parts = [*self.names, *self.place, self.key]
        return tuple(f for part in parts for f in part)

    def title(self, values: Mapping[str, Any]) -> str | None:
        for name in self.names:
            text = " ".join(str(values[f]) for f in name if values.get(f))
            if text:
                return text
        return None

    def place_of(self, values: Mapping[str, Any]) -> str:
        parts = (next((values[f] for f in part if values.get(f)), None) for part in self.place)
        return ", ".join(str(p) for p in parts if p)

    def key_of(self, values: Mapping[str, Any]) -> Any:
        return next((values[f] for f in self.key if values.get(f)), None)


@dataclass(frozen=True)
class EntitySchema:
    name: str
    field_specs: tuple[Field, ...]  # in canonical order, `source_id` first
    preset: str  # the matching library's preset (settings_for)
    # comparison name of the preset → the fields it looks at (the review screen puts each
    # comparison on the row of the first of them a record holds); a test holds the names to
    # the preset's comparisons
    evidence: Mapping[str, tuple[str, ...]]
    search: Search
    survivorship: EntityRules = field(default_factory=EntityRules)
    requirements: tuple[Required, ...] = ()  # besides source_id, which every row needs
    checks: tuple[RowRule, ...] = ()  # rules across canonical values, after each field's own
    # prices whose amount's text may say their currency and unit too, read first (from the
    # raw row: what they say fills an empty column before the requirements are checked)
    prices: tuple[PriceText, ...] = ()
    # fields that say something only together (an amount and its currency): where one is
    # flagged, the others the row holds are flagged with it, so no record's amount survives
    # without its currency (``mdm.domain.canonical``)
    read_together: tuple[tuple[str, ...], ...] = ()
    # fields whose one value names one thing (a registry number, an employee's number or
    # address): search finds a record by them, and two rows sharing one are duplicates
    identifiers: tuple[str, ...] = ()
    # besides each identifier, values two rows of one extract are duplicates by when shared
    duplicates: tuple[tuple[str, ...], ...] = ()
    bulk_patterns: tuple[str, ...] = ()  # the stewardship bulk-approval patterns that apply

    def __post_init__(self) -> None:
        unknown = sorted(set(self._named()) - set(self.fields))
        if unknown or self.fields[:1] != ("source_id",):
            raise ValueError(f"{self.name}: unknown fields {unknown} (source_id must come first)")
        required = {f for r in self.requirements for f in r.fields()}
        flagged = sorted(
            f.name for f in self.field_specs if f.name in required and f.rejects is False
        )
        if flagged:  # a row would load without the value it requires
            raise ValueError(
                f"{self.name}: required fields {flagged} must reject what is unreadable"
            )

    def _named(self) -> list[str]:
        rules = self.survivorship
        named = [*rules.attributes, *rules.grouped(), *self.identifiers, *self.search.fields()]
        named += [f for fields in (*self.evidence.values(), *self.read_together) for f in fields]
        named += [f for r in (*self.requirements, *self.checks, *self.prices) for f in r.fields()]
        return named + [f for key in self.duplicates for f in key]

    @cached_property
    def fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.field_specs)

    @property
    def references(self) -> tuple[str, ...]:
        """The fields that name another record (``*_source_id``)."""
        return tuple(f.name for f in self.field_specs if f.references is not None)

    def reference_of(self, name: str) -> Reference | None:
        return self.spec(name).references

    def matched_references(self) -> tuple[tuple[str, Reference], ...]:
        """(field, reference) of the references the matcher compares, in field order."""
        return tuple(
            (f.name, f.references)
            for f in self.field_specs
            if f.references is not None and f.references.matched
        )

    def spec(self, name: str) -> Field:
        return next(f for f in self.field_specs if f.name == name)

    def is_field(self, column: str) -> bool:
        return column in self.fields

    @cached_property
    def rules(self) -> tuple[Required, ...]:
        """Every requirement, source_id's first."""
        return (Required.field("source_id"), *self.requirements)

    @cached_property
    def text_fields(self) -> tuple[str, ...]:
        """The values kept as text (source_id, the row's key, is not one of its values)."""
        return tuple(f.name for f in self.field_specs[1:] if f.kind.convert is None)

    @cached_property
    def converted(self) -> tuple[Field, ...]:
        """The values a kind converts, in order."""
        return tuple(f for f in self.field_specs[1:] if f.kind.convert is not None)

    def required(self, name: str) -> str:
        """``yes``, which alternative satisfies the requirement, or empty: not required."""
        return next((r.says for r in self.rules if name in r.fields()), "")
