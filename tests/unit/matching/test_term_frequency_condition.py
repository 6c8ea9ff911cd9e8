"""Term frequencies of a level whose pairs meet a condition beside their equal values."""

from __future__ import annotations

import numpy as np
import pytest

from matching.levels import Exact, ExactWhereUnknown
from matching.term_frequency import TermFrequencies, count_terms


def test_agreement_share_is_the_chance_two_records_hold_one_value() -> None:
    """a on 3 records, b on 2, c once: (9 + 4 + 1) / 36, values seen once counted too."""
    column = np.array(["a", "a", "a", "b", "b", "c"], dtype=object)
    assert count_terms("city", column).agreement_share() == pytest.approx(14 / 36)


def test_agreement_share_of_an_empty_table_is_one() -> None:
    assert TermFrequencies("city", 0).agreement_share() == 1.0


def test_a_condition_scales_the_frequencies_by_its_share_of_agreeing_pairs() -> None:
    """Two records agreeing on a city meet the level's condition (no street to compare) in a
    quarter of the non-matches: each frequency is a quarter of what it was."""
    table = count_terms("city", np.array(["a", "a", "b", "b"], dtype=object))
    share = table.agreement_share()  # 0.5
    frequencies = np.array([0.5, 0.25])
    scaled = table.with_condition(frequencies, level_u=share / 4)
    np.testing.assert_allclose(scaled, frequencies / 4)


def test_a_condition_never_makes_a_value_more_common() -> None:
    table = count_terms("city", np.array(["a", "a", "b", "b"], dtype=object))
    frequencies = np.array([0.5])
    np.testing.assert_allclose(table.with_condition(frequencies, level_u=0.9), frequencies)


def test_only_a_level_asking_for_missing_features_meets_a_condition() -> None:
    assert ExactWhereUnknown(
        "same_city_no_finer", feature="city", unknown=("street",)
    ).meets_a_condition()
    assert not ExactWhereUnknown("same_tail", feature="phone_tail").meets_a_condition()
    assert not Exact(term_frequency=True).meets_a_condition()
