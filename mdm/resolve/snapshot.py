"""Every active record of an entity read once for a bulk resolution: as the matcher compares
it and as survivorship makes golden records from it (so new golden records need no second read)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.members import MemberVersion
from mdm.repositories.golden import MEMBER_COLUMNS
from mdm.resolve import records


@dataclass(frozen=True)
class Snapshot:
    records: list[dict[str, object]]  # as records.as_record gives them to the matcher
    members: dict[int, MemberVersion]  # record id → its current version


def read(session: Session, entity: str) -> Snapshot:
    # what survivorship needs of a member, read with the matcher's record
    sql = records.select_sql(entity, "", columns=MEMBER_COLUMNS)
    matched: list[dict[str, object]] = []
    members: dict[int, MemberVersion] = {}
    for row in session.execute(text(sql), {"e": entity}):
        member = MemberVersion(*row[:9])
        matched.append(records.as_record((member.record_id, member.system, member.values, row[9])))
        members[member.record_id] = member
    return Snapshot(matched, members)
