"""A resource record's name is standardised once per distinct name fields (``_person``), as
each name feature asks for it: the same answer as reading the fields, values of another type
or that cannot be hashed included."""

from __future__ import annotations

from matching.presets.resource_features import _person, _read_person
from matching.record import text_value


def test_records_naming_one_person_share_the_reading() -> None:
    one = {"first_name": " Anne ", "last_name": "de Boer", "full_name": None}
    other = {"id": "2", "first_name": " Anne ", "last_name": "de Boer"}
    assert _person(one) is _person(other)
    assert _person(one) == _read_person(" Anne ", "de Boer", None)


def test_values_of_other_types_read_as_their_text() -> None:
    as_int = _person({"first_name": 1, "last_name": "x"})
    as_float = _person({"first_name": 1.0, "last_name": "x"})
    assert as_int == _read_person("1", "x", None)
    assert as_float == _read_person("1.0", "x", None)


def test_a_value_that_cannot_be_hashed_is_read_still() -> None:
    record = {"first_name": ["ann"], "last_name": "lee"}
    assert _person(record) == _read_person(["ann"], "lee", None)


def test_placeholders_and_blanks_name_nobody() -> None:
    assert _person({"first_name": "Unknown", "last_name": "  "}) is None
    assert text_value(float("nan")) is None
