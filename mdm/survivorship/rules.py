"""The survivorship rules in force: each entity's defaults, declared with the entity
(``mdm.domain.entities``), or a YAML file's rules for the entities it names (``MDM_SURVIVORSHIP_RULES``),
validated when the runtime opens and carried by each unit of work (``uow.rules``)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from mdm.domain.entities import SCHEMAS
from mdm.domain.survivorship_rules import AttributeRule, EntityRules, GroupRule

__all__ = ["AttributeRule", "EntityRules", "GroupRule", "RuleSet", "RulesError", "load_rules"]


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
        """The file's rules for ``entity``, else the entity's own defaults."""
        rules = self.entities.get(entity)
        return rules if rules is not None else SCHEMAS[entity].survivorship


class RulesError(ValueError):
    pass


def load_rules(path: Path | None = None) -> RuleSet:
    """The rules of the YAML file at ``path`` (an entity it does not name keeps its
    defaults); no path: every entity's defaults."""
    if path is None:
        return RuleSet(entities={})
    source = path
    try:
        return RuleSet.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise RulesError(f"survivorship rules in {source} are not valid: {exc}") from None
