"""``rows_keeping_keys``: rows of a batch hold the blocking keys the batch made for them, the
same (and in the same order) as the rows would make again, split rules' keys too."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.blocking import BlockingRule, split_rule
from matching.blocking_keys import forget_key_texts, rows_keeping_keys, rule_keys
from matching.feature import rows_of
from tests.unit.matching.helpers import prepared

TOKENS = BlockingRule(
    "tokens", ("name",), keys=lambda values: str(values[0]).split() if values[0] else []
)
CITY, CITY_STREET = split_rule(
    BlockingRule("city", ("city",)), "street", lambda value: str(value)[:1], full=2
)
RULES = (TOKENS, CITY, CITY_STREET)
ROWS = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["ann lee", "lee", "bo", "", "ann bo lee"]),
        "city": st.sampled_from(["york", "hull", ""]),
        "street": st.sampled_from(["high st", "low rd", ""]),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(ROWS, min_size=1, max_size=12), st.data())
def test_the_rows_keys_are_those_the_rows_make(
    rows: list[dict[str, object]], data: st.DataObject
) -> None:
    batch = prepared(rows, ["name", "city", "street"])
    for rule in RULES:
        rule_keys(rule, batch)
    picked = sorted(data.draw(st.sets(st.integers(0, len(rows) - 1))))
    kept = np.array(picked, dtype=np.int64)
    seeded, fresh = rows_keeping_keys(batch, kept, RULES), rows_of(batch, kept)
    for rule in RULES:
        members, keys = rule_keys(rule, seeded)
        again_members, again_keys = rule_keys(rule, fresh)
        assert members.tolist() == again_members.tolist()
        assert keys.tolist() == again_keys.tolist()


def test_keys_let_go_of_are_made_again() -> None:
    batch = prepared([{"name": "ann lee"}, {"name": "lee"}], ["name"])
    rule_keys(TOKENS, batch)
    forget_key_texts(batch)
    part = rows_keeping_keys(batch, np.array([1]), (TOKENS,))
    assert rule_keys(TOKENS, part)[1].tolist() == ["lee"]
