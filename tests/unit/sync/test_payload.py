"""Content hashes decide what is sent again; filters decide what a system receives."""

from __future__ import annotations

from mdm.sync.payload import content_hash, passes


def test_the_hash_ignores_key_order_and_sees_values_and_status() -> None:
    a = content_hash({"name": "Acme", "city": "Paris"})
    assert a == content_hash({"city": "Paris", "name": "Acme"})
    assert a != content_hash({"name": "Acme", "city": "Lyon"})
    assert a != content_hash({"name": "Acme", "city": "Paris"}, "inactive")


def test_a_filter_lists_the_values_a_system_receives() -> None:
    assert passes({}, {"country": "DE"})
    assert passes({"country": ["DE", "AT"]}, {"country": "AT"})
    assert not passes({"country": ["DE", "AT"]}, {"country": "FR"})
    assert not passes({"country": ["DE"]}, {})
