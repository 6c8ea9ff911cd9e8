"""Connector configuration is validated at the edge: each problem names its field and why."""

from __future__ import annotations

import pytest

from connectors.config import ConfigError, load_config
from connectors.fieldmap import inbound, outbound

TRYTON = """
connector: tryton
url: http://127.0.0.1:8000/
database: erp
username: mdm_hub
password: secret
entities: [customer]
fields:
  name: name
  tax_id: {target: vat, transform: upper}
  currency: currency
owns: [currency]
"""


def test_a_valid_configuration_keeps_its_connection_settings_apart() -> None:
    config = load_config("erp.yaml", TRYTON)
    assert config.connector == "tryton"
    assert config.connection == {
        "url": "http://127.0.0.1:8000/", "database": "erp", "username": "mdm_hub",
        "password": "secret",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        (TRYTON.replace("connector: tryton", "connector: oracle"), "connector", "Input should be"),
        (TRYTON.replace("entities: [customer]", "entities: []"), "entities", "at least 1"),
        (TRYTON.replace("url: http://127.0.0.1:8000/", "url: ftp://x"), "url", "match pattern"),
        (TRYTON.replace("database: erp\n", ""), "database", "Field required"),
        (TRYTON + "colour: blue\n", "colour", "Extra inputs"),
        (
            TRYTON.replace("transform: upper", "transform: rot13"),
            "fields.tax_id",
            "Input should be",
        ),
        ("- a list\n", "(top)", "mapping"),
        ("connector: [", "(file)", "not YAML"),
    ],
)
def test_a_bad_configuration_is_refused_with_the_field_and_the_reason(
    text: str, field: str, reason: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config("erp.yaml", text)
    assert any(p.field.startswith(field) and reason in p.reason for p in caught.value.problems), (
        caught.value.problems
    )


def test_the_fields_map_renames_transforms_and_never_writes_owned_fields() -> None:
    config = load_config("erp.yaml", TRYTON)
    golden = {"name": "Acme", "tax_id": "fr40303265045", "currency": "EUR", "city": "Paris"}
    assert outbound(config, golden) == {"name": "Acme", "vat": "FR40303265045"}
    assert inbound(config, {"name": "Acme", "vat": "FR1", "other": "x"}) == {
        "name": "Acme", "tax_id": "FR1",
    }  # fmt: skip


def test_without_a_fields_map_every_attribute_but_owned_and_empty_ones_is_written() -> None:
    config = load_config("erp.yaml", TRYTON.split("fields:")[0] + "owns: [currency]\n")
    golden = {"name": "Acme", "currency": "EUR", "city": "", "phone": None}
    assert outbound(config, golden) == {"name": "Acme"}
