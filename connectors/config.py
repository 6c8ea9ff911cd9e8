"""A system's connector configuration (YAML), validated with pydantic at the edge.

```yaml
connector: tryton
url: http://127.0.0.1:8000/
database: erp
username: mdm_hub
password: secret
entities: [customer]
fields:                 # optional: canonical -> target field, with a transform
  name: name
  tax_id: {target: tax_id, transform: upper}
owns: [currency]        # the target is the system of record: the hub never overwrites these
filter: {country: [DE, AT]}   # optional: only golden records whose values are listed
```
Keys other than these are the connector's connection settings, validated by its own model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

Transform = Literal["upper", "lower", "strip", "title", "digits"]
CONNECTORS = ("tryton", "sql", "csv", "webhook", "salesforce", "dynamics", "netsuite")


class FieldRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str = Field(min_length=1)
    transform: Transform | None = None


class SystemConfig(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    connector: Literal["tryton", "sql", "csv", "webhook", "salesforce", "dynamics", "netsuite"]
    entities: list[str] = Field(min_length=1)
    fields: dict[str, str | FieldRule] = Field(default_factory=dict)
    owns: list[str] = Field(default_factory=list)
    filter: dict[str, list[str]] = Field(default_factory=dict)

    @property
    def connection(self) -> dict[str, Any]:
        """The connector's own settings: every key this model does not name."""
        return dict(self.model_extra or {})

    def rule_for(self, canonical: str) -> FieldRule | None:
        rule = self.fields.get(canonical)
        return FieldRule(target=rule) if isinstance(rule, str) else rule


@dataclass(frozen=True)
class ConfigProblem:
    field: str
    reason: str


class ConfigError(Exception):
    """A configuration the hub refuses, with every problem found (field, reason)."""

    def __init__(self, source: str, problems: list[ConfigProblem]) -> None:
        listed = "; ".join(f"{p.field}: {p.reason}" for p in problems)
        super().__init__(f"{source}: {listed}")
        self.problems = problems


def problems_of(error: ValidationError, prefix: str = "") -> list[ConfigProblem]:
    return [
        ConfigProblem(prefix + ".".join(str(part) for part in e["loc"]) or "(top)", e["msg"])
        for e in error.errors()
    ]


def parse_config(source: str, data: Mapping[str, Any] | Any) -> SystemConfig:
    """Validate a loaded mapping: the common keys here, connection settings by the connector."""
    from connectors.registry import UnknownConnectorError, settings_model

    if not isinstance(data, Mapping):
        raise ConfigError(source, [ConfigProblem("(top)", "must be a mapping of settings")])
    try:
        config = SystemConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, problems_of(exc)) from None
    try:
        settings_model(config.connector).model_validate(config.connection)
    except UnknownConnectorError as exc:
        raise ConfigError(source, [ConfigProblem("connector", str(exc))]) from None
    except ValidationError as exc:
        raise ConfigError(source, problems_of(exc)) from None
    return config


def load_config(source: str, text: str) -> SystemConfig:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(source, [ConfigProblem("(file)", f"not YAML ({exc})")]) from None
    return parse_config(source, data)
