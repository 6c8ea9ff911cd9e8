"""A given name cut to its initial weighed by how common its letter is
(``matching.letter_frequency``): ``m`` agrees by chance more often than ``u``."""

from __future__ import annotations

import numpy as np

from matching.comparison import Comparison
from matching.letter_frequency import initials_key, letter_tables, letters_key, weigh_letters
from matching.levels import Else, Exact, Null
from matching.levels_initials import InitialIn
from matching.levels_similarity import JaroWinklerAtLeast
from matching.model import comparison_parameters
from tests.unit.matching.helpers import prepared, trained_resources, weighed_at

INITIAL = InitialIn(other="initials", letter_frequency=True)
FIRST = Comparison(
    "first", "first", (Null(), Exact(), JaroWinklerAtLeast("alike", threshold=0.9), INITIAL, Else())
)
# a weaker agreement after the initial: names somewhat alike
LOOSER = Comparison(
    "first", "first", (Null(), Exact(), INITIAL, JaroWinklerAtLeast("some", threshold=0.7), Else())
)

# six given names start with m, one with u; two records give only an initial
ROWS = [
    *({"first": name, "initials": name[0]} for name in ("michael", "maria", "monika")),
    *({"first": name, "initials": name[0]} for name in ("manfred", "martin", "markus")),
    {"first": "uwe", "initials": "u"},
    {"first": "hans", "initials": "hs"},
    {"first": "m", "initials": "m"},
    {"first": "u", "initials": "u"},
]


def _weighed(
    m: list[float], u: list[float], comparison: Comparison = FIRST
) -> tuple[np.ndarray, np.ndarray]:
    """Weights and u of the pairs m. / michael and u. / uwe (the batch's two lone
    initials), both at the initial level."""
    batch = prepared(ROWS, ["first", "initials"])
    params = comparison_parameters("first", comparison.labels, np.array(m), np.array(u))
    pairs = np.array([(8, 0), (9, 6)], dtype=np.int64)
    tables = letter_tables(comparison, batch)
    return weighed_at(comparison, INITIAL, params, batch, pairs, weigh_letters, tables)


def test_letters_are_counted_once_a_record_and_lone_initials_by_letter() -> None:
    tables = letter_tables(FIRST, prepared(ROWS, ["first", "initials"]))
    letters = tables[letters_key(FIRST, 3)]
    assert letters.total == len(ROWS)
    assert letters.counts == {"m": 7, "u": 2, "h": 1, "s": 1}
    lone = tables[initials_key(FIRST, 3)]
    assert (lone.total, lone.counts) == (2, {"m": 1, "u": 1})


def test_a_common_letter_weighs_less_and_the_initials_weigh_the_level_on_average() -> None:
    m, u = [1.0, 0.5, 0.3, 0.18, 0.02], [1.0, 0.01, 0.01, 0.04, 0.94]
    (common, rare), u_used = _weighed(m, u)
    assert common < np.log2(0.18 / 0.04) < rare
    # ten records: m held by 7, u by 2; the average lone initial's letter by 4.5 of them
    assert np.allclose(u_used, [0.04 * 7 / 4.5, 0.04 * 2 / 4.5])
    assert np.isclose(u_used.mean(), 0.04)


def test_a_common_letter_weighs_no_less_than_a_weaker_agreement() -> None:
    m, u = [1.0, 0.5, 0.2, 0.25, 0.05], [1.0, 0.01, 0.04, 0.1, 0.85]
    (common, rare), _ = _weighed(m, u, LOOSER)
    # m. weighs log2(0.2 / (0.04 * 7 / 4.5)) = 1.68 bits, above names somewhat alike (1.32)
    assert np.isclose(common, np.log2(0.2 / (0.04 * 7 / 4.5)))
    (common, rare), _ = _weighed([1.0, 0.5, 0.2, 0.35, 0.02], u, LOOSER)
    assert np.isclose(common, np.log2(0.35 / 0.1))  # 1.81 bits, held at the weaker level
    assert rare > np.log2(0.2 / 0.04)


def test_the_resource_preset_weighs_a_rare_initial_above_a_common_one() -> None:
    names = ["Michael", "Maria", "Monika", "Manfred", "Martin", "Markus", "Hans", "Karl"]
    lasts = ["Bauer", "Becker", "Fischer", "Hoffmann", "Klein", "Lang", "Meyer", "Richter"]
    records = [
        {"id": f"p{n}", "first_name": names[n % 8], "last_name": lasts[n // 8 % 8],
         "hire_date": f"19{50 + n % 40}-0{1 + n % 9}-1{n % 10}"}
        for n in range(400)
    ]  # fmt: skip
    records += [
        {"id": f"i{n}", "first_name": f"{name[0]}.", "last_name": last, "hire_date": "1990-01-01"}
        for n, (name, last) in enumerate(zip(names * 5, lasts * 5, strict=True))
    ]
    records.append({"id": "uwe", "first_name": "Uwe", "last_name": "Zander"})
    matcher = trained_resources(records)
    weight = {}
    for first, initial in (("Uwe", "U."), ("Michael", "M.")):
        one = {"id": "a", "first_name": first, "last_name": "Zander"}
        other = {"id": "b", "first_name": initial, "last_name": "Zander"}
        why = matcher.score_against(one, [other])[0][2]
        part = next(part for part in why.comparisons if part.comparison == "first_name")
        assert part.level == "initial" and part.term_frequency_adjusted
        weight[initial] = part.weight
    assert weight["U."] > weight["M."]
