"""Customers (client organisations): names, identifiers, web and mail domains, phone, address,
legal form.

Works on canonical payloads (DESIGN §6); values that are not yet canonical are standardised
here as well, so the preset is safe on raw extracts too.
"""

from __future__ import annotations

from collections.abc import Callable

from matching.blocking import BlockingRule, KeyFunction, Window, split_rule
from matching.comparison import Comparison
from matching.feature import Feature
from matching.levels import (
    EditsAtMost,
    Else,
    EqualAcross,
    Exact,
    ExactWhereUnknown,
    JaroWinklerAtLeast,
    NothingInCommon,
    Null,
    SortedTokensAtLeast,
    WordsWithin,
)
from matching.levels_joint import WhereEqual
from matching.levels_sets import Disjoint
from matching.levels_words import WordsAlikeWithin
from matching.presets.derive import (
    country,
    domain_of,
    email_domain,
    phone,
    standardised,
    text_of,
)
from matching.presets.evidence import deciding
from matching.presets.identifier import identifier_comparison, identifier_features
from matching.presets.phone import PHONE_FEATURES, phone_comparison
from matching.record import Record
from matching.settings import EntitySettings
from matching.standardise.address import (
    standardise_city,
    standardise_postcode,
    standardise_street,
    street_head,
)
from matching.standardise.company import (
    CompanyName,
    bracketed_place,
    standardise_company,
    without_own_city,
)
from matching.standardise.company_forms import GROUP_WORDS
from matching.standardise.jurisdiction import registered_in
from matching.standardise.phone import phone_country
from matching.standardise.phonetic import name_phonetic
from matching.standardise.taxid import normalise_duns, normalise_tax_id, tax_id_country
from matching.thresholds import Thresholds


def _name_forms(record: Record) -> object:
    """The standardised names a customer is known by: its name and its legal name, each
    once (one record's legal name is often another's name)."""
    forms = [standardise_company(text).full for text in _names(record)]
    return tuple(dict.fromkeys(form for form in forms if form)) or None


def _names(record: Record) -> list[str]:
    return [name for field in ("name", "legal_name") if (name := _name(record, field))]


def _name(record: Record, field: str) -> str | None:
    """The name in ``field``, without its own city in brackets (``without_own_city``; the
    city is read only for a name ending with a bracket: most names do not, and this is asked
    six times a record)."""
    text = text_of(record, field)
    if not text or not text.endswith(")"):  # text_of strips it
        return text
    return without_own_city(text, text_of(record, "city"))


def _country(record: Record) -> object:
    """The country given, else the one the phone number or a VAT number's prefix is of."""
    number = phone(record)
    tax_id = text_of(record, "tax_id")
    return (
        country(record)
        or (phone_country(number) if isinstance(number, str) else None)
        or (tax_id_country(tax_id) if tax_id else None)
    )


def _company(record: Record) -> CompanyName | None:
    name = _name(record, "name") or _name(record, "legal_name")
    return standardise_company(name) if name else None


def _name_full(record: Record) -> object:
    company = _company(record)
    return company.full if company else None


def _name_tokens(record: Record) -> object:
    company = _company(record)
    return company.tokens if company else None


def _legal_form(record: Record) -> object:
    """The legal form the name ends with, else the legal name's."""
    forms = (standardise_company(text).legal_form for text in _names(record))
    return next((form for form in forms if form), None)


def _named_place(record: Record) -> object:
    """The place in brackets the name ends with ("Spago (Los Angeles)"), as cities are read."""
    name = text_of(record, "name")
    return bracketed_place(name) if name else None


def _registered_in(record: Record) -> object:
    """The countries the customer can be registered in: its country, else its legal form's."""
    return _registered_in_of(_country(record), _legal_form(record))


def _registered_in_of(place: object, form: object) -> object:
    """``_registered_in`` from the country and legal form features already derived."""
    return registered_in(
        place if isinstance(place, str) else None, form if isinstance(form, str) else None
    )


def _tax_id(record: Record) -> object:
    """The tax id, a national company number as the VAT number made of it (a SIREN in one
    system, the TVA number in another), read by the record's country: the one given, else
    its phone's (a VAT number written without its prefix on a record without a country)."""
    value = text_of(record, "tax_id")
    if not value:
        return None
    place = _country(record)
    return normalise_tax_id(value, place if isinstance(place, str) else None, as_vat=True)[0]


_website_domain = domain_of("website")


def _organisation_domain(record: Record) -> object:
    """The organisation's internet domain: its web site's, else its (non free-mail) mail's."""
    return _website_domain(record) or email_domain(record)


def _place(record: Record) -> object:
    """Whether any part of the address is known (the street, postcode or city it starts with)."""
    return (
        text_of(record, "address_line1")
        or text_of(record, "postal_code")
        or text_of(record, "city")
    )


def _street_head(record: Record) -> object:
    """The street line as far as its street-type word (``street_head``)."""
    value = text_of(record, "address_line1")
    return _street_head_of(standardise_street(value)) if value else None


def _street_head_of(street: object) -> object:
    return street_head(street) if isinstance(street, str) else None


def _postcode(record: Record) -> object:
    """The postcode, read as its country writes them (the country given, else the phone's or
    the VAT number's: a US ZIP+4 code of a record without a country is still a ZIP)."""
    value = text_of(record, "postal_code")
    if not value:
        return None
    place = _country(record)
    return standardise_postcode(value, place if isinstance(place, str) else None)


FEATURES = (
    Feature("name_full", _name_full),
    Feature("name_forms", _name_forms),
    Feature("name_tokens", _name_tokens),
    Feature("legal_form", _legal_form),
    *identifier_features("tax_id", _tax_id),
    *identifier_features("duns", standardised("duns", normalise_duns)),
    Feature("domain", _organisation_domain),
    *PHONE_FEATURES,
    Feature("street", standardised("address_line1", standardise_street)),
    Feature("street_head", _street_head, (("street",), _street_head_of)),
    Feature("postcode", _postcode),
    Feature("city", standardised("city", standardise_city)),
    Feature("named_place", _named_place),
    Feature("place", _place),
    Feature("country", _country),
    Feature("registered_in", _registered_in, (("country", "legal_form"), _registered_in_of)),
)


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
    *split_rule(_fuzzy("longest_tokens", ("name_tokens",), _longest_tokens), "city", _text, FULL),
    *_split_by_word(_fuzzy("phonetic_postcode", ("name_tokens", "postcode"), _phonetic_place(3))),
    *_split_by_word(_fuzzy("phonetic_city", ("name_tokens", "city"), _phonetic_place())),
    *_split_by_word(_fuzzy("street_initial", ("name_tokens", "street"), _street_initial)),
)


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
    # (``matching.m_constraints``), as the address and phone count already
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
    )
