"""Survivorship: which member value becomes the golden value, and the lineage that says why.

Pure: the same members, pins and rules always give the same golden record, so a golden record
can be recomputed from scratch at any time and must equal what is stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mdm.domain.display import displayed
from mdm.domain.group_survivorship import choose_block
from mdm.domain.members import MemberVersion
from mdm.domain.survivorship_choice import Candidate, choose
from mdm.domain.survivorship_rules import EntityRules

PINNED = "steward_pin"


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


def _groups(
    ordered: Sequence[MemberVersion],
    rules: EntityRules,
    found: Mapping[str, list[Candidate]],
    attributes: dict[str, Any],
    lineage: dict[str, Any],
) -> None:
    """Each group's block, all of it from the one member its rule chose."""
    for name, group in sorted(rules.groups.items()):
        chosen = choose_block(name, group, ordered)
        if chosen is None:
            continue
        member, block = chosen
        rule = "only_source" if len(ordered) == 1 else group.rule
        for field, value in zip(group.fields, block, strict=True):
            if value is None:
                continue
            attributes[field] = value
            lineage[field] = {**_provenance(member, rule), "group": name}
            if len(ordered) > 1:
                lineage[field]["competing"] = _competing(found.get(field, []))


def _attribute(
    name: str, cands: Sequence[Candidate], rules: EntityRules, single: bool
) -> tuple[Any, dict[str, Any]]:
    """One ungrouped attribute's golden value and lineage."""
    rule = rules.for_attribute(name)
    if single:
        member, value = cands[0]
        return value, _provenance(member, "only_source")
    if rule.rule == "union":
        return _union(cands), {"rule": "union", "competing": _competing(cands)}
    member, value = choose(rule, name, cands)
    return value, {**_provenance(member, rule.rule), "competing": _competing(cands)}


def _display(attributes: dict[str, Any], lineage: dict[str, Any]) -> None:
    """Golden values as they read (casing, tax id, phone); lineage keeps the source value."""
    for name, value in list(attributes.items()):
        shown = displayed(name, value, attributes)
        if shown != value:
            attributes[name] = shown
            lineage[name] = {**lineage[name], "source_value": value}


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
    found = _candidates(ordered)
    grouped = rules.grouped()
    for name, cands in sorted(found.items()):
        if name not in grouped:
            attributes[name], lineage[name] = _attribute(name, cands, rules, len(members) == 1)
    _groups(ordered, rules, found, attributes, lineage)
    _display(attributes, lineage)
    for name, pin in sorted((pins or {}).items()):
        attributes[name] = pin["value"]
        lineage[name] = {
            "rule": PINNED,
            "pinned_by": pin["by"],
            "pinned_at": pin["at"],
            **({"reason": pin["reason"]} if pin.get("reason") else {}),
            "competing": lineage.get(name, {}).get("competing", []),
        }
    return dict(sorted(attributes.items())), {k: lineage[k] for k in sorted(lineage)}
