"""Rate cards: a line is unique by its business key, so the same line across systems is the
same role and level, currency, customer (or the standard card), region and an overlapping
period; a later, non-overlapping period is a new version of the card, another line.

* Amounts are compared per hour (``hours_per_day`` converts day rates, or a source's own
  working day: ``matching.presets.rate_amounts``); equal within 0.5% agrees. A line is
  unique by its key, so two lines that agree on it (the same client, role, level and
  currency, overlapping periods) are one line whatever their prices say: a price a few per
  cent apart is one system's price not updated, amounts a working day apart are a unit keyed
  wrongly, and a day rate that is the hourly one times another working day (7.5 hours) comes
  from a source whose day is not the configured one. These weigh as the evidence they are
  and link unattended when the key carries the pair (``business_key`` below); survivorship picks the price, and
  lineage keeps the other. Amounts further apart are a conflict that forces review: another
  line whose key was keyed wrongly, or a price renegotiated.
* ``customer_ref`` is the customer's golden id, set by the hub from ``customer_source_id``.
  A line naming no customer belongs to the firm's standard card (``STANDARD_CARD``); a line
  naming one the hub cannot resolve yet has an unknown customer (no evidence either way).
  Two lines of the standard card and two lines of one client's card are separate levels: a
  term-frequency weight assumes the records of every value are copied alike, but the
  standard card is usually kept by every system that prices work, so its lines have more
  copies than its share of the records says, and as one common value its agreement would
  weigh a few bits however well the rest of the key agrees.
* The end dates are compared too when both are given: the same last day is evidence for one
  line, another last day evidence against (a card's other version, or another client's
  line whose customer was left out); an open end is no evidence, as systems leave it open.
* The fields of the key weigh one by one as if independent, but among different lines
  agreeing on all of them at once is far rarer than their product says, as the key is
  unique: ``business_key`` weighs a key agreeing whole (``whole_key``: one client, the
  role or its spelling, level, currency, region, periods overlapping from starts at most two
  months apart, the same last day where both give one, in two systems) as itself, so a
  price a few per cent apart or a day rate of another working day links unattended there;
  any other pattern weighs 0 in it (``not_whole``), and amounts further apart still force
  review. A key field one record leaves empty (a region, a level) is no whole key: the line
  naming none may be another region's. Nor is the standard card's: systems keep several
  lines of one key on it, so there its lines link on the fields' own weights.
* Blocking asks for the key fields (role and level and currency, or a card's customer and
  start); comparisons on them separate the lines of one card, the same line in other regions,
  other clients' cards and other versions.
"""

from __future__ import annotations

from collections.abc import Mapping

from matching.blocking import BlockingRule
from matching.comparison import Comparison
from matching.feature import Feature
from matching.levels import Else, Exact, Null
from matching.levels_numeric import PeriodsOverlap
from matching.presets.derive import standardised, text_of
from matching.presets.rate_amounts import RATE_M, amount_features, amount_levels, rate_currency
from matching.presets.rate_levels import (
    BothIn,
    PeriodsOverlapStartingSameYear,
    PeriodsOverlapStartingWithin,
    RoleVariant,
    WholeKey,
)
from matching.presets.role_vocabulary import shipped_vocabulary, standardise_role, vocabulary
from matching.record import Record
from matching.settings import EntitySettings
from matching.standardise.dates import to_iso_date
from matching.standardise.text import fold
from matching.standardise.title import standardise_level
from matching.thresholds import Thresholds

STANDARD_CARD = "standard"
"""The ``customer`` feature of a line that names no customer: the firm's standard card."""

