"""How common a year is: the weight of two dates a slip in the year apart.

Two records of one person whose dates differ by a slip in the year (``1953`` for ``1943``,
``2093`` for ``2003``) hold the person's year and a year the slip made: any year, common or
not. Two people hold two years of the batch's own spread. A pair of dates a year slip apart
(``levels_numeric.YearSlip``) is a copy's slip with probability ``ε (f(a) + f(b))`` (either
record's year the true one, ``ε`` the chance of that slip) and two people's with ``f(a) f(b)``
(``f``: the share of the batch's dated records holding the year), so it weighs
``ε (1/f(a) + 1/f(b))``: the rarer year says the most. A year no one else holds (a future
year, a year centuries back, a year of the batch's thin edge) is a slip's far more often
than another person's; two years of the batch's common middle are as often two people.

A level that weighs its years (``Level.years_weighed``) gives each pair its level's u over
``(1/f(a) + 1/f(b)) × S1 / S2``, where ``S1`` and ``S2`` sum ``f(a) f(b)`` and ``f(a) + f(b)``
over the pairs of the batch's years a slip apart: random pairs at the level weigh, on
average, what the level does. As an initial's letter (``matching.letter_frequency``), the
weight stays at least what the weaker agreement levels weigh, and at most what the stronger
ones do (a slip says no more than the same date). A weaker level pooled with the slip
(``matching.m_constraints``: two digits transposed in the month or the day, which the order
puts after the slip, and training found no weaker) weighs the slip's own average and is no
floor: as one, no two common years weighed less than the average. A third of the batch's
first names cut to an initial, R. Schaefer of 1949 joined the two records of an R. Schaefer
of 1939; without that floor, precision rose 0.9744 -> 0.9775 and recall fell 0.9150 -> 0.9130
(make bench, section external_sparse, RLdata10000 abbreviations 30%).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache, partial

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.model import ComparisonParameters
from matching.pair_level_weights import Columns, Scored, weigh_level_pairs
from matching.term_frequency import TermFrequencies

DIGITS = "0123456789"


def year_levels(comparison: Comparison) -> list[int]:
    """Indices of the comparison's levels that weigh a pair by its years."""
    return [i for i, level in enumerate(comparison.levels) if level.years_weighed()]


def years_key(comparison: Comparison, index: int) -> str:
    """The key of the table of the years the level at ``index`` weighs its pairs by."""
    return f"{comparison.name}.years.{comparison.levels[index].label}"


def year_of(value: object) -> str | None:
    """The year of an ISO ``YYYY-MM-DD`` date, None where the value is no such date."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value[:4]
    return None


def year_tables(comparison: Comparison, prepared: Prepared) -> dict[str, TermFrequencies]:
    """Per level weighing its years: how many records hold each year (out of the records
    holding a date), every year kept (a year held once is what the weight reads most)."""
    tables = {}
    for index in year_levels(comparison):
        feature = comparison.levels[index].on(comparison.feature)
        years = [year for year in map(year_of, prepared.column(feature)) if year is not None]
        tables[years_key(comparison, index)] = TermFrequencies(
            feature, len(years), dict(Counter(years))
        )
    return tables


def slips(year: str) -> set[str]:
    """The years one slip from ``year``: a digit changed, or two adjacent digits swapped."""
    out = {year[:i] + digit + year[i + 1 :] for i in range(len(year)) for digit in DIGITS}
    out |= {year[:i] + year[i + 1] + year[i] + year[i + 2 :] for i in range(len(year) - 1)}
    out.discard(year)
    return out


@lru_cache(maxsize=64)
def _chance_ratio(counts: tuple[tuple[str, int], ...], total: int) -> float:
    """``S1 / S2`` over the pairs of the table's years a slip apart (1.0 where none are)."""
    shares = {year: count / total for year, count in counts}
    products = sums = 0.0
    for year, share in shares.items():
        for other in slips(year):
            if other in shares and other > year:
                products += share * shares[other]
                sums += share + shares[other]
    return products / sums if sums > 0.0 else 1.0


def weigh_years(
    comparison: Comparison,
    params: ComparisonParameters,
    tables: Mapping[str, TermFrequencies],
    levels: np.ndarray,
    scored: Scored,
    columns: Columns,
) -> None:
    """Weigh the pairs at each level that weighs its years by their two years
    (a ``matching.pair_level_weights.LevelWeigher``)."""
    for index in year_levels(comparison):
        table = tables.get(years_key(comparison, index))
        if table is None or table.total <= 0:
            continue
        ratio = _chance_ratio(tuple(sorted(table.counts.items())), table.total)
        shares = partial(_year_shares, table, ratio)
        weigh_level_pairs(
            comparison, params, index, levels, scored, columns, shares,
            capped=True, pooled_floor=False,
        )  # fmt: skip


def _year_shares(
    table: TermFrequencies, ratio: float, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Per pair of dates: its u over the level's, ``1 / ((1/f(a) + 1/f(b)) × S1/S2)``
    (``ratio``: ``S1 / S2``; see the module's docstring)."""
    rarity = np.array(
        [1.0 / table.frequency(year_of(a)) + 1.0 / table.frequency(year_of(b))
         for a, b in zip(left, right, strict=True)]
    )  # fmt: skip
    return 1.0 / (rarity * ratio)
