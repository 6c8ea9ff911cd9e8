"""Feature derivations and the columnar batch they build (``Prepared``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from matching.record import Record, record_id, record_source, text

Derive = Callable[[Record], object]


@dataclass(frozen=True)
class Feature:
    """One derived value per record: ``derive(record)`` gives the value, or None when unknown.
    ``reads``: (earlier features, a function of their values in that order) giving the same
    value, so that a batch holding those features makes this one from them instead of deriving
    them again."""

    name: str
    derive: Derive
    reads: tuple[tuple[str, ...], Callable[..., object]] | None = None


def field_feature(
    name: str, key: str | None = None, transform: Callable[[str], object] | None = None
) -> Feature:
    """A feature read from one field (``key``, default ``name``), optionally transformed."""
    source_key = key or name

    def derive(record: Record) -> object:
        value = text(record, source_key)
        if value is None:
            return None
        return transform(value) if transform else value.lower()

    return Feature(name, derive)


def _blank(value: object) -> bool:
    return value is None or value == "" or value == () or value == []


@dataclass(frozen=True)
class Prepared:
    """A batch of records as numpy object columns, one per feature, in record order."""

    ids: np.ndarray
    sources: np.ndarray
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    _derived: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def derived(self, key: str, build: Callable[[Prepared], np.ndarray]) -> np.ndarray:
        """A per-record array computed once from the batch (e.g. dates as day numbers)."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]

    def hold(self, key: str, array: np.ndarray) -> None:
        """Keep ``array`` under ``key``: what ``derived`` would compute of the batch, known
        already (the batch's rows of a larger batch that computed it)."""
        self._derived[key] = array

    def held(self, key: str) -> np.ndarray | None:
        """The array computed from the batch under ``key``, None when not (or no longer)
        held."""
        return self._derived.get(key)

    def forget(self, derived: Callable[[str], bool]) -> None:
        """Let go of the arrays computed from the batch whose keys ``derived`` picks (made
        again if asked for later)."""
        for key in [key for key in self._derived if derived(key)]:
            del self._derived[key]

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, name: str) -> np.ndarray:
        try:
            return self.columns[name]
        except KeyError:
            raise KeyError(f"feature {name!r} is not prepared") from None


def object_array(values: Sequence[object]) -> np.ndarray:
    """A 1-d object array holding ``values`` as they are (tuples stay elements). Filled
    element by element in C: no look at the values' types first (a tuple or list given to
    ``array[:] =`` would be spread over a second axis)."""
    return np.fromiter(values, dtype=object, count=len(values))


def prepare_records(records: Sequence[Record], features: Sequence[Feature]) -> Prepared:
    """Derive every feature for every record (blank values become None)."""
    ids = object_array([record_id(record) for record in records])
    sources = object_array([record_source(record) for record in records])
    columns: dict[str, np.ndarray] = {}
    for feature in features:
        if feature.reads is not None and all(name in columns for name in feature.reads[0]):
            earlier, make = feature.reads
            held = (columns[name].tolist() for name in earlier)
            values = [make(*row) for row in zip(*held, strict=True)]
        else:
            values = [feature.derive(record) for record in records]
        columns[feature.name] = object_array([None if _blank(value) else value for value in values])
    return Prepared(ids, sources, columns)


def concatenate(parts: Sequence[Prepared]) -> Prepared:
    """Join prepared batches with the same features into one."""
    names = list(parts[0].columns)
    return Prepared(
        np.concatenate([part.ids for part in parts]),
        np.concatenate([part.sources for part in parts]),
        {name: np.concatenate([part.columns[name] for part in parts]) for name in names},
    )


def distinct_records(prepared: Prepared) -> Prepared:
    """The batch without copies: of records equal in their source and every feature, the
    first alone (in record order). What a batch holds as values, however often one record of
    it is repeated."""
    if len(prepared) < 2:
        return prepared
    kept = np.flatnonzero(~record_codes(prepared).duplicated(keep="first").to_numpy())
    if len(kept) == len(prepared):
        return prepared
    return rows_of(prepared, kept)


def record_codes(prepared: Prepared) -> pd.DataFrame:
    """Each record as integers (``value_codes``), one column for its source and one per
    feature: equal records, equal rows."""
    columns = [prepared.sources, *prepared.columns.values()]
    return pd.DataFrame({n: value_codes(column) for n, column in enumerate(columns)})


def rows_of(prepared: Prepared, rows: np.ndarray) -> Prepared:
    """The batch's records at ``rows``, in that order."""
    return Prepared(
        prepared.ids[rows],
        prepared.sources[rows],
        {name: column[rows] for name, column in prepared.columns.items()},
    )


def value_codes(values: np.ndarray) -> np.ndarray:
    """An integer per value, equal values equal integers, every missing value one (hashed by
    pandas; a column holding a value that cannot be hashed, each value as its text)."""
    try:
        codes, _ = pd.factorize(values)
    except TypeError:
        codes, _ = pd.factorize(np.array([_hashable(v) for v in values.tolist()], dtype=object))
    return np.asarray(codes, dtype=np.int64)


def _hashable(value: object) -> object:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value
