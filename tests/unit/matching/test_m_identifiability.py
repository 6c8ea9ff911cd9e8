"""A session tells a comparison's m only where more than a sliver of the pairs holding it
hold another comparison: one whose pairs hold values almost only in that comparison gives no
m for it, and the m combined over the sessions comes from the others; a session with enough
comparisons holding values still gives it."""

from __future__ import annotations

import numpy as np
import pytest

from matching.m_identifiability import identifiable, spoken_for
from matching.m_sessions import Session, _fit_session, _median, combined_m
from matching.presets import settings_for
from matching.settings import EntitySettings

SETTINGS = settings_for("resource")
NAMES = [comparison.name for comparison in SETTINGS.comparisons]
FIRST, MIDDLE, LAST, DATE = (
    NAMES.index(name) for name in ("first_name", "middle_name", "last_name", "hire_date")
)


def _tables(settings: EntitySettings, agreeing: float) -> list[np.ndarray]:
    """Per comparison: ``agreeing`` on its first level after Null, the rest on Else."""
    tables = []
    for comparison in settings.comparisons:
        table = np.zeros(len(comparison.levels))
        table[1], table[-1] = agreeing, 1.0 - agreeing
        table[0] = 1.0
        tables.append(table)
    return tables


U = _tables(SETTINGS, 0.01)


def _session(
    kept: list[int], held: list[float], pairs: int = 2_000, matches: float = 0.5, seed: int = 0
) -> np.ndarray:
    """Levels of ``pairs`` pairs over the ``kept`` comparisons, each known in its ``held``
    share of them: of the matches, a first name equal in 66%, alike (Jaro-Winkler) in 34%,
    every other comparison agreeing in 90%; non-matches agree as often as ``U`` says."""
    rng = np.random.default_rng(seed)
    match = rng.random(pairs) < matches
    session = np.zeros((pairs, len(kept)), dtype=np.int8)
    for column, (c, share) in enumerate(zip(kept, held, strict=True)):
        labels = SETTINGS.comparisons[c].labels
        if c == FIRST:
            among_matches = np.where(rng.random(pairs) < 0.66, 1, labels.index("jaro_winkler_0.92"))
        else:
            among_matches = np.where(rng.random(pairs) < 0.9, 1, len(labels) - 1)
        among_others = np.where(rng.random(pairs) < U[c][1], 1, len(labels) - 1)
        levels = np.where(match, among_matches, among_others)
        session[:, column] = np.where(rng.random(pairs) < share, levels, 0)
    return session


def _m_of(fitted: Session | None, comparison: int) -> np.ndarray | None:
    assert fitted is not None
    return fitted[1][fitted[0].index(comparison)] if comparison in fitted[0] else None


@pytest.mark.parametrize(("beside", "told"), [(0.05, False), (0.2, True)])
def test_a_comparison_is_told_where_more_than_a_sliver_of_its_pairs_hold_another(
    beside: float, told: bool
) -> None:
    levels = np.zeros((100, 3), dtype=np.int8)
    levels[:, 0] = 1
    levels[: int(100 * beside), 1] = 1
    levels[90:, 2] = 2  # known beside the first in all its pairs
    assert spoken_for(levels)[0] == pytest.approx(beside + 0.1)
    assert identifiable(levels).tolist() == [told, True, True]


def test_a_comparison_no_pair_holds_is_not_told() -> None:
    levels = np.asarray([[1, 0], [2, 0]], dtype=np.int8)
    assert identifiable(levels).tolist() == [False, False]


def test_a_session_holding_values_almost_only_in_one_comparison_gives_no_m_for_it() -> None:
    """Pairs sharing a date and a last name hold a first name, a second given name in one of
    ten: EM on them read the first name equal in 4% of its matches (RLdata10000; 66% in
    truth). The session gives m of the second name, known beside the first in all its pairs,
    and none of the first."""
    kept = [FIRST, MIDDLE]
    fitted = _fit_session(SETTINGS, kept, _session(kept, [1.0, 0.1]), U)
    assert _m_of(fitted, FIRST) is None
    assert _m_of(fitted, MIDDLE) is not None


def test_a_session_with_other_comparisons_holding_values_gives_m() -> None:
    kept = [FIRST, MIDDLE, LAST, DATE]
    fitted = _fit_session(SETTINGS, kept, _session(kept, [1.0, 0.1, 1.0, 1.0]), U)
    first = _m_of(fitted, FIRST)
    assert first is not None
    assert first[1] == pytest.approx(0.66, abs=0.05)
    assert first[SETTINGS.comparisons[FIRST].labels.index("jaro_winkler_0.92")] == pytest.approx(
        0.34, abs=0.05
    )


def test_the_combined_m_comes_from_the_sessions_that_can_tell() -> None:
    alone, rich = [FIRST, MIDDLE], [FIRST, LAST, DATE]
    sessions = [
        _fit_session(SETTINGS, alone, _session(alone, [1.0, 0.1], seed=1), U),
        _fit_session(SETTINGS, rich, _session(rich, [1.0, 1.0, 1.0], seed=2), U),
    ]
    fixed = [None] * len(SETTINGS.comparisons)
    fallback = [np.full(len(table), -1.0) for table in U]
    combined = combined_m(sessions, fixed, fallback)
    told = _m_of(sessions[1], FIRST)
    assert told is not None
    assert np.allclose(combined[FIRST], _median([told]))
    # the second name, told by the first session alone; the phone, by none: the fallback
    middle = _m_of(sessions[0], MIDDLE)
    assert middle is not None
    assert np.allclose(combined[MIDDLE], _median([middle]))
    assert (combined[NAMES.index("phone")] == -1.0).all()
