"""The customer name comparison between the fuzzy levels and a disagreement: names alike
word for word (a slip in each word, a word cut short) agree; one name within a longer one
("Bones" / "Bones Restaurant", "Summit Dairy" / "Summit Dairy Services": the company, or its
subsidiary) says nothing either way; names of different words disagree. Read word by word
only where the words' first letters line up, so a million random pairs stay cheap."""

from __future__ import annotations

import numpy as np

from matching.comparison import pairs_of
from matching.feature import prepare_records
from matching.levels_initials import first_letters_line_up
from matching.levels_words import WordsAlikeWithin, words_alike_within
from matching.pair_view import PairView
from matching.presets.customer import customer_settings
from tests.unit.matching.preset_levels import preset_level

SETTINGS = customer_settings()


def _level(left: str, right: str, city: str | None = None) -> str:
    return preset_level(
        SETTINGS, "name", {"name": left, "city": city}, {"name": right, "city": city}
    )


def test_names_alike_word_for_word_agree() -> None:
    assert _level("Frosthill Telecommunications", "Frosthill Telecom") == "words_alike"
    assert _level("Southview Technologies", "Southviw Technlogies Ltd") == "words_alike"
    assert _level("Weser Log. GmbH", "Weser Logistics GmbH") == "words_alike"
    # the other record's city in a name is no word of its own
    left, right = {"name": "Spago", "city": "Los Angeles"}, {"name": "Spago (Los Angeles)"}
    assert preset_level(SETTINGS, "name", left, right | {"city": "W. Hollywood"}) == "words_alike"


def test_a_name_within_a_longer_one_is_neither_for_nor_against() -> None:
    assert _level("Bones", "Bones Restaurant") == "words_within"
    assert _level("Summit Dairy Services", "Summit Dairy Services Properties") == "words_within"
    weights = {c.name: c for c in SETTINGS.comparisons}["name"]
    assert "words_within" in weights.neutral_levels
    assert "words_alike" not in weights.neutral_levels


def test_names_of_other_words_disagree() -> None:
    assert _level("Palace Court", "Cafe Roma") == "else"
    assert _level("Sapphire Labs", "Sapphire Lasers Foods") == "else"


def test_no_leftover_words_read_as_slips_in_the_agreement_levels() -> None:
    """The veto reads the words each name has of its own as one text with slips; an
    agreement level does not, so unrelated words never agree by chance letters."""
    assert words_alike_within("sapphire lasb", "sapphire laboratories")  # the veto's reading
    assert not words_alike_within("acme lasb", "acme labor", slips=False)
    assert words_alike_within("acme lab", "acme laboratories", slips=False)
    assert not words_alike_within("bones", "bones restaurant", both_ways=True)
    assert words_alike_within("frosthill telecom", "frosthill telecommunications", both_ways=True)


def test_words_beside_the_other_name_are_those_one_name_alone_holds() -> None:
    office = frozenset({"office", "branch"})
    assert words_alike_within("acme", "acme branch", both_ways=True, beside=office)
    assert words_alike_within(
        "acme london office", "acme", places="london", both_ways=True, beside=office
    )
    assert not words_alike_within("acme", "acme branch", both_ways=True)
    assert not words_alike_within("acme labs", "acme branch", both_ways=True, beside=office)
    assert not words_alike_within("acme", "acme leeds office", both_ways=True, beside=office)


def test_first_letters_line_up_holds_for_every_pair_one_within_the_other() -> None:
    names = ["bones", "bones restaurant", "cafe roma", "the palace court", "palace", None]
    batch = prepare_records(
        [{"id": str(i), "name": n} for i, n in enumerate(names)],
        [f for f in SETTINGS.features if f.name == "name_full"],
    )
    left, right = np.triu_indices(len(names), k=1)
    view = PairView(batch, batch, left, right)
    lined = first_letters_line_up(view, "name_full", named=True)
    pairs = {(names[a], names[b]): bool(x) for a, b, x in zip(left, right, lined, strict=True)}
    assert pairs[("bones", "bones restaurant")]
    assert not pairs[("cafe roma", "the palace court")]
    assert pairs[("the palace court", "palace")]  # "the" names nothing
    assert not pairs[("bones", None)]
    for (a, b), lined_up in pairs.items():
        if a and b and words_alike_within(a, b, slips=False):
            assert lined_up


def test_a_name_repeating_its_own_city_in_brackets_is_the_same_name() -> None:
    assert _level("Spago (Los Angeles)", "Spago", "Los Angeles") == "exact"
    plain = {"name": "Park Avenue Cafe", "city": "New York"}
    branch = {"name": "Park Avenue Cafe (New York)", "city": "New York"}
    assert preset_level(SETTINGS, "name", plain, branch) == "exact"
    elsewhere = {"name": "Park Avenue Cafe (Buckhead)", "city": "Atlanta"}
    assert preset_level(SETTINGS, "name", plain, elsewhere) != "exact"


