"""Quarantine: rejected rows kept with line, field and reason until a person fixes them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import as_json, as_sorted_json, copy_rows
from mdm.domain.issues import FieldIssue


@dataclass(frozen=True)
class RejectedRow:
    line_no: int
    source_id: str | None
    raw: dict[str, str]
    errors: tuple[FieldIssue, ...]

    def reason(self) -> str:
        return "; ".join(f"{e.field}: {e.reason}" for e in self.errors)


def keep(
    session: Session, run_id: int, system_id: int, entity: str, file: str,
    rows: Sequence[RejectedRow], now: datetime,
) -> None:  # fmt: skip
    """Keep rejected rows; a row already waiting in quarantine unchanged is not kept twice."""
    waiting = _open_rows(session, system_id, entity)
    rows = [r for r in rows if as_sorted_json(r.raw) not in waiting]
    copy_rows(
        session,
        "quarantine_row",
        ("ingest_run_id", "system_id", "entity", "file_name", "line_no", "source_id", "raw",
         "errors", "status", "created_at"),
        ((run_id, system_id, entity, file, r.line_no, r.source_id, as_json(r.raw),
          as_json([e.to_dict() for e in r.errors]), "open", now) for r in rows),
    )  # fmt: skip


def _open_rows(session: Session, system_id: int, entity: str) -> set[str]:
    result = session.execute(
        text(
            "SELECT raw FROM quarantine_row WHERE status = 'open' AND system_id = :s AND entity = :e"
        ),
        {"s": system_id, "e": entity},
    )
    return {as_sorted_json(raw) for (raw,) in result}


def resolve_loaded(
    session: Session, system_id: int, entity: str, source_ids: Collection[str], now: datetime
) -> int:
    """Rows that have now loaded under the same key are fixed: close their quarantine entries.

    The open entries of the system are read first (usually few or none), so a large load does
    not send every key it loaded to the database to find them."""
    if not source_ids:
        return 0
    open_entries = session.execute(
        text(
            "SELECT id, source_id FROM quarantine_row "
            "WHERE status = 'open' AND system_id = :s AND entity = :e AND source_id IS NOT NULL"
        ),
        {"s": system_id, "e": entity},
    ).all()
    loaded = source_ids if isinstance(source_ids, set | frozenset) else set(source_ids)
    fixed = [entry_id for entry_id, source_id in open_entries if source_id in loaded]
    if not fixed:
        return 0
    session.execute(
        text("UPDATE quarantine_row SET status = 'fixed', resolved_at = :now WHERE id = ANY(:ids)"),
        {"now": now, "ids": fixed},
    )
    return len(fixed)


@dataclass(frozen=True)
class QuarantineEntry:
    id: int
    system: str
    entity: str
    file: str
    line_no: int
    source_id: str | None
    errors: list[dict[str, str]]
    raw: dict[str, Any]
    status: str
    created_at: datetime
    header: list[str]


def list_entries(
    session: Session, *, system: str | None = None, entity: str | None = None,
    status: str | None = "open", limit: int = 1000,
) -> list[QuarantineEntry]:  # fmt: skip
    rows = session.execute(
        text(
            "SELECT q.id, s.name, q.entity, q.file_name, q.line_no, q.source_id, q.errors, "
            "q.raw, q.status, q.created_at, r.header "
            "FROM quarantine_row q JOIN source_system s ON s.id = q.system_id "
            "JOIN ingest_run r ON r.id = q.ingest_run_id "
            "WHERE (CAST(:sys AS text) IS NULL OR s.name = :sys) "
            "AND (CAST(:ent AS text) IS NULL OR q.entity = :ent) "
            "AND (CAST(:st AS text) IS NULL OR q.status = :st) ORDER BY q.id LIMIT :lim"
        ),
        {"sys": system, "ent": entity, "st": status, "lim": limit},
    )
    return [QuarantineEntry(*r) for r in rows]


def discard(session: Session, entry_id: int, now: datetime) -> bool:
    result = session.execute(
        text(
            "UPDATE quarantine_row SET status = 'discarded', resolved_at = :now "
            "WHERE id = :id AND status = 'open'"
        ),
        {"now": now, "id": entry_id},
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
