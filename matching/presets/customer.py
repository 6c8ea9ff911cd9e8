"""Customers (client organisations): names, identifiers, web and mail domains, phone, address,
legal form.

Works on canonical payloads (the hub's canonical fields); values that are not yet canonical are standardised
here as well, so the preset is safe on raw extracts too.
"""

from __future__ import annotations

from matching.blocking import Window
from matching.comparison import Comparison
from matching.levels import Else, Exact, ExactWhereUnknown, NothingInCommon, Null
from matching.levels_crosswise import EqualAcross
from matching.levels_joint import WhereEqual
from matching.levels_sets import Disjoint
from matching.levels_similarity import EditsAtMost, JaroWinklerAtLeast, SortedTokensAtLeast
from matching.levels_words import WordsAlikeWithin, WordsWithin
from matching.presets.customer_blocking import BLOCKING_RULES
from matching.presets.customer_features import FEATURES
from matching.presets.evidence import deciding
from matching.presets.identifier import identifier_comparison
from matching.presets.phone import phone_comparison
from matching.settings import EntitySettings
from matching.standardise.company_forms import GROUP_WORDS, OFFICE_WORDS
from matching.thresholds import Thresholds


def _exact_else(name: str, *, tf: bool = False) -> Comparison:
    return Comparison(name, name, (Null(), Exact(term_frequency=tf), Else()))


def _registry_id(name: str) -> Comparison:
    """Tax ids and DUNS identify a legal entity: a one-character slip is a typo, but two
    different identifiers of one scheme mean two companies, whatever the names say. Such a
    pair is never linked automatically; a steward decides (sister companies share names and
    websites). Identifiers of two schemes (a VAT number and an EIN) say nothing either way."""
    return identifier_comparison(name, review_conflicts=True)


