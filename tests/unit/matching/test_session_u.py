from __future__ import annotations

import numpy as np

from matching.em import expectation_maximisation, starting_m
from matching.session_u import session_u

AGREE, ELSE = 1, 2


def _session(rng: np.random.Generator) -> np.ndarray:
    """Pairs sharing a first name: 1% matches (agreeing on both fields), and non-matches of
    which a fifth agree on the last name (namesakes), though random pairs agree on it in 1%."""
    matches = np.full((200, 2), AGREE)
    last = np.where(rng.random(19_800) < 0.2, AGREE, ELSE)
    date = np.where(rng.random(19_800) < 0.001, AGREE, ELSE)
    return np.vstack([matches, np.column_stack([last, date])])


def test_namesakes_agree_on_the_last_name_among_the_session_s_non_matches() -> None:
    rng = np.random.default_rng(0)
    session = _session(rng)
    random_pairs = [np.array([1.0, 0.01, 0.99]), np.array([1.0, 0.001, 0.999])]
    u = session_u([0, 1], session, random_pairs)
    assert abs(u[0][AGREE] - 0.2) < 0.01
    assert u[1][AGREE] < 0.005  # the matches, 1% of the pairs, are not counted in it


def test_session_u_keeps_namesakes_out_of_the_matches() -> None:
    rng = np.random.default_rng(0)
    session = _session(rng)
    random_pairs = [np.array([1.0, 0.01, 0.99]), np.array([1.0, 0.001, 0.999])]
    start = starting_m([3, 3])
    fooled = expectation_maximisation(session, random_pairs, start, 0.05)
    held = expectation_maximisation(session, session_u([0, 1], session, random_pairs), start, 0.05)
    assert fooled.m[1][ELSE] > 0.5
    assert held.m[1][ELSE] < 0.1


def test_only_the_session_s_comparisons_change() -> None:
    u = [np.array([1.0, 0.5, 0.5]), np.array([1.0, 0.01, 0.99])]
    session = np.array([[AGREE], [ELSE], [ELSE], [ELSE]] * 10)
    out = session_u([1], session, u)
    assert out[0] is u[0]
    assert out[1][0] == 1.0
