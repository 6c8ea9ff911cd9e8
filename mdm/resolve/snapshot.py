"""Every active record of an entity read once for a bulk resolution: as the matcher compares
it and as survivorship makes golden records from it (so new golden records need no second read)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.members import MemberVersion

SQL = """
    SELECT v.id, r.id, s.name, r.source_id, v.received_at, v.canonical, v.invalid, s.kind,
           s.trust, {customer}
    FROM source_record r
    JOIN source_system s ON s.id = r.system_id
    JOIN source_record_version v ON v.source_record_id = r.id AND v.version_no = r.version_no
    {join}
    WHERE r.entity = :e AND NOT r.is_deleted
"""
# a rate line compares the golden record its customer's key (same system) resolves to
CUSTOMER_JOIN = """
    LEFT JOIN source_record cr
      ON cr.system_id = r.system_id AND cr.entity = 'customer'
     AND cr.source_id = v.canonical->>'customer_source_id'
    LEFT JOIN xref ref ON ref.source_record_id = cr.id AND ref.valid_to IS NULL
"""


@dataclass(frozen=True)
class Snapshot:
    records: list[dict[str, object]]  # as records.active_records gives them to the matcher
    members: dict[int, MemberVersion]  # record id → its current version


def read(session: Session, entity: str) -> Snapshot:
    with_customer = entity == "rate_card"
    sql = SQL.format(
        customer="ref.golden_id" if with_customer else "NULL",
        join=CUSTOMER_JOIN if with_customer else "",
    )
    records: list[dict[str, object]] = []
    members: dict[int, MemberVersion] = {}
    for row in session.execute(text(sql), {"e": entity}):
        member = MemberVersion(*row[:9])
        record: dict[str, object] = {**member.values, "id": str(member.record_id)}
        record["source"] = member.system
        if row[9] is not None:
            record["customer_ref"] = str(row[9])
        records.append(record)
        members[member.record_id] = member
    return Snapshot(records, members)
