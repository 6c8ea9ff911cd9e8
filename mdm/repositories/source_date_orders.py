"""The order each source system's extracts decided for a date field's slash dates, per entity
and field (``mdm.domain.date_orders``): the latest extract that decided one replaces it."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching import DayMonth
from mdm.domain.date_orders import RememberedOrder


def remembered(session: Session, system: str, entity: str) -> dict[str, RememberedOrder]:
    """field -> the order the extracts of ``system`` (by name) last decided for it, with the
    start of the run that decided it; empty for a system never loaded."""
    rows = session.execute(
        text(
            "SELECT o.field, o.day_month, r.started_at FROM source_date_order o "
            "JOIN source_system s ON s.id = o.system_id "
            "JOIN ingest_run r ON r.id = o.ingest_run_id "
            "WHERE s.name = :system AND o.entity = :entity"
        ),
        {"system": system, "entity": entity},
    ).all()
    return {field: RememberedOrder(DayMonth(order), at) for field, order, at in rows}


def remember(
    session: Session, system_id: int, entity: str, run_id: int,
    decisions: Sequence[tuple[str, DayMonth]],
) -> None:  # fmt: skip
    """Keep the orders run ``run_id`` decided (field, order), replacing earlier ones."""
    if not decisions:
        return
    session.execute(
        text(
            "INSERT INTO source_date_order (system_id, entity, field, day_month, ingest_run_id) "
            "VALUES (:s, :e, :f, :o, :r) ON CONFLICT (system_id, entity, field) DO UPDATE "
            "SET day_month = EXCLUDED.day_month, ingest_run_id = EXCLUDED.ingest_run_id"
        ),
        [{"s": system_id, "e": entity, "f": f, "o": str(o), "r": run_id} for f, o in decisions],
    )
