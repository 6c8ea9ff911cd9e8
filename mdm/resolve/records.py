"""Read source records as the matcher sees them: canonical values, source and a string id."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

FROM_SQL = """
    FROM source_record r
    JOIN source_system s ON s.id = r.system_id
    JOIN source_record_version v ON v.source_record_id = r.id AND v.version_no = r.version_no
    {join}
    WHERE r.entity = :e AND NOT r.is_deleted {where}
"""
# A rate line names its customer by the customer's key in the same system; the matcher compares
# the golden id that key resolves to, so a rate line follows its customer's golden record.
CUSTOMER_JOIN = """
    LEFT JOIN source_record cr
      ON cr.system_id = r.system_id AND cr.entity = 'customer'
     AND cr.source_id = v.canonical->>'customer_source_id'
    LEFT JOIN xref ref ON ref.source_record_id = cr.id AND ref.valid_to IS NULL
"""
MATCHER_COLUMNS = "r.id, s.name, v.canonical"


def select_sql(entity: str, where: str, columns: str = MATCHER_COLUMNS) -> str:
    """Active records of ``entity`` as the matcher reads them: ``columns`` (by default id,
    system, canonical values), then the golden id of a rate line's customer (else NULL)."""
    with_customer = entity == "rate_card"
    customer = "ref.golden_id" if with_customer else "NULL"
    body = FROM_SQL.format(join=CUSTOMER_JOIN if with_customer else "", where=where)
    return f"SELECT {columns}, {customer} {body}"


def as_record(row: Any) -> dict[str, object]:
    record_id, system, canonical, customer_golden = row
    record: dict[str, object] = {**canonical, "id": str(record_id), "source": system}
    if customer_golden is not None:
        record["customer_ref"] = str(customer_golden)
    return record


def records_by_id(session: Session, entity: str, ids: Sequence[int]) -> list[dict[str, object]]:
    rows = session.execute(
        text(select_sql(entity, "AND r.id = ANY(:ids)")), {"e": entity, "ids": list(ids)}
    )
    return [as_record(r) for r in rows]


def pending_ids(session: Session, entity: str) -> list[int]:
    rows = session.execute(
        text(
            "SELECT id FROM source_record WHERE entity = :e AND pending_match AND NOT is_deleted "
            "ORDER BY id"
        ),
        {"e": entity},
    )
    return [r[0] for r in rows]


def count_active(session: Session, entity: str) -> int:
    return int(
        session.execute(
            text("SELECT count(*) FROM source_record WHERE entity = :e AND NOT is_deleted"),
            {"e": entity},
        ).scalar_one()
    )


def refresh_statistics(session: Session) -> None:
    """After a bulk load the planner must know the tables are no longer empty."""
    session.execute(
        text("ANALYZE source_record, source_record_version, xref, golden_record, blocking_key")
    )


def mark_resolved(session: Session, entity: str) -> None:
    session.execute(
        text("UPDATE source_record SET pending_match = false WHERE entity = :e AND pending_match"),
        {"e": entity},
    )
