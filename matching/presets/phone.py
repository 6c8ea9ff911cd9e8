"""Phone numbers compared for every preset that holds one (customers, resources): the dialled
number (E.164) first, then its last eight digits, which a number written without its country
code still has (``415-555-0123``, ``0113 234 5678`` on a record naming no country: no E.164
form), as has one a system dialled with the wrong country's code. The comparison is null only
when a record holds no number at all.
"""

from __future__ import annotations

from matching.comparison import Comparison
from matching.feature import Feature
from matching.levels import Else, Exact, ExactWhereUnknown, Level, Null
from matching.levels_similarity import EditsAtMost
from matching.presets.derive import phone, phone_tail

PHONE_FEATURES = (Feature("phone", phone), Feature("phone_tail", phone_tail))
"""The dialled number (``phone``) and its last eight digits (``phone_tail``)."""


def phone_comparison(*, one_edit: bool = False, tail_floor: bool = False) -> Comparison:
    """Levels of a phone number (``PHONE_FEATURES``): the same number; with ``one_edit``, one
    slip in it; the same last eight digits; else two numbers.

    ``tail_floor``: the same last digits weigh at least what two random numbers' tails
    agreeing by chance leaves them (``matching.m_constraints.meaning_floors``), however rarely
    training saw them agree; without it EM alone weighs them (about 1 bit on generated
    customers, whose numbers all dial alike)."""
    tail: Level = (
        ExactWhereUnknown("same_last_digits", feature="phone_tail")
        if tail_floor
        else Exact("same_last_digits", feature="phone_tail")
    )
    slip: tuple[Level, ...] = (EditsAtMost("one_edit", edits=1),) if one_edit else ()
    return Comparison("phone", "phone", (Null(feature="phone_tail"), Exact(), *slip, tail, Else()))
