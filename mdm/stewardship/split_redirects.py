"""Ids keep their meaning after a split: a merged-away id whose records all left with the
split-off part now redirects there; one whose records ended up on both sides answers "split
into A and B". Every change is audited."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from mdm.unit_of_work import UnitOfWork


def follow_split(
    uow: UnitOfWork, golden: uuid.UUID, split_off: uuid.UUID, now: datetime, actor: str
) -> None:
    """After records of ``golden`` were split out into ``split_off``, fix the redirects of
    the ids that had been merged into ``golden``."""
    for tombstone in uow.golden.tombstones_into(golden):
        holders = uow.golden.holders_now(tombstone)
        if holders == [split_off]:
            uow.golden.repoint(tombstone, split_off, now)
            _audit(uow, actor, tombstone, "golden.repointed", {"merged_into": str(split_off)})
        elif len(holders) > 1:
            uow.golden.mark_split(tombstone, now)
            after = {"split_into": [str(h) for h in holders]}
            _audit(uow, actor, tombstone, "golden.split", after)


def _audit(
    uow: UnitOfWork, actor: str, tombstone: uuid.UUID, action: str, after: Mapping[str, object]
) -> None:
    uow.events.audit(actor=actor, action=action, subject_type="golden_record",
        subject_id=str(tombstone), after=after, reason="the records it held were split",
    )  # fmt: skip


def split_into(uow: UnitOfWork, golden_id: uuid.UUID) -> list[uuid.UUID]:
    """For an id a split divided: the golden records that hold its records now."""
    return uow.golden.holders_now(golden_id)


def was_repointed(uow: UnitOfWork, golden_id: uuid.UUID) -> bool:
    """Whether the id's redirect was re-pointed after a split."""
    return uow.golden.was_repointed(golden_id)
