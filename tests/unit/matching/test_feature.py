from __future__ import annotations

from typing import NamedTuple

from matching.feature import Feature, object_array, prepare_records
from matching.presets.identifier import identifier_features
from matching.record import Record


def _upper(record: Record) -> object:
    value = record.get("code")
    return str(value).strip().upper() or None if value is not None else None


def test_a_feature_made_from_an_earlier_one_holds_what_it_derives_record_by_record() -> None:
    records = [
        {"id": str(n), "code": code}
        for n, code in enumerate(["de136695976", " e52663 ", "", None, "12-3"])
    ]
    code, scheme = identifier_features("code", _upper)
    batch = prepare_records(records, [code, scheme])
    derived = [scheme.derive(record) for record in records]
    assert batch.column("code_scheme").tolist() == derived
    assert derived == ["DE999999999", "E99999", None, None, "99-9"]


def test_a_feature_reads_an_earlier_one_only_when_the_batch_holds_it() -> None:
    made: list[object] = []
    twice = Feature("twice", lambda r: 2 * int(str(r["n"])), ("n", lambda v: made.append(v)))
    alone = prepare_records([{"id": "1", "n": 4}], [twice])
    assert alone.column("twice").tolist() == [8] and made == []


class _Pair(NamedTuple):
    a: int
    b: int


def test_an_object_array_holds_tuples_and_lists_as_elements() -> None:
    for values in ([("x", "y"), None], [["x"], "z"], [_Pair(1, 2), _Pair(3, 4)]):
        array = object_array(values)
        assert array.shape == (2,) and array.tolist() == values
    assert object_array(["a", None, 3]).tolist() == ["a", None, 3]


def test_an_object_array_holds_the_values_given_themselves() -> None:
    values: list[object] = [(), ("a",), [1, 2], frozenset({"x"}), None, "", 2.5]
    array = object_array(values)
    assert array.dtype == object and array.shape == (len(values),)
    assert all(held is given for held, given in zip(array.tolist(), values, strict=True))
    assert object_array([]).shape == (0,)
