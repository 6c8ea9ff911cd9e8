"""Golden records follow their source records: created for new ones, refreshed on change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from mdm.domain.members import MemberVersion
from mdm.domain.survivorship import survive
from mdm.repositories import golden as golden_repo
from mdm.repositories.golden import NewGolden


def create_singletons(
    session: Session, entity: str, members: Sequence[MemberVersion], now: datetime
) -> list[uuid.UUID]:
    """Each new source record starts as its own golden record; matching merges them later."""
    goldens = []
    for member in members:
        attributes, lineage = survive([member])
        goldens.append(NewGolden(uuid.uuid4(), (member.record_id,), attributes, lineage))
    golden_repo.insert_golden(session, entity, goldens, now)
    return [g.golden_id for g in goldens]


def refresh(session: Session, golden_ids: Sequence[uuid.UUID], now: datetime) -> None:
    """Recompute golden records from their current members; retire those left with none."""
    unique = sorted(set(golden_ids))
    for golden_id, members in golden_repo.members_of(session, unique).items():
        attributes, lineage = survive(members)
        status = "active" if members else "retired"
        golden_repo.update_golden(session, golden_id, attributes, lineage, status, now)
