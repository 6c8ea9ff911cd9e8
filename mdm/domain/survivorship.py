"""Survivorship: which member value becomes the golden value, and the lineage that says why.

Pure: the same members, pins and rules always give the same golden record, so a golden record
can be recomputed from scratch at any time and must equal what is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mdm.domain.members import MemberVersion
from mdm.survivorship.rules import AttributeRule, EntityRules

Candidate = tuple[MemberVersion, Any]
PINNED = "steward_pin"


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


def _provenance(member: MemberVersion, rule: str) -> dict[str, Any]:
    return {
        "version_id": member.version_id,
        "system": member.system,
        "source_id": member.source_id,
        "rule": rule,
    }


def _union(cands: Sequence[Candidate]) -> list[Any]:
    """``cands`` in (system, source_id) order."""
    seen: dict[str, Any] = {}
    for _, value in cands:
        for item in value if isinstance(value, list) else [value]:
            seen.setdefault(str(item).casefold(), item)
    return sorted(seen.values(), key=lambda v: str(v).casefold())


def _candidates(members: Sequence[MemberVersion]) -> dict[str, list[Candidate]]:
    """Each attribute's valid candidates, in the order of ``members``."""
    found: dict[str, list[Candidate]] = {}
    for member in members:
        invalid = member.invalid
        for name, value in member.attribute_items():
            if name not in invalid:
                found.setdefault(name, []).append((member, value))
    return found


def _competing(cands: Sequence[Candidate]) -> list[dict[str, Any]]:
    """``cands`` in (system, source_id) order."""
    return [
        {"value": v, "system": m.system, "source_id": m.source_id, "version_id": m.version_id}
        for m, v in cands
    ]


def survive(
    members: Sequence[MemberVersion],
    rules: EntityRules | None = None,
    pins: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Golden attributes and per-attribute lineage (winner, rule, competing values)."""
    rules = rules or EntityRules()
    attributes: dict[str, Any] = {}
    lineage: dict[str, Any] = {}
    # sorted once, so every attribute's candidates (and competing values) come in this order
    ordered = sorted(members, key=lambda m: (m.system, m.source_id))
    for name, cands in sorted(_candidates(ordered).items()):
        rule = rules.for_attribute(name)
        if len(members) == 1:
            member, value = cands[0]
            attributes[name], lineage[name] = value, _provenance(member, "only_source")
            continue
        if rule.rule == "union":
            attributes[name] = _union(cands)
            lineage[name] = {"rule": "union", "competing": _competing(cands)}
            continue
        member, value = choose(rule, name, cands)
        attributes[name] = value
        lineage[name] = {**_provenance(member, rule.rule), "competing": _competing(cands)}
    for name, pin in sorted((pins or {}).items()):
        attributes[name] = pin["value"]
        lineage[name] = {
            "rule": PINNED,
            "pinned_by": pin["by"],
            "pinned_at": pin["at"],
            "competing": lineage.get(name, {}).get("competing", []),
        }
    return attributes, lineage
