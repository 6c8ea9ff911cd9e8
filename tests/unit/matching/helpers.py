"""Small builders shared by the matching tests."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import numpy as np

from matching.comparison import Comparison
from matching.engine import Matcher
from matching.feature import Feature, Prepared, field_feature, object_array, prepare_records
from matching.levels import Level
from matching.model import ComparisonParameters
from matching.pair_level_weights import LevelWeigher
from matching.pair_view import PairView
from matching.presets.resource import resource_settings
from matching.term_frequency import TermFrequencies


def prepared(rows: Sequence[dict[str, object]], features: Sequence[str]) -> Prepared:
    records = [{"id": str(index), **row} for index, row in enumerate(rows)]
    return prepare_records(records, [field_feature(name, transform=str) for name in features])


def batch_of(**values: list[object]) -> Prepared:
    """A batch of records holding ``values`` by feature (every list as long), ids "0", "1", ..."""
    n = len(next(iter(values.values())))
    ids = object_array([str(i) for i in range(n)])
    return Prepared(ids, object_array([""] * n), {k: object_array(v) for k, v in values.items()})


def every_pair(prepared: Prepared) -> PairView:
    """Every ordered pair of a batch's records with itself, each record with itself too."""
    n = len(prepared)
    left, right = np.divmod(np.arange(n * n), n)
    return PairView(prepared, prepared, left, right)


def levels_of(
    comparison: Comparison,
    pairs: Sequence[tuple[dict[str, object], dict[str, object]]],
    features: Sequence[str],
) -> list[str]:
    """Level labels of each (left, right) pair of rows."""
    rows = [row for pair in pairs for row in pair]
    return levels_in(comparison, rows, [(n, n + 1) for n in range(0, len(rows), 2)], features)


def levels_in(
    comparison: Comparison,
    rows: Sequence[dict[str, object]],
    pairs: Sequence[tuple[int, int]],
    features: Sequence[str],
) -> list[str]:
    """Level labels of each (index, index) pair of ``rows``, all prepared as one batch (a
    level that reads the batch, as a system's vocabulary is read, sees every row)."""
    batch = prepared(rows, features)
    left, right = (np.array(side) for side in zip(*pairs, strict=True))
    view = PairView(batch, batch, left, right)
    return [comparison.levels[index].label for index in comparison.evaluate(view)]


def feature(name: str) -> Feature:
    return field_feature(name, transform=str)


FIRST = [a + b for a in ("Al", "Ber", "Cor", "Da", "El", "Fri", "Gun", "Hel", "Ing", "Jo")
         for b in ("ma", "na", "rid", "tan", "bert", "mund", "win", "da")]  # fmt: skip
LAST = [a + b for a in ("Bau", "Beck", "Fisch", "Hoff", "Kle", "Lan", "Mey", "Richt", "Schul",
                        "Wag", "Wolf", "Zimm") for b in ("er", "mann", "ke", "ner", "ig", "hold")]  # fmt: skip


def names_and_dates(people: int = 1500, copies: int = 300) -> list[dict[str, object]]:
    """People known only by first name, last name and a date; ``copies`` of them again with
    one slip (a letter of a name or a digit of the date), as in RLdata10000. A copy's id
    names its original: ``c<n>:<original id>``."""
    rng = random.Random(7)
    rows: list[dict[str, object]] = []
    for n in range(people):
        day = date(1940, 1, 1) + timedelta(days=rng.randrange(60 * 365))
        rows.append(
            {"id": f"p{n}", "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST),
             "hire_date": day.isoformat()}
        )  # fmt: skip
    for n, row in enumerate(rng.sample(rows, copies)):
        copy = {**row, "id": f"c{n}:{row['id']}"}
        field = rng.choice(["first_name", "last_name", "hire_date"])
        text = str(copy[field])
        at = rng.randrange(1, len(text) - 1) if field != "hire_date" else 9
        slip = "x" if field != "hire_date" else str((int(text[at]) + 1) % 10)
        copy[field] = text[:at] + slip + text[at + 1 :]
        rows.append(copy)
    return rows


def trained_resources(records: Sequence[dict[str, object]]) -> Matcher:
    """A matcher of the resource preset trained (without labels) on ``records``."""
    matcher = Matcher(resource_settings())
    matcher.train(matcher.prepare(list(records)))
    return matcher


def scored(
    matcher: Matcher, one: dict[str, object], other: dict[str, object], comparison: str
) -> tuple[float, float]:
    """(probability, weight of ``comparison``) of the pair ``one`` / ``other``."""
    _, probability, why = matcher.score_against(one, [other])[0]
    weight = next(part.weight for part in why.comparisons if part.comparison == comparison)
    return probability, weight


def weighed_at(
    comparison: Comparison,
    level: Level,
    params: ComparisonParameters,
    batch: Prepared,
    pairs: np.ndarray,
    weigh: LevelWeigher,
    tables: Mapping[str, TermFrequencies],
) -> tuple[np.ndarray, np.ndarray]:
    """Weights and u of ``pairs`` (of ``batch`` with itself), all at ``level``, as ``weigh``
    leaves them, starting from the level's own."""
    index = comparison.levels.index(level)
    weights = np.full(len(pairs), params.levels[index].weight)
    u_used = np.full(len(pairs), params.levels[index].u)
    levels = np.full(len(pairs), index)
    weigh(comparison, params, tables, levels, ((batch, batch), pairs), (weights, u_used))
    return weights, u_used
