"""Name levels read word by word: is one name within the other, or do they name two things?

A company is written short in one system and long in another ("Bones" / "Bones Restaurant",
"Acme" / "Acme Group HQ", "Fenix" / "Fenix at the Argyle", "Highstone Asset Management" /
"Highstone Asset Man"): every word of the short form that names something is, alike, a word
of the long form. Two places of one building that share its name ("Cafe Ritz-Carlton
Buckhead" / "Dining Room Ritz-Carlton Buckhead") each hold a word the other lacks, and those
words are nothing alike: they name two things. Words with slips stay one thing ("Sapphire
Lasb" / "Sapphire Laboratories", "Pahrma" / "Pharmaceuticals").

As a veto the level reads every candidate pair; as an agreement level of a name comparison
(``slips=False``) it is asked of a million random pairs too, so it reads word by word only the
pairs whose words' first letters line up (the rest are decided at once, vectorised).

Two plainer tests of words: every word of one name is a word of the other (``WordsWithin``),
and the names have a word alike (``AWordAlike``). The tests of words as text are in
``matching.name_words``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import OSA, Indel

from matching.levels import Level
from matching.levels_initials import first_letters_line_up
from matching.name_words import CONNECTIVES, have_a_word_alike, words_alike, words_nest
from matching.pair_view import PairView, null_pairs
from matching.text_pairs import text_pair_answers

SLIP_SIMILARITY = 0.5
"""The words each name lacks are one text with slips when they share this share of their
letters in order (Indel similarity): "lasb" / "labor" 0.67, "cafe" / "dining room" 0.13."""


@dataclass(frozen=True)
class WordsWithin(Level):
    """Every word of one value is a word of the other (``pty ltd`` / ``ltd``, ``gmbh co kg``
    / ``kg``): one is a shortened form of the other."""

    label: str = "words_within"

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = np.flatnonzero(~null_pairs(view, name))
        known = known[first_letters_line_up(view, name)[known]]
        out = np.zeros(len(view), dtype=bool)
        out[known] = text_pair_answers(view, name, known, words_nest)
        return out


@dataclass(frozen=True)
class AWordAlike(Level):
    """Names that have a word in common, however else they differ: some word of one that
    names something (not a connective) is a word of the other; or, both of at least
    ``min_fuzzy`` letters, as alike as a slip or two makes them (Jaro-Winkler at least
    ``similarity``: "tuchnologies" / "technology"); or an abbreviation of one (at least
    ``min_fuzzy - 1`` letters, the same first letter, the rest in order: "tech", "stne",
    "mgmt"); or one value's word is the other's initials ("ibm"). Meant just before ``Else``,
    which then holds names with nothing alike ("Palace Court" / "Cafe Roma")."""

    label: str = "a_word_alike"
    min_fuzzy: int = 4
    similarity: float = 0.85

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = np.flatnonzero(~null_pairs(view, name))
        out = np.zeros(len(view), dtype=bool)
        min_fuzzy, similarity = self.min_fuzzy, self.similarity
        out[known] = text_pair_answers(
            view, name, known, lambda a, b: have_a_word_alike(a, b, min_fuzzy, similarity)
        )
        return out


@dataclass(frozen=True)
class WordsAlikeWithin(Level):
    """One value's words, those that name something (not connectives), are all alike to words
    of the other (the same, a slip or two apart, cut short, an abbreviation or the other's
    initials), or the words left over on each side are one text with slips. The pairs this
    level leaves are names that each hold a word of their own: two things named."""

    label: str = "words_within"
    place: str | None = None
    """A feature holding where a record is (its city): the words of either record's place in
    a name are no words of its own ("Ritz-Carlton Dining Room (San Francisco)")."""
    min_fuzzy: int = 4
    similarity: float = 0.85
    both_ways: bool = False
    """Each name within the other: every word of either has a word alike in the other, none
    is left over ("Frosthill Telecom" / "Frosthill Telecommunications", "Southviw Technlogies"
    / "Southview Technologies"), where one name within the other may hold more words ("Bones"
    / "Bones Restaurant", "Summit Dairy" / "Summit Dairy Services": the same company, or its
    subsidiary)."""
    slips: bool = True
    """Whether the words left over on each side may still be one text with slips ("lasb" /
    "labor"), as a veto reads them. Without (an agreement level: names of unrelated words
    must not agree by chance letters), one name's words must all be alike to the other's,
    and every first letter of one name's words must be a first letter of the other's (a slip
    in a word's first letter is read only by the whole-name levels before this one)."""
    apart_words: frozenset[str] = frozenset()
    """Words that name another company of a group ("holdings", "group"): a name holding one
    that the other lacks is not within it, however its other words line up."""
    beside: frozenset[str] = frozenset()
    """With ``both_ways``, words one name holds beyond the other's ("Acme" / "Acme Branch",
    "Acme" / "Acme London Office" in London: its office): the words that name alone holds are
    all of these, one at least, and the other holds none of its own. Pairs of names that hold
    none of them are not read at all."""
    at_most_the_level_before: bool = False
    """The level weighs at most as the agreement level before it and stands outside the
    comparison's order (``matching.m_constraints``): few random pairs hold a name and the
    same name with an office word ("Acme" / "Acme Branch"), so EM finds the level heavier than
    names merely alike, and pooled with them it would lift them."""

    def features_read(self, feature: str) -> set[str]:
        return {self.on(feature), *([self.place] if self.place else [])}

    def beside_the_order(self) -> bool:
        return self.at_most_the_level_before

    def capped_by_the_level_before(self) -> bool:
        return self.at_most_the_level_before

    def mask(self, view: PairView, feature: str) -> np.ndarray:
        name = self.on(feature)
        known = np.flatnonzero(~null_pairs(view, name))
        if not self.slips:
            known = known[first_letters_line_up(view, name, named=True)[known]]
        if self.beside:
            known = known[_holding(view, name, known, self.beside)]
        left, right = view.left(name)[known].tolist(), view.right(name)[known].tolist()
        places = self._places(view, known)
        out = np.zeros(len(view), dtype=bool)
        out[known] = [
            words_alike_within(
                str(a),
                str(b),
                self.min_fuzzy,
                self.similarity,
                place,
                self.slips,
                self.both_ways,
                self.beside,
            )
            for a, b, place in zip(left, right, places, strict=True)
        ]
        if self.apart_words:
            for row in np.flatnonzero(out[known]).tolist():
                own = set(str(left[row]).split()) ^ set(str(right[row]).split())
                out[known[row]] = not own & self.apart_words
        return out

    def _places(self, view: PairView, known: np.ndarray) -> list[str]:
        """Both records' place words, per pair ("" without a place feature)."""
        if self.place is None:
            return [""] * len(known)
        left, right = view.left(self.place)[known].tolist(), view.right(self.place)[known].tolist()
        return [f"{a or ''} {b or ''}".strip() for a, b in zip(left, right, strict=True)]


@lru_cache(maxsize=65536)
def words_alike_within(
    left: str,
    right: str,
    min_fuzzy: int = 4,
    similarity: float = 0.85,
    places: str = "",
    slips: bool = True,
    both_ways: bool = False,
    beside: frozenset[str] = frozenset(),
) -> bool:
    """Whether one of two names is within the other (see ``WordsAlikeWithin``); ``places``:
    words that name where the records are, in a name no words of its own; ``slips``: the
    words left over on each side may be one text with slips; ``both_ways``: each within the
    other, but for words of ``beside`` that one name alone holds."""
    a, b = _name_words(left), _name_words(right)
    if beside and beside.isdisjoint(a.distinct ^ b.distinct):
        return False  # no word of ``beside`` that one name alone holds: not this level's pair
    if a.distinct == b.distinct or _initials(a, b) or _initials(b, a):
        return True
    if not both_ways and (a.distinct <= b.distinct or b.distinct <= a.distinct):
        return True
    place = frozenset(places.split())
    if not slips and not beside:  # only whether each name holds a word of its own matters
        a_holds_one = bool(_own(a, b, place, min_fuzzy, similarity, first_only=True))
        if a_holds_one == both_ways:  # both ways, a word of its own; else, none: decided
            return not a_holds_one
        return not _own(b, a, place, min_fuzzy, similarity, first_only=True)
    own_a = _own(a, b, place, min_fuzzy, similarity)
    if not own_a and not both_ways:
        return True
    own_b = _own(b, a, place, min_fuzzy, similarity)
    if both_ways:
        return _beside_only(own_a, own_b, beside)
    return not own_b or (slips and _slips_only(own_a, own_b, min_fuzzy - 1))


def _beside_only(own_a: str, own_b: str, beside: frozenset[str]) -> bool:
    """Without ``beside``, neither name holds a word of its own; with it, one name alone does
    and each is a word of ``beside``: "branch" / "" is one name beside the other, "branch" /
    "labs" two names, "" / "" one name (the level of names within each other, not this)."""
    if own_a and own_b:
        return False
    own = set((own_a or own_b).split())
    return own <= beside and bool(own) if beside else not own


def _holding(view: PairView, name: str, rows: np.ndarray, words: frozenset[str]) -> np.ndarray:
    """Of the pairs ``rows``, those where either name holds one of ``words`` (read once per
    distinct name)."""
    left, right = view.left(name)[rows].tolist(), view.right(name)[rows].tolist()
    holds = {value: not words.isdisjoint(str(value).split()) for value in {*left, *right}}
    return np.array([holds[a] or holds[b] for a, b in zip(left, right, strict=True)], dtype=bool)


@dataclass(frozen=True)
class NameWords:
    """A name's words as the word tests read them, made once per distinct name."""

    words: tuple[str, ...]
    """In order, each once."""
    distinct: frozenset[str]
    named: frozenset[str]
    """The words that name something (connectives aside)."""
    initials: frozenset[str]
    """The name's initials, with and without its connectives (none for a name of one word)."""


@lru_cache(maxsize=65536)
def _name_words(name: str) -> NameWords:
    words = name.split()
    distinct = frozenset(words)
    initials: frozenset[str] = frozenset()
    if len(words) >= 2:
        initials = frozenset(
            {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in CONNECTIVES)}
        )
    return NameWords(tuple(dict.fromkeys(words)), distinct, distinct - CONNECTIVES, initials)


