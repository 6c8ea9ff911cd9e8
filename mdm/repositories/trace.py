"""A golden record's trace: where each member came from (extract file and line, ingest run),
the match decisions about its members, its versions, its events and its deliveries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

MEMBERS_SQL = text(
    """
    SELECT y.name, r.source_id, r.id, x.valid_from, x.valid_to, v.version_no, v.received_at,
           v.ingest_run_id, i.file_name, v.line_no, v.is_tombstone,
           COALESCE(i.constants, '{}'::jsonb)
    FROM xref x
    JOIN source_record r ON r.id = x.source_record_id
    JOIN source_system y ON y.id = r.system_id
    JOIN source_record_version v ON v.source_record_id = r.id
    LEFT JOIN ingest_run i ON i.id = v.ingest_run_id
    WHERE x.golden_id = :golden
    ORDER BY y.name, r.source_id, x.valid_from, v.version_no
    """
)

LINKS_SQL = text(
    """
    SELECT ly.name, l.source_id, ry.name, r.source_id, k.probability, k.decision,
           k.decided_by, k.updated_at
    FROM match_link k
    JOIN source_record l ON l.id = k.left_record_id
    JOIN source_system ly ON ly.id = l.system_id
    JOIN source_record r ON r.id = k.right_record_id
    JOIN source_system ry ON ry.id = r.system_id
    WHERE k.left_record_id = ANY(:ids) OR k.right_record_id = ANY(:ids)
    ORDER BY k.probability DESC, k.id
    """
)

VERSIONS_SQL = text(
    """
    SELECT version, status, valid_from, changed_by, reason, merged_into
    FROM golden_version WHERE golden_id = :golden ORDER BY version
    """
)

EVENTS_SQL = text(
    """
    SELECT id, type, sequence, created_at, feed_position
    FROM outbox_event WHERE subject = :subject ORDER BY sequence, position
    """
)

DELIVERIES_SQL = text(
    """
    SELECT y.name, d.status, d.wanted_version, d.delivered_version, d.attempts, d.target_id,
           d.last_error, d.delivered_at, d.dead_at
    FROM delivery d JOIN subscription s ON s.id = d.subscription_id
    JOIN source_system y ON y.id = s.system_id
    WHERE d.golden_id = :golden ORDER BY y.name
    """
)


def members(session: Session, golden_id: uuid.UUID) -> list[Sequence[Any]]:
    """One row per (member record, version): system, source id, record id, xref validity,
    version, received at, ingest run, file, line, tombstone, the run's mapping constants."""
    return [tuple(r) for r in session.execute(MEMBERS_SQL, {"golden": golden_id})]


def links(session: Session, record_ids: Sequence[int]) -> list[Sequence[Any]]:
    return [tuple(r) for r in session.execute(LINKS_SQL, {"ids": list(record_ids)})]


def versions(session: Session, golden_id: uuid.UUID) -> list[Sequence[Any]]:
    return [tuple(r) for r in session.execute(VERSIONS_SQL, {"golden": golden_id})]


def events(session: Session, golden_id: uuid.UUID) -> list[Sequence[Any]]:
    return [tuple(r) for r in session.execute(EVENTS_SQL, {"subject": str(golden_id)})]


def deliveries(session: Session, golden_id: uuid.UUID) -> list[Sequence[Any]]:
    return [tuple(r) for r in session.execute(DELIVERIES_SQL, {"golden": golden_id})]
