"""``words_alike_within`` reads each distinct name's words once (``NameWords``) and stops at a
name's first word of its own where that is all its answer needs: the answers are those of
the plain reading below (the test as it first read, word lists made per pair), for every
option."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.levels_words import (
    _beside_only,
    _name_words,
    _near,
    _slips_only,
    words_alike_within,
)
from matching.name_words import CONNECTIVES, initials_of


def _plain_initials(short: list[str], long: list[str]) -> bool:
    named = set(short) - CONNECTIVES
    return len(named) == 1 and initials_of(named, long)


def _plain_own_words(words: list[str], other: list[str], min_fuzzy: int, similarity: float) -> str:
    others = set(other)
    named = others - CONNECTIVES
    own = [
        word
        for word in dict.fromkeys(words)
        if word not in CONNECTIVES
        and word not in others
        and not any(_near(word, o, min_fuzzy, similarity) for o in named)
    ]
    return " ".join(own)


def plain_reading(
    left: str,
    right: str,
    places: str,
    slips: bool,
    both_ways: bool,
    beside: frozenset[str],
    min_fuzzy: int = 4,
    similarity: float = 0.85,
) -> bool:
    a, b = left.split(), right.split()
    words_a, words_b = set(a), set(b)
    if beside and beside.isdisjoint(words_a ^ words_b):
        return False
    if words_a == words_b or _plain_initials(a, b) or _plain_initials(b, a):
        return True
    if not both_ways and (words_a <= words_b or words_b <= words_a):
        return True
    place = set(places.split())
    own_a = _plain_own_words([w for w in a if w not in place], b, min_fuzzy, similarity)
    if not own_a and not both_ways:
        return True
    own_b = _plain_own_words([w for w in b if w not in place], a, min_fuzzy, similarity)
    if both_ways:
        return _beside_only(own_a, own_b, beside)
    return not own_b or (slips and _slips_only(own_a, own_b, min_fuzzy - 1))


WORDS = ["acme", "acm", "akme", "group", "grp", "the", "of", "and", "labs", "laboratories",
         "lasb", "branch", "office", "london", "ag", "agl", "ibm", "i", "b", "m", "bp", "bt",
         "international", "business", "machines", "cafe", "roma", "ritz"]  # fmt: skip
NAMES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
BESIDE = st.sampled_from([frozenset(), frozenset({"branch", "office"}), frozenset({"london"})])


@settings(max_examples=600)
@given(
    NAMES, NAMES, st.sampled_from(["", "london", "roma ritz"]), st.booleans(), st.booleans(), BESIDE
)
def test_the_answers_are_the_plain_readings(
    left: str, right: str, places: str, slips: bool, both_ways: bool, beside: frozenset[str]
) -> None:
    expected = plain_reading(left, right, places, slips, both_ways, beside)
    assert words_alike_within(left, right, 4, 0.85, places, slips, both_ways, beside) == expected


def test_a_names_words_are_read_once_each_in_order() -> None:
    words = _name_words("the acme acme group")
    assert words.words == ("the", "acme", "group")
    assert words.named == frozenset({"acme", "group"})
    assert words.initials == frozenset({"taag", "aag"})
    assert _name_words("acme").initials == frozenset()
