"""The level tests of ``matching.pairwise`` on text, one pair at a time: string similarity
scores (Jaro-Winkler, edits, sorted tokens: ``matching.levels_similarity``) and the word tests
of names (``matching.levels_words``, ``matching.name_words``), each giving the pair what its
level's ``mask`` gives it."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA, Indel, JaroWinkler, Levenshtein

from matching.levels_initials import letter_bits
from matching.levels_similarity import EditsAtMost, JaroWinklerAtLeast, SortedTokensAtLeast
from matching.levels_words import AWordAlike, WordsAlikeWithin, WordsWithin, words_alike_within
from matching.name_words import CONNECTIVES, have_a_word_alike, words_nest
from matching.pairwise_values import Pair, at_least


def jaro_winkler(level: JaroWinklerAtLeast, pair: Pair, feature: str) -> bool:
    values = pair.known_text(level.on(feature))
    if values is None:
        return False
    return at_least(JaroWinkler.similarity(*values), level.threshold)


def edits(level: EditsAtMost, pair: Pair, feature: str) -> bool:
    values = pair.known_text(level.on(feature))
    if values is None:
        return False
    scorer = OSA.distance if level.transpositions else Levenshtein.distance
    return bool(scorer(*values) <= level.edits)


def _sorted_tokens(value: object) -> str:
    return "" if value is None else " ".join(sorted(str(value).split()))


def sorted_tokens_at_least(level: SortedTokensAtLeast, pair: Pair, feature: str) -> bool:
    name = level.on(feature)
    left, right = _sorted_tokens(pair.left(name)), _sorted_tokens(pair.right(name))
    return at_least(Indel.normalized_similarity(left, right), level.threshold)


@lru_cache(maxsize=65536)
def _initials(text: str, named: bool) -> int:
    """``levels_initials._initials_mask`` of one known value's text. Kept: a probe's name meets every
    candidate's, and a common name many probes'."""
    words = text.split()
    return letter_bits(frozenset(w[0] for w in words if not (named and w in CONNECTIVES)))


def _letters_line_up(left: str, right: str, named: bool) -> bool:
    """``levels_initials.first_letters_line_up`` of one pair's known values, as text."""
    all_left, all_right = _initials(left, False), _initials(right, False)
    if all_left == 0 or all_right == 0:
        return False
    ones_left, ones_right = _initials(left, named), _initials(right, named)
    return (ones_left & ~all_right) == 0 or (ones_right & ~all_left) == 0


def words_within(level: WordsWithin, pair: Pair, feature: str) -> bool:
    values = pair.known_text(level.on(feature))
    if values is None:
        return False
    a, b = values
    return _letters_line_up(a, b, False) and words_nest(a, b)


def a_word_alike(level: AWordAlike, pair: Pair, feature: str) -> bool:
    values = pair.known_text(level.on(feature))
    if values is None:
        return False
    return have_a_word_alike(*values, level.min_fuzzy, level.similarity)


def words_alike(level: WordsAlikeWithin, pair: Pair, feature: str) -> bool:
    values = pair.known_text(level.on(feature))
    if values is None:
        return False
    a, b = values
    if not level.slips and not _letters_line_up(a, b, True):
        return False
    places = ""
    if level.place is not None:
        places = f"{pair.left(level.place) or ''} {pair.right(level.place) or ''}".strip()
    hit = words_alike_within(
        a, b, level.min_fuzzy, level.similarity, places, level.slips, level.both_ways, level.beside
    )
    if hit and level.apart_words:
        own = set(a.split()) ^ set(b.split())
        return not own & level.apart_words
    return hit