_COMPARISONS = (
    # names alike word for word (a slip in a word, a word cut short or abbreviated: "Frosthill
    # Telecom" / "Frosthill Telecommunications") agree; one name within a longer one ("Bones"
    # / "Bones Restaurant", "Summit Dairy" / "Summit Dairy Services") weighs 0, as the longer
    # is the same company or its subsidiary: the rest of the records decides. At one street
    # address or phone number it agrees ("Ciboulette" / "Ciboulette Restaurant" at 1529
    # Piedmont Ave.): a subsidiary has an office and a line of its own. Not so for a holding
    # company or a group's other companies, which keep its address (a word of ``GROUP_WORDS``
    # that one name holds alone). It weighs no more than names merely alike
    # (``matching.m_constraints``), as the address and phone count already. One name the
    # other with words naming one of its offices ("Acme" / "Acme London Office" in London,
    # "Acme Branch"; ``OFFICE_WORDS``) is the company at one of its sites: an agreement of its
    # own, weighing no more than names merely alike either (a clause set off by a dash or a
    # bracket, "Acme Ltd - London Office", is no part of the name at all:
    # ``matching.standardise.company``)
    Comparison(
        "name",
        "name_full",
        (
            Null(),
            Exact(term_frequency=True, words="name_tokens"),
            EditsAtMost("one_edit", edits=1),
            SortedTokensAtLeast("same_words", threshold=0.9),
            WordsAlikeWithin("words_alike", place="city", slips=False, both_ways=True),
            JaroWinklerAtLeast("jaro_winkler_0.94", threshold=0.94),
            WhereEqual(
                "within_at_office",
                test=WordsAlikeWithin(place="city", slips=False, apart_words=GROUP_WORDS),
                equal=("street", "phone_tail"),
            ),
            WordsAlikeWithin(
                "plus_office",
                place="city",
                slips=False,
                both_ways=True,
                beside=OFFICE_WORDS,
                at_most_the_level_before=True,
            ),
            WordsAlikeWithin(place="city", slips=False),
            Else(),
        ),
        neutral_levels=frozenset({"words_within"}),
    ),
    # names with no word alike (two restaurants of one hotel, sharing its street and its
    # switchboard) are never linked unattended, whatever else agrees: a steward decides. A
    # veto only: both levels weigh 0, the name comparison above weighs the names
    Comparison(
        "name_words",
        "name_full",
        (Null(), WordsAlikeWithin(place="city"), Else()),
        neutral_levels=frozenset({"words_within", "else"}),
        review_levels=frozenset({"else"}),
    ),
    _registry_id("tax_id"),
    _registry_id("duns"),
    # a web site is a group's: two companies that cannot be registered in one country (a US
    # LLC, a Belgian NV) share it as sister companies do, which says nothing of one entity
    Comparison(
        "domain",
        "domain",
        (
            Null(),
            Disjoint("two_countries", feature="registered_in"),
            Exact(term_frequency=True),
            Else(),
        ),
        neutral_levels=frozenset({"two_countries"}),
    ),
    # a number written in its national form on a record of no country cannot be dialled
    # (no E.164): its last eight digits are still compared with the other's
    phone_comparison(one_edit=True),
    # street, postcode and city say one thing, where the office is: one comparison, so an
    # office that moved is one disagreement, not three, and one address is not counted thrice.
    # A part missing on either side is not compared: the same postcode where a street is
    # missing is its own level (it says more than the same postcode with two streets), and
    # two records that hold different parts (a postcode here, a city there) have nothing to
    # compare: no evidence.
    Comparison(
        "address",
        "place",
        (
            Null(),
            Exact("same_street", feature="street"),
            # agreement on all both hold; these exclude the fuzzy street below (which needs a
            # street on both sides), so they stand before it in strength
            ExactWhereUnknown("same_postcode_no_street", feature="postcode", unknown=("street",)),
            ExactWhereUnknown(
                "same_city_no_finer",
                feature="city",
                unknown=("street", "postcode"),
                term_frequency=True,
            ),
            JaroWinklerAtLeast("similar_street", feature="street", threshold=0.9),
            # more of the same line: cross streets, a suite ("747 9th Ave. between 50th and
            # 51st Sts." / "747 Ninth Ave.")
            WordsWithin("street_within", feature="street"),
            # the same numbered street, each line going on otherwise (a direction, a
            # building, cross streets: "2355 Peachtree Rd. NE" / "2355 Peachtree Rd.
            # Peachtree Battle Shopping Center")
            Exact("same_street_head", feature="street_head"),
            Exact("same_postcode", feature="postcode"),
            Exact("same_city", feature="city"),
            JaroWinklerAtLeast("similar_city", feature="city", threshold=0.9),
            # where all else differs, the place one names in its name ("Spago (Los Angeles)")
            # is the other's city: a guide naming a branch by its area, not another place
            EqualAcross("city_in_name", feature="named_place", other="city"),
            NothingInCommon(features=("street", "postcode", "city")),
            Else(),
        ),
        neutral_levels=frozenset({"nothing_in_common"}),
    ),
    _exact_else("country"),
    # a legal form belongs to a jurisdiction: the same brand as a GmbH and as an Inc. is two
    # legal entities (sister companies); a form written short (Ltd / Pty Ltd) is no conflict
    Comparison(
        "legal_form",
        "legal_form",
        (Null(), Exact(term_frequency=True), WordsWithin("within"), Else()),
    ),
)

DECIDED_BY = frozenset({"tax_id", "duns", "domain", "phone", "address"})
"""What a steward decides by, beside the names: a pair in the review band agreeing on none of
them (one name, with a country or a legal form, or with identifiers, domains, phones and
offices that all differ) is left apart rather than queued for review, as a person reading the
two records could not link it either; two values of one registry's scheme still go to review
(``_registry_id``)."""

COMPARISONS = tuple(
    deciding(comparison) if comparison.name in DECIDED_BY else comparison
    for comparison in _COMPARISONS
)


# A name key shared by more than 5 customers pairs each with its 2 nearest by full name: a
# common word adds at most 4 candidates per record, however many records share it (generated
# customers: 4.4 candidates per record at 98,517 records and 11.4 at 299,930 with every pair
# of a block; 1.9 and 2.5 so, blocking recall 0.9998 and 0.9997 either way).
WINDOW = Window(full=5, neighbours=2, order="name_full")


def customer_settings(
    thresholds: Thresholds | None = None, max_block_size: int = 200
) -> EntitySettings:
    return EntitySettings(
        entity="customer",
        features=FEATURES,
        blocking_rules=BLOCKING_RULES,
        comparisons=COMPARISONS,
        thresholds=thresholds or Thresholds(),
        max_block_size=max_block_size,
        window=WINDOW,
        weigh_source=True,
        rivals_on=("name",),
    )
