"""The customer preset's blocking rules: identifiers, domains and phones pair alone; names, their
words and sounds with a place pair where two families of keys agree (``matching.corroboration``),
a common key split by a finer one (``matching.presets.customer``)."""

from __future__ import annotations

from collections.abc import Callable

from matching.blocking import BlockingRule, KeyFunction, split_rule
from matching.standardise.phonetic import name_phonetic


def _each(values: tuple[object, ...]) -> list[str]:
    (forms,) = values
    return list(forms) if isinstance(forms, tuple) else []


def _first_tokens(values: tuple[object, ...]) -> list[str]:
    """The first two name words and the country (one word alone is too common a key)."""
    tokens, place = values
    if not isinstance(tokens, tuple) or len(tokens) < 2 or place is None:
        return []
    return [f"{tokens[0]} {tokens[1]}|{place}"]


def _longest_tokens(values: tuple[object, ...]) -> list[str]:
    (tokens,) = values
    if not isinstance(tokens, tuple) or len(tokens) < 2:
        return []
    longest = sorted(sorted(set(tokens)), key=len, reverse=True)[:2]
    return ["|".join(sorted(longest))]


def _word_heads(values: tuple[object, ...]) -> list[str]:
    """The first three letters of the name's first two words: a name written with a slip or
    cut short in a word (``Westen Canyon`` / ``Western Canyon``, ``Bradley Logist``), where
    a record holds no place to pair it by (a CRM account of a name and a website). A key so
    coarse is no evidence (its rule corroborates nothing, ``corroboration=0``): it pairs two
    records only where they hold nothing of one kind (phones, domains...) that could have
    paired them, or where keys of two other families do."""
    (tokens,) = values
    if not isinstance(tokens, tuple) or len(tokens) < 2:
        return []
    return [f"{str(tokens[0])[:3]} {str(tokens[1])[:3]}"]


def _phonetic_place(size: int | None = None) -> Callable[[tuple[object, ...]], list[str]]:
    """The first name word's sound and a place (the first ``size`` characters of it)."""

    def keys(values: tuple[object, ...]) -> list[str]:
        tokens, place = values
        if not isinstance(tokens, tuple) or not tokens or not isinstance(place, str):
            return []
        return [f"{name_phonetic(str(tokens[0]))}|{place[:size]}"]

    return keys


def _street_initial(values: tuple[object, ...]) -> list[str]:
    """The street and the name's first letter: a name with slips in every long word, at an
    office both records give."""
    tokens, street = values
    if not isinstance(tokens, tuple) or not tokens or not isinstance(street, str):
        return []
    return [f"{street}|{str(tokens[0])[:1]}"]


def _second_word_sound(tokens: object) -> str:
    """The sound of the name's second word ("" for a one-word name)."""
    return name_phonetic(str(tokens[1])) if isinstance(tokens, tuple) and len(tokens) > 1 else ""


def _text(value: object) -> str:
    return "" if value is None else str(value)


# A name or fuzzy key held by more than FULL records (more than one customer's records) is a
# common value, not evidence: it pairs no more, and a finer key stands in for it (the key with
# the sound of the name's second word, with the city, or a name with the country), paired as
# any key is (with the window where it is still common). Generated customers (seed 16, three
# systems, the library alone, tests/bench/blocking_keys.py), candidate pairs per record at
# 99,982 / 299,930 / 1,000,119 records: 2.36 / 3.29 / 4.35 with the window in every common
# block, 1.54 / 1.85 / 2.25 so; true pairs missed 5 / 27 / 172 and 5 / 20 / 177. No customer
# there has more than 5 records (three systems, a few duplicates in each).
FULL = 5


def _split_by_word(rule: BlockingRule) -> tuple[BlockingRule, BlockingRule]:
    return split_rule(rule, "name_tokens", _second_word_sound, FULL)


def _fuzzy(
    name: str, features: tuple[str, ...], keys: KeyFunction, max_block_size: int | None = None
) -> BlockingRule:
    """A rule on names, their sounds and places: not trained on (it gathers namesakes), and
    what it pairs needs another family's key too, its keys corroborating while held by no
    more than FULL records."""
    return BlockingRule(
        name, features, keys, trains=False, max_block_size=max_block_size, corroboration=FULL
    )


# Identifiers, domains and phones pair alone; names and their sounds pair where keys of two
# families agree, each held by at most FULL records, or where the two records hold nothing
# of one kind (phones, domains...) that could have agreed (matching.corroboration): a fuzzy
# key shared by chance befalls ever more records as the data grows, two seldom meet.
# Generated customers as above, candidate pairs per record at 99,982 / 299,930 / 1,000,119
# records: 1.54 / 1.85 / 2.25 with every fuzzy pair, 0.96 / 0.97 / 1.00 so; true pairs
# missed 5 / 20 / 177 and 12 / 44 / 266.
BLOCKING_RULES = (
    BlockingRule("tax_id", ("tax_id",)),
    BlockingRule("duns", ("duns",)),
    BlockingRule("domain", ("domain",)),
    BlockingRule("phone", ("phone",)),
    *split_rule(_fuzzy("name", ("name_forms",), _each), "country", _text, FULL),
    _fuzzy("first_tokens_country", ("name_tokens", "country"), _first_tokens, max_block_size=FULL),
    # the first words cut to their heads: no evidence for another key, pairing only records
    # that hold nothing a key standing alone could have paired them by; scored, not trained
    # on; a key more records hold than one customer has is a common value (a lookup reads no
    # further than that into the index)
    BlockingRule(
        "word_heads",
        ("name_tokens",),
        _word_heads,
        trains=False,
        max_block_size=FULL,
        corroboration=0,
        scores_only=True,
    ),
    *split_rule(_fuzzy("longest_tokens", ("name_tokens",), _longest_tokens), "city", _text, FULL),
    *_split_by_word(_fuzzy("phonetic_postcode", ("name_tokens", "postcode"), _phonetic_place(3))),
    *_split_by_word(_fuzzy("phonetic_city", ("name_tokens", "city"), _phonetic_place())),
    *_split_by_word(_fuzzy("street_initial", ("name_tokens", "street"), _street_initial)),
)
