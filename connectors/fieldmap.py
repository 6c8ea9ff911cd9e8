"""Canonical values to a target's fields: the ``fields`` map with its transforms, ``owns``
left out (the target is the system of record for those), the golden id carried along."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from connectors.config import SystemConfig
from connectors.protocol import InboundRecord

TRANSFORMS: dict[str, Callable[[str], str]] = {
    "upper": str.upper,
    "lower": str.lower,
    "strip": str.strip,
    "title": str.title,
    "digits": lambda value: "".join(ch for ch in value if ch.isdigit()),
}


def _apply(transform: str | None, value: Any) -> Any:
    if transform is None or not isinstance(value, str):
        return value
    return TRANSFORMS[transform](value)


def outbound(config: SystemConfig, attributes: Mapping[str, Any]) -> dict[str, Any]:
    """What the hub writes: every attribute as is when no ``fields`` map is given, else only
    the mapped ones, renamed and transformed; owned fields never."""
    owned = set(config.owns)
    if not config.fields:
        return {k: v for k, v in attributes.items() if k not in owned and v not in (None, "")}
    values: dict[str, Any] = {}
    for canonical in config.fields:
        rule = config.rule_for(canonical)
        if rule is None or canonical in owned or rule.target in owned:
            continue
        value = attributes.get(canonical)
        if value not in (None, ""):
            values[rule.target] = _apply(rule.transform, value)
    return values


def targets(config: SystemConfig) -> list[str]:
    """The target fields the ``fields`` map names (what a read asks the target for)."""
    return [rule.target for name in config.fields if (rule := config.rule_for(name))]


def inbound(config: SystemConfig, values: Mapping[str, Any]) -> dict[str, Any]:
    """A target's record back to canonical names (transforms are not reversed)."""
    if not config.fields:
        return dict(values)
    back = {rule.target: name for name in config.fields if (rule := config.rule_for(name))}
    return {back[k]: v for k, v in values.items() if k in back}


def canonical(config: SystemConfig | None, records: Sequence[InboundRecord]) -> list[InboundRecord]:
    """Records a connector read in its target's field names, with canonical names instead (what
    ``mdm pull`` loads): for every connector whose target names its own fields."""
    if config is None:
        return list(records)
    return [replace(r, values=inbound(config, r.values)) for r in records]
