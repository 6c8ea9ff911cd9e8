"""u of a term-frequency level, pair by pair: how often another entity's record holds the value
the pair agrees on (``matching.term_frequency`` counts the values; ``matching.scoring`` turns
the u into weights)."""

from __future__ import annotations

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.model import LevelParameters, ModelParameters
from matching.term_frequency import TermFrequencies, words_key


def term_frequency_u(
    comparison: Comparison,
    model: ModelParameters,
    left: Prepared,
    left_idx: np.ndarray,
    hit: np.ndarray,
    level: LevelParameters,
) -> np.ndarray | None:
    """u of the term-frequency level per hit pair: the frequency of its value among the other
    entities' records (``level``: that level's m, the share of copies that show it, and u);
    a value weighed by its words as ``words_u`` says. None where nothing is counted. Each
    record's u is found once, however many of the pairs hold it (a record has a few
    candidates)."""
    table = model.term_frequencies.get(comparison.name)
    tf_level = comparison.tf_level()
    if table is None or tf_level is None or not hit.any():
        return None
    records, at = np.unique(left_idx[hit], return_inverse=True)
    values = left.column(comparison.levels[tf_level].on(comparison.feature))[records]
    copies = expected_copies(model, table.total) * level.m
    word_table = model.term_frequencies.get(words_key(comparison.name))
    words = comparison.levels[tf_level].term_words()
    if word_table is None or words is None:
        return table.frequencies(values, copies=copies)[at.ravel()]
    value_words = left.column(words)[records]
    return words_u(table, word_table, (values, value_words), copies, level.u)[at.ravel()]


def words_u(
    table: TermFrequencies,
    word_table: TermFrequencies,
    values: tuple[np.ndarray, np.ndarray],
    copies: float,
    level_u: float,
) -> np.ndarray:
    """u of values weighed by their words (``values``: the values and their words). A value
    other entities hold is as common as they show, and no rarer than its words. A value no
    other entity holds is as rare as its words, each word seen nowhere else counting as half
    a record: as rare as a batch's counts can show, no rarer. Random pairs measure how often
    two entities agree at the level (``level_u``) far more finely, among n² pairs instead of n
    records; where they find it rarer (a guide's restaurants, a register's companies: few
    share a name), a value no other entity holds is no commoner than that."""
    seen = table.shown_frequencies(values[0], copies)
    of_words = word_table.word_frequencies(values[1], copies=copies)
    return np.where(seen > 0, np.fmax(seen, of_words), np.fmin(of_words, level_u))


def expected_copies(model: ModelParameters, records: int) -> float:
    """Records of the same entity each record has, on average, among ``records`` of the batch
    the term frequencies counted: the prior among those records (the chance two of them
    match), not the one scaled to a larger population, times the others. Not capped at one: a
    prolific entity (an inventor in several cities) holds many distinct records."""
    return max(model.counted_prior * (records - 1), 0.0)
