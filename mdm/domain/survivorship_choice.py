"""How one survivorship rule orders candidates: (member, value) pairs, most wanted last."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from mdm.domain.members import MemberVersion
from mdm.domain.survivorship_rules import AttributeRule

Candidate = tuple[MemberVersion, Any]


def _key(value: Any) -> str:
    return repr(value)


def _recency(c: Candidate) -> tuple[Any, ...]:
    member = c[0]
    return (member.received_at, member.version_id)


def _priority_rank(rule: AttributeRule, member: MemberVersion) -> int:
    for rank, name in enumerate(rule.priority):
        if name in (member.system, member.kind):
            return rank
    return len(rule.priority)


def _by_priority(rule: AttributeRule, attribute: str) -> Callable[[Candidate], tuple[Any, ...]]:
    def order(c: Candidate) -> tuple[Any, ...]:
        member = c[0]
        return (-_priority_rank(rule, member), member.trust_for(attribute), *_recency(c))

    return order


def _best(cands: Sequence[Candidate], order: Callable[[Candidate], tuple[Any, ...]]) -> Candidate:
    return max(cands, key=lambda c: (*order(c), c[0].system, c[0].source_id))


def _tie_break(rule: AttributeRule, attribute: str) -> Callable[[Candidate], tuple[Any, ...]]:
    return _by_priority(rule, attribute) if rule.tie_breaker == "source_priority" else _recency


def choose(rule: AttributeRule, attribute: str, cands: Sequence[Candidate]) -> Candidate:
    """The winning (member, value) among valid candidates under ``rule``."""
    if len(cands) == 1:  # every rule but union picks the only candidate
        return cands[0]
    if rule.rule == "source_priority":
        return _best(cands, _by_priority(rule, attribute))
    if rule.rule == "most_recent":
        return _best(cands, _recency)
    if rule.rule == "most_complete":
        return _best(cands, lambda c: (c[0].completeness(), *_recency(c)))
    if rule.rule == "longest":
        tie = _tie_break(rule, attribute)
        return _best(cands, lambda c: (len(str(c[1])), *tie(c)))
    counts = Counter(_key(v) for _, v in cands)  # most_frequent
    tie = _tie_break(rule, attribute)
    return _best(cands, lambda c: (counts[_key(c[1])], *tie(c)))
