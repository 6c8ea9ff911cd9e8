"""The keys an API process trusts without reading them again: for ``ttl`` from the read that
found them, never those not found, none at all with ``ttl`` 0, and never more than ``most``."""

from __future__ import annotations

from mdm.auth.api_keys import ApiKey
from mdm.auth.verified_keys import VerifiedKeys

KEY = ApiKey(1, "crm-sync", "crm", frozenset({"match"}), 20)
HASH = b"h" * 32


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Database:
    """What ``read`` is given to load: the key while it is live, counting the reads."""

    def __init__(self) -> None:
        self.live = True
        self.reads = 0

    def load(self) -> tuple[ApiKey, bytes] | None:
        self.reads += 1
        return (KEY, HASH) if self.live else None


def test_a_key_read_is_trusted_until_ttl_from_the_read_then_read_again() -> None:
    clock, database = Clock(), Database()
    keys = VerifiedKeys(5, clock=clock)
    assert keys.get("p1") is None
    assert keys.read("p1", database.load) == (KEY, HASH)
    database.live = False  # revoked
    clock.now += 4.9
    assert keys.get("p1") == (KEY, HASH)
    clock.now += 0.1
    assert keys.get("p1") is None
    assert keys.read("p1", database.load) is None
    assert keys.get("p1") is None
    assert database.reads == 2


def test_the_trust_runs_from_when_the_read_began() -> None:
    clock, database = Clock(), Database()
    keys = VerifiedKeys(5, clock=clock)

    def slow_load() -> tuple[ApiKey, bytes] | None:
        clock.now += 2
        return database.load()

    keys.read("p1", slow_load)
    clock.now += 3
    assert keys.get("p1") is None


def test_a_key_not_found_is_not_kept() -> None:
    database = Database()
    database.live = False
    keys = VerifiedKeys(5, clock=Clock())
    assert keys.read("p1", database.load) is None
    database.live = True
    assert keys.get("p1") is None


def test_ttl_zero_keeps_nothing() -> None:
    keys = VerifiedKeys(0, clock=Clock())
    assert keys.read("p1", Database().load) == (KEY, HASH)
    assert keys.get("p1") is None


def test_never_more_than_most_are_kept() -> None:
    keys = VerifiedKeys(5, most=2, clock=Clock())
    for prefix in ("p1", "p2", "p3"):
        keys.read(prefix, Database().load)
    kept = [p for p in ("p1", "p2", "p3") if keys.get(p) is not None]
    assert kept == ["p3"]
