"""Blocking keys indexed in PostgreSQL: how a new record finds its candidates quickly."""

from __future__ import annotations

from matching.blocking import rule_keys
from matching.engine import Matcher
from matching.feature import Prepared


def keys_of_batch(matcher: Matcher, prepared: Prepared) -> list[tuple[int, str]]:
    """(record id, key) for every record of a prepared batch, rule name first in the key."""
    ids = [int(str(i)) for i in prepared.ids]
    found: set[tuple[int, str]] = set()
    for rule in matcher.settings.blocking_rules:
        members, keys = rule_keys(rule, prepared)
        found.update(
            (ids[m], f"{rule.name}:{k}")
            for m, k in zip(members.tolist(), keys.tolist(), strict=True)
        )
    return sorted(found)
