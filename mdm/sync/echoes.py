"""Echo suppression: what the hub wrote to a system and then reads back from it (through its
connector, ``mdm pull``, or an extract the system exported, ``mdm ingest``) is not a change.

A record read from a system under key K is an echo when the hub keeps K as that system's own
id for a golden record (the delivery crosswalk) and the record, taken as the golden record it
would make on its own (canonical values, shown as golden values read) and written out through
the system's ``fields`` map, hashes to the content hash of what the hub last delivered there.
Echoes are left out before anything is versioned: no source record version, no golden
version, no outbox event, no delivery.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from connectors.config import SystemConfig
from connectors.fieldmap import outbound
from mdm.domain.canonical import canonicalise
from mdm.domain.members import MemberVersion
from mdm.domain.survivorship import survive
from mdm.sync.connections import config_of
from mdm.sync.payload import content_hash
from mdm.unit_of_work import UnitOfWork

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def golden_form(entity: str, key: str, raw: Mapping[str, str]) -> dict[str, Any] | None:
    """``raw`` (canonical field names, text values) as the attributes of a golden record made
    of it alone; None when the row would not load."""
    row = canonicalise(entity, {**raw, "source_id": key})
    if row.errors:
        return None
    member = MemberVersion(0, 0, "", key, EPOCH, row.values, row.invalid)
    return survive([member])[0]


def is_echo(
    config: SystemConfig, entity: str, key: str, raw: Mapping[str, str], written: str | None
) -> bool:
    """Whether ``raw``, read under ``key``, says what the hub wrote there (hash ``written``)."""
    if not written:
        return False
    attributes = golden_form(entity, key, raw)
    return attributes is not None and content_hash(outbound(config, attributes)) == written


def receives(uow: UnitOfWork, system: str, entity: str) -> bool:
    """Whether the hub delivers ``entity`` to ``system`` (only then can it read echoes)."""
    return any(sub.entity == entity for sub in uow.systems.list_subscriptions(system))


def find(
    uow: UnitOfWork, system: str, entity: str, rows: Mapping[str, Mapping[str, str]]
) -> set[str]:
    """The keys of ``rows`` (the system's own id -> canonical field names and text values) that
    are echoes of the hub's writes to ``system``."""
    if not rows:
        return set()
    found: set[str] = set()
    for sub in uow.systems.list_subscriptions(system):
        if sub.entity != entity:
            continue
        config = config_of(sub)
        written = uow.systems.crosswalk(sub.id, list(rows))
        found.update(
            key
            for key, (_, hashed) in written.items()
            if is_echo(config, entity, key, rows[key], hashed)
        )
    return found
