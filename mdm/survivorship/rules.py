"""Survivorship rules as data: loaded from YAML and validated when the hub starts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mdm.domain.entities import SCHEMAS

RuleName = Literal[
    "source_priority", "most_recent", "most_complete", "most_frequent", "longest", "union"
]
DEFAULT_RULES = Path(__file__).with_name("default_rules.yaml")


class AttributeRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: RuleName
    priority: tuple[str, ...] = ()
    tie_breaker: Literal["source_priority", "most_recent"] = "most_recent"


class GroupRule(AttributeRule):
    """Coupled fields (an address, a rate and its currency) that survive as one block: all
    from the one source record version the rule chooses, never assembled from several."""

    fields: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _not_union(self) -> GroupRule:
        if self.rule == "union":
            raise ValueError("a group survives as one block: `union` does not apply")
        return self


class EntityRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    default: AttributeRule = AttributeRule(rule="most_recent")
    attributes: dict[str, AttributeRule] = Field(default_factory=dict)
    groups: dict[str, GroupRule] = Field(default_factory=dict)

    def for_attribute(self, name: str) -> AttributeRule:
        return self.attributes.get(name, self.default)

    def grouped(self) -> frozenset[str]:
        return frozenset(f for g in self.groups.values() for f in g.fields)

    @model_validator(mode="after")
    def _groups_apart(self) -> EntityRules:
        seen: dict[str, str] = {}
        for name, group in self.groups.items():
            for field in group.fields:
                if field in seen:
                    raise ValueError(f"{field} is in two groups: {seen[field]} and {name}")
                if field in self.attributes:
                    raise ValueError(f"{field} is in group {name}: its rule is the group's")
                seen[field] = name
        return self


class RuleSet(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    entities: dict[str, EntityRules]

    @model_validator(mode="after")
    def _known_names(self) -> RuleSet:
        for entity, rules in self.entities.items():
            if entity not in SCHEMAS:
                raise ValueError(f"unknown entity {entity!r}")
            named = [*rules.attributes, *rules.grouped()]
            unknown = sorted(a for a in named if not SCHEMAS[entity].is_field(a))
            if unknown:
                raise ValueError(f"{entity}: unknown attributes {unknown}")
        return self

    def for_entity(self, entity: str) -> EntityRules:
        return self.entities.get(entity, EntityRules())


class RulesError(ValueError):
    pass


def load_rules(path: Path | None = None) -> RuleSet:
    source = path or DEFAULT_RULES
    try:
        return RuleSet.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise RulesError(f"survivorship rules in {source} are not valid: {exc}") from None


_configured: list[RuleSet] = []


def configure(path: Path | None) -> RuleSet:
    """Load and validate the rules when the hub starts (a bad file stops it there, with the
    reason); every later survivorship decision uses them."""
    rules = load_rules(path)
    _configured[:] = [rules]
    return rules


def default_rules() -> RuleSet:
    """The configured rules, or the shipped defaults when none were configured."""
    if not _configured:
        _configured.append(_shipped())
    return _configured[0]


@lru_cache(maxsize=1)
def _shipped() -> RuleSet:
    return load_rules()