def _initials(short: NameWords, long: NameWords) -> bool:
    """The short name names one thing, and that word (two letters or more) is the long name's
    initials (``name_words.initials_of``)."""
    if len(short.named) != 1:
        return False
    (word,) = short.named
    return len(word) >= 2 and word in long.initials


def _own(
    name: NameWords,
    other: NameWords,
    place: frozenset[str],
    min_fuzzy: int,
    similarity: float,
    first_only: bool = False,
) -> str:
    """The words of ``name`` (those of ``place`` aside) that name something and have no word
    alike in ``other``, joined; ``first_only``: the first such word alone (whether there is
    one is all the caller reads)."""
    own = []
    for word in name.words:
        if word in place or word in CONNECTIVES or word in other.distinct:
            continue
        if not any(_near(word, o, min_fuzzy, similarity) for o in other.named):
            if first_only:
                return word
            own.append(word)
    return " ".join(own)


@lru_cache(maxsize=262144)
def _near(word: str, other: str, min_fuzzy: int, similarity: float) -> bool:
    """A word alike (``AWordAlike``'s test), cut short ("gr" / "group") or one slip from the
    other ("rnergy" / "energy", "lv" / "lgv": too short or too far off the start for
    Jaro-Winkler; "bp" / "bt" are two names). Cached: a name's common words (services,
    holdings, manufacturing) meet the same words of other names again and again."""
    return (
        other.startswith(word)
        or word.startswith(other)
        or (max(len(word), len(other)) >= 3 and OSA.distance(word, other) <= 1)
        or words_alike(word, other, min_fuzzy, similarity)
    )


def _slips_only(left: str, right: str, shortest: int) -> bool:
    """The words one name has of its own and those the other has are one text with slips,
    not other words. The longer is also read only as far as the shorter, and two letters more
    (an abbreviation expanded on one side only: "lams" / "laboratories", "pahrma" /
    "pharmaceuticals")."""
    short, long = (left, right) if len(left) <= len(right) else (right, left)
    if len(short) < shortest:  # "bp" / "bt": two short names, not one with a slip
        return False
    readings = (long, long[: len(short)], long[: len(short) + 2])
    return max(Indel.normalized_similarity(short, text) for text in readings) >= SLIP_SIMILARITY
