"""Every active record of an entity read once for a bulk resolution: as the matcher compares
it and as survivorship makes golden records from it (so new golden records need no second read)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.members import MemberVersion
from mdm.resolve import records

# what survivorship needs of a member (MemberVersion's fields), read with the matcher's record
MEMBER_COLUMNS = (
    "v.id, r.id, s.name, r.source_id, v.received_at, v.canonical, v.invalid, s.kind, s.trust"
)


@dataclass(frozen=True)
class Snapshot:
    records: list[dict[str, object]]  # as records.as_record gives them to the matcher
    members: dict[int, MemberVersion]  # record id → its current version


def read(session: Session, entity: str) -> Snapshot:
    sql = records.select_sql(entity, "", columns=MEMBER_COLUMNS)
    matched: list[dict[str, object]] = []
    members: dict[int, MemberVersion] = {}
    for row in session.execute(text(sql), {"e": entity}):
        member = MemberVersion(*row[:9])
        matched.append(records.as_record((member.record_id, member.system, member.values, row[9])))
        members[member.record_id] = member
    return Snapshot(matched, members)