REGION_CODES = frozenset(
    {"na", "latam", "emea", "uk", "dach", "ch", "benelux", "nordics", "cee", "mea", "apac", "anz"}
)
"""Sales regions that firms name by these codes; two different codes are two regions."""
REGION_NAMES: dict[str, str] = {
    "north america": "na", "americas": "na", "amer": "na", "latin america": "latam",
    "united kingdom": "uk", "great britain": "uk", "gb": "uk", "gbr": "uk", "u k": "uk",
    "britain": "uk", "vereinigtes konigreich": "uk", "royaume uni": "uk", "reino unido": "uk",
    "regno unito": "uk", "verenigd koninkrijk": "uk", "europe": "emea", "eu": "emea",
    "europe middle east africa": "emea", "europe middle east and africa": "emea",
    "asia pacific": "apac", "asia pac": "apac", "australia new zealand": "anz",
    "nordic": "nordics", "nordic countries": "nordics", "scandinavia": "nordics",
    "switzerland": "ch", "schweiz": "ch", "suisse": "ch", "svizzera": "ch", "d a ch": "dach",
    "middle east africa": "mea", "middle east and africa": "mea",
    "australia and new zealand": "anz",
    "central eastern europe": "cee",
}  # fmt: skip
"""Common spellings of the regions (folded) to their codes. Countries stay as they are: which
region holds a country is each firm's choice, so a country compared with a region code is a
doubtful disagreement, not a conflict."""


def standardise_region(value: str) -> str:
    folded = fold(value)
    return REGION_NAMES.get(folded, folded)


def role_key(value: str, table: Mapping[str, str] | None = None) -> str:
    """The standardised role with its words sorted (``Engineer, Data`` = ``Data Engineer``)."""
    return " ".join(sorted(standardise_role(value, table or shipped_vocabulary()).split()))


def _customer(record: Record) -> object:
    reference = text_of(record, "customer_ref")
    if reference:
        return reference
    return None if text_of(record, "customer_source_id") else STANDARD_CARD


def _features(
    roles: Mapping[str, str], hours_per_day: float, source_hours: Mapping[str, float]
) -> tuple[Feature, ...]:
    return (
        Feature("role", standardised("role", lambda value: standardise_role(value, roles))),
        Feature("role_key", standardised("role", lambda value: role_key(value, roles))),
        Feature("level", standardised("level", standardise_level)),
        Feature("currency", rate_currency),
        Feature("customer", _customer),
        *amount_features(hours_per_day, source_hours),
        Feature("effective_from", standardised("effective_from", to_iso_date)),
        Feature("effective_to", standardised("effective_to", to_iso_date)),
        Feature("region", standardised("region", standardise_region)),
    )


def _rounded(values: tuple[object, ...]) -> list[str]:
    if any(value is None for value in values):
        return []
    *others, rate = values
    return ["|".join([*map(str, others), f"{float(str(rate)):.0f}"])]


def _rule(name: str, *features: str) -> BlockingRule:
    return BlockingRule(name, features, excludes=("role",) if "role_key" in features else ())


BLOCKING_RULES = (
    _rule("role_currency_customer", "role_key", "currency", "customer"),
    _rule("key_and_start", "role_key", "level", "currency", "effective_from"),
    _rule("role_level_customer", "role_key", "level", "customer"),
    _rule("level_currency_customer", "level", "currency", "customer"),
    BlockingRule(
        "card_amount", ("customer", "currency", "effective_from", "hourly_rate"), _rounded
    ),
)
"""The key with one field left out each time (the level, the customer, the currency, the role),
so that one missing, unresolved or misspelt field does not lose the pair; the start date
stands in for the customer, which is unknown when the hub has not resolved it. The last rule
finds a line of a card by its amount when its role is spelt otherwise and its level missing."""


# m = P(level | the two records are one rate line), fixed rather than learnt by EM: true
# copies of a line are few among candidate pairs (most lines are held once) and the
# non-matches are structured (the lines of one card agree on its customer, period, region
# and often amount; other versions and other clients' cards agree on role, level and amount),
# so EM's two classes settle on that structure, not on matches. These m say how often the
# copies of one line differ, which is what a data steward knows; u is still measured on random
# pairs and the prior is still fitted.
#
# A line is unique by its key, so the same line never disagrees on a key field: such m is
# ``KEY_CONFLICT``, a weight of about -30 bits, more than all agreements together (the lines
# of one card, or of two clients' cards, agree on everything but one key field, which random
# pairs, and so u, do not show). A line whose customer the hub cannot resolve yet has no
# customer evidence; one that names none belongs to the standard card.
KEY_CONFLICT = 1e-9
# both on the standard card, one client's card (weighted by how many lines name that client),
# different customers. Which kind of card a copied line is on is not known before the data is
# seen, so the two kinds share m evenly; u of each is measured.
CUSTOMER_M = (0.5, 0.5 - KEY_CONFLICT, KEY_CONFLICT)
ROLE_M = (0.9, 0.1, KEY_CONFLICT)  # exact, variant (abbreviated, qualified), else
LEVEL_M = (1.0, KEY_CONFLICT)
CURRENCY_M = (1.0, KEY_CONFLICT)
# same start, start within two months, a start later in the same year (a system's own date
# of entry), a start in another year (a later version overlapping one that lost its end date),
# disjoint (another version)
PERIOD_M = (0.8, 0.1, 0.1, 1e-6, KEY_CONFLICT)
REGION_M = (0.97, KEY_CONFLICT, 0.03)  # exact, two region codes, other spellings (countries)
END_M = (0.95, 0.05)  # the same last day, another (an end keyed as the year's end, a renewal)
# the whole key agrees (``WholeKey``), or not: most copies of a client's line hold all of
# their key (some miss a region, a level or an end, or one's role is spelt beyond the
# vocabulary); u, measured, is as rare as the key is unique among different lines. A key that
# does not agree whole weighs 0 here (a neutral level), as the comparisons above weigh each
# of its fields
KEY_M = (0.8, 0.2)