def test_the_place_a_name_names_is_no_disagreement_with_the_other_city() -> None:
    """A guide names a branch by its area ("Spago (Los Angeles)") and files it under its
    town (West Hollywood); the other guide files it under Los Angeles at another street."""
    branch = {"name": "Spago (Los Angeles)", "address_line1": "8795 Sunset Blvd.",
              "city": "W. Hollywood"}  # fmt: skip
    plain = {"name": "Spago", "address_line1": "1114 Horn Ave.", "city": "Los Angeles"}
    assert preset_level(SETTINGS, "address", branch, plain) == "city_in_name"
    assert preset_level(SETTINGS, "address", plain, branch) == "city_in_name"
    elsewhere = plain | {"city": "Las Vegas"}
    assert preset_level(SETTINGS, "address", branch, elsewhere) == "else"


def test_a_name_within_a_longer_one_at_one_office_agrees() -> None:
    """A subsidiary has an office and a switchboard of its own: at one street address ("1529
    Piedmont Ave.") or one phone number, the longer name is the company written out."""
    street = {"address_line1": "1529 Piedmont Ave.", "city": "Atlanta"}
    left, right = {"name": "Ciboulette"} | street, {"name": "Ciboulette Restaurant"} | street
    assert preset_level(SETTINGS, "name", left, right) == "within_at_office"
    phone = {"phone": "+12138486677"}
    left, right = {"name": "Fenix"} | phone, {"name": "Fenix at the Argyle"} | phone
    assert preset_level(SETTINGS, "name", left, right) == "within_at_office"
    other = {"address_line1": "12 Mill Road", "city": "Atlanta"}
    left, right = {"name": "Summit Dairy"} | street, {"name": "Summit Dairy Services"} | other
    assert preset_level(SETTINGS, "name", left, right) == "words_within"


def test_a_name_with_words_naming_one_of_its_offices_agrees() -> None:
    """ "Acme Branch", "Acme London Office" in London: the company at one of its sites; a
    clause set off by a dash or a bracket is no part of the name at all."""
    assert _level("Harlow Dynamics", "Harlow Dynamics Office") == "plus_office"
    assert _level("Harlow Dynamics Branch", "Harlow Dynamics") == "plus_office"
    assert _level("Harlow Dynamics", "Harlow Dynamics London Office", "London") == "plus_office"
    assert _level("Harlow Dynamics", "Harlow Dynamics Ltd - London Office") == "exact"
    assert _level("Harlow Dynamics", "Harlow Dynamics (UK Branch)") == "exact"


def test_an_office_beside_a_word_of_its_own_is_no_office_of_the_company() -> None:
    """Another word beside the office word, a place not the records' city or a word of the
    other name's own, leaves the names one within the other, weighed as before."""
    assert _level("Harlow Dynamics", "Harlow Dynamics Leeds Office", "York") == "words_within"
    assert _level("Harlow Dynamics", "Harlow Dynamics Services Branch") == "words_within"
    assert _level("Harlow Dynamics Labs", "Harlow Dynamics Office") == "else"
    assert _level("Harlow Dynamics", "Harlow Dynamics Holdings") == "words_within"


def test_the_office_level_is_the_same_pair_by_pair() -> None:
    name = next(c for c in SETTINGS.comparisons if c.name == "name")
    rows = [("Harlow Dynamics", "Harlow Dynamics Office", None),
            ("Harlow Dynamics", "Harlow Dynamics London Office", "London"),
            ("Harlow Dynamics", "Harlow Dynamics Leeds Office", "York"),
            ("Olive", "Olive Branch", None)]  # fmt: skip
    records = [
        {"id": f"{n}{side}", "name": text, "city": city}
        for n, (left, right, city) in enumerate(rows)
        for side, text in (("l", left), ("r", right))
    ]
    batch = prepare_records(records, SETTINGS.features)
    left = np.arange(0, len(records), 2)
    view = PairView(batch, batch, left, left + 1)
    expected = [name.labels[level] for level in name.evaluate(view).tolist()]
    assert expected == ["plus_office", "plus_office", "words_within", "plus_office"]
    assert [name.labels[name.level_of(pair)] for pair in pairs_of(view)] == expected


def test_the_office_level_holds_no_pair_of_names_without_an_office_word() -> None:
    """Names each within the other, with no word of ``OFFICE_WORDS``, are the level of names
    alike word for word, in the vectorised and the one-pair reading alike; the office level
    reads only pairs in which a name holds an office word."""
    level = next(
        lv for c in SETTINGS.comparisons if c.name == "name" for lv in c.levels
        if lv.label == "plus_office"
    )  # fmt: skip
    assert isinstance(level, WordsAlikeWithin)
    assert not words_alike_within("harlow dynamics", "dynamics harlow", both_ways=True,
                                  slips=False, beside=level.beside)  # fmt: skip
    assert words_alike_within("harlow dynamics", "dynamics harlow", both_ways=True, slips=False)
    records = [{"id": "a", "name": "Harlow Dynamics"}, {"id": "b", "name": "Dynamics Harlow"}]
    batch = prepare_records(records, SETTINGS.features)
    view = PairView(batch, batch, np.array([0]), np.array([1]))
    assert not level.mask(view, "name_full").any()
    assert _level("Harlow Dynamics", "Dynamics Harlow") == "same_words"
