"""Brand-new golden records, made once from their clusters: a golden record that did not exist
has no stored state, no pins and no history to read, so its values are computed from members
already in hand and written in one COPY, version 1, with its three traces (version snapshot,
audit entry, outbox event) in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from mdm.domain.members import MemberVersion
from mdm.domain.partition import GoldenChange
from mdm.domain.survivorship import survive
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


def insert_new(
    uow: UnitOfWork,
    entity: str,
    changes: Sequence[GoldenChange],
    members: Mapping[int, MemberVersion],
    now: datetime,
) -> list[Change]:
    """Write the golden records of ``changes`` (from :func:`creatable`), complete, at version 1;
    returns their history entries, to record once their cross-references exist."""
    rules = uow.rules.for_entity(entity)
    recorded: list[Change] = []

    def survived() -> Iterator[tuple[uuid.UUID, dict[str, Any], dict[str, Any]]]:
        for change in changes:
            attributes, lineage = survive([members[r] for r in change.members], rules)
            changed = tuple(sorted(k for k, v in attributes.items() if v is not None))
            recorded.append(Change(change.golden_id, "created", {}, changed))
            yield change.golden_id, attributes, lineage

    # computed as the COPY sends them: the server stores one batch while the next survives
    uow.golden.insert_complete(entity, survived(), now)
    return recorded
