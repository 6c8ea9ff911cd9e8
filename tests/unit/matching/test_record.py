"""A record's field as text: stripped, None when missing or blank, whatever type it holds."""

from __future__ import annotations

import pytest

from matching.record import text, text_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("  Acme Ltd ", "Acme Ltd"), ("Acme", "Acme"), ("", None), ("   ", None), (None, None),
     (float("nan"), None), (42, "42"), (1.5, "1.5")],
)  # fmt: skip
def test_a_value_reads_as_stripped_text_or_none(value: object, expected: str | None) -> None:
    assert text_value(value) == expected


def test_a_text_subclass_reads_as_its_text() -> None:
    class Named(str):
        pass

    assert text_value(Named(" Acme ")) == "Acme"


def test_a_missing_field_reads_as_none() -> None:
    assert text({"id": "1"}, "name") is None
    assert text({"id": "1", "name": " Acme "}, "name") == "Acme"