def _comparisons(hours_per_day: float, source_hours: Mapping[str, float]) -> tuple[Comparison, ...]:
    period = (
        Exact("same_start"),
        PeriodsOverlapStartingWithin(until="effective_to", days=62),
        PeriodsOverlapStartingSameYear(until="effective_to"),
        PeriodsOverlap("overlap_other_year", until="effective_to"),
        Else("disjoint"),
    )
    rate = amount_levels(hours_per_day, source_hours)
    role = (Null(), Exact(), RoleVariant(feature="role", level="level"), Else())
    region = (Null(), Exact(), BothIn("other_region", values=REGION_CODES), Else("other_spelling"))
    standard = BothIn("standard_card", values=frozenset({STANDARD_CARD}))
    customer = (Null(), standard, Exact(term_frequency=True), Else())
    return (
        Comparison("role", "role_key", role, fixed_m=ROLE_M),
        Comparison("level", "level", (Null(), Exact(), Else()), fixed_m=LEVEL_M),
        Comparison("currency", "currency", (Null(), Exact(), Else()), fixed_m=CURRENCY_M),
        Comparison("customer", "customer", customer, fixed_m=CUSTOMER_M),
        Comparison("period", "effective_from", (Null(), *period), fixed_m=PERIOD_M),
        Comparison(
            "rate",
            "hourly_rate",
            (Null(), *rate),
            review_levels=frozenset({"conflict"}),
            fixed_m=RATE_M,
        ),
        Comparison("region", "region", region, fixed_m=REGION_M),
        Comparison("period_end", "effective_to", (Null(), Exact(), Else()), fixed_m=END_M),
        # the fields above weigh one by one as if independent; agreeing all at once is far
        # rarer among different lines than their product says (a line is unique by its key),
        # so a key agreeing whole is weighed again as itself: with amounts a few per cent or a
        # working day apart such a pair links unattended, while amounts further apart still
        # force review (the rate's conflict level)
        Comparison(
            "business_key",
            "customer",
            (Null(), WholeKey(shared=frozenset({STANDARD_CARD})), Else("not_whole")),
            neutral_levels=frozenset({"not_whole"}),
            fixed_m=KEY_M,
        ),
    )


def rate_card_settings(
    thresholds: Thresholds | None = None,
    *,
    hours_per_day: float = 8,
    max_block_size: int = 200,
    role_vocabulary: Mapping[str, str] | None = None,
    source_hours: Mapping[str, float] | None = None,
) -> EntitySettings:
    """``role_vocabulary``: a firm's own spellings of roles (spelling -> role), added to the
    shipped table (``matching/presets/role_vocabulary.csv``). ``hours_per_day`` converts day
    rates to hourly ones; ``source_hours`` gives the sources whose working day differs
    (source name -> hours)."""
    source_hours = dict(source_hours or {})
    return EntitySettings(
        entity="rate_card",
        features=_features(vocabulary(role_vocabulary), hours_per_day, source_hours),
        blocking_rules=BLOCKING_RULES,
        comparisons=_comparisons(hours_per_day, source_hours),
        thresholds=thresholds or Thresholds(),
        max_block_size=max_block_size,
    )
