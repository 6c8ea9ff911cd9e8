"""Ids keep their meaning after a split: a merged-away id whose records all left with the
split-off part now redirects there; one whose records ended up on both sides answers "split
into A and B". Every change is audited."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from mdm.repositories import redirects
from mdm.repositories.history import audit


def follow_split(
    session: Session, golden: uuid.UUID, split_off: uuid.UUID, now: datetime, actor: str
) -> None:
    """After records of ``golden`` were split out into ``split_off``, fix the redirects of
    the ids that had been merged into ``golden``."""
    for tombstone in redirects.tombstones_into(session, golden):
        holders = redirects.holders_now(session, tombstone)
        if holders == [split_off]:
            redirects.repoint(session, tombstone, split_off, now)
            _audit(session, actor, tombstone, "golden.repointed", {"merged_into": str(split_off)})
        elif len(holders) > 1:
            redirects.mark_split(session, tombstone, now)
            after = {"split_into": [str(h) for h in holders]}
            _audit(session, actor, tombstone, "golden.split", after)


def _audit(
    session: Session, actor: str, tombstone: uuid.UUID, action: str, after: Mapping[str, object]
) -> None:
    audit(
        session, actor=actor, action=action, subject_type="golden_record",
        subject_id=str(tombstone), after=after, reason="the records it held were split",
    )  # fmt: skip


def split_into(session: Session, golden_id: uuid.UUID) -> list[uuid.UUID]:
    """For an id a split divided: the golden records that hold its records now."""
    return redirects.holders_now(session, golden_id)


def was_repointed(session: Session, golden_id: uuid.UUID) -> bool:
    """Whether the id's redirect was re-pointed after a split."""
    return redirects.was_repointed(session, golden_id)
