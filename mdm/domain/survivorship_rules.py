"""Survivorship rules as data: the rule of one attribute, of a group of coupled attributes, and
of an entity (each entity's defaults are declared with it, in ``mdm.domain.entities``; a YAML
file may replace them, see ``mdm.survivorship.rules``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

RuleName = Literal[
    "source_priority", "most_recent", "most_complete", "most_frequent", "longest", "union"
]


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
