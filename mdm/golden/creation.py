"""Brand-new golden records, made once from their clusters: a golden record that did not exist
has no stored state, no pins and no history to read, so its values are computed from members
already in hand and written in one COPY, version 1, with its three traces (version snapshot,
audit entry, outbox event) in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mdm.domain.members import MemberVersion
from mdm.domain.partition import GoldenChange
from mdm.domain.survivorship import survive
from mdm.domain.survivorship_rules import EntityRules
from mdm.repositories.golden import complete_lines
from mdm.repositories.history import Change
from mdm.unit_of_work import UnitOfWork


def creatable(
    changes: Sequence[GoldenChange], members: Mapping[int, MemberVersion]
) -> list[GoldenChange]:
    """Changes that create a golden record from records no golden record held (not a split)
    and whose members are all live and in ``members``."""
    return [
        c
        for c in changes
        if c.created and c.split_from is None and c.members and all(r in members for r in c.members)
    ]


def _survived(
    changes: Sequence[GoldenChange],
    members: Mapping[int, MemberVersion],
    rules: EntityRules,
    recorded: list[Change],
) -> Iterator[tuple[uuid.UUID, dict[str, Any], dict[str, Any]]]:
    """(id, attributes, lineage) of each golden record of ``changes``, its history entry
    appended to ``recorded`` as it is made."""
    for change in changes:
        attributes, lineage = survive([members[r] for r in change.members], rules)
        changed = tuple(sorted(k for k, v in attributes.items() if v is not None))
        recorded.append(Change(change.golden_id, "created", {}, changed))
        yield change.golden_id, attributes, lineage


def insert_new(
    uow: UnitOfWork,
    entity: str,
    changes: Sequence[GoldenChange],
    members: Mapping[int, MemberVersion],
    now: datetime,
) -> list[Change]:
    """Write the golden records of ``changes`` (from :func:`creatable`), complete, at version 1;
    returns their history entries, to record once their cross-references exist."""
    recorded: list[Change] = []
    survived = _survived(changes, members, uow.rules.for_entity(entity), recorded)
    # computed as the COPY sends them: the server stores one batch while the next survives
    uow.golden.insert_complete(entity, survived, now)
    return recorded


@dataclass(frozen=True)
class Survived:
    """New golden records made apart from the database (:func:`survive_new`), to be written
    by :func:`insert_survived`: their rows as the bulk copy sends them, and history entries."""

    lines: list[str]
    recorded: list[Change]


def survive_new(
    entity: str,
    changes: Sequence[GoldenChange],
    members: Mapping[int, MemberVersion],
    rules: EntityRules,
    now: datetime,
) -> Survived:
    """What :func:`insert_new` writes, made without the database (its rules read before), so
    a bulk run makes one chunk's golden records while the server stores the chunk before."""
    recorded: list[Change] = []
    lines = list(complete_lines(entity, _survived(changes, members, rules, recorded), now))
    return Survived(lines, recorded)


def insert_survived(uow: UnitOfWork, survived: Survived) -> list[Change]:
    """Write the golden records :func:`survive_new` made; returns their history entries."""
    uow.golden.insert_lines(survived.lines)
    return survived.recorded
