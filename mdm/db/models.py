"""The hub's tables (DESIGN §3). The schema itself is created only by Alembic revisions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from mdm.db.base import Base, utcnow

ENTITY = String(16)


class SourceSystem(Base):
    __tablename__ = "source_system"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    trust: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    status: Mapped[str] = mapped_column(String(16), default="active", server_default="active")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IngestRun(Base):
    __tablename__ = "ingest_run"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("source_system.id"))
    entity: Mapped[str] = mapped_column(ENTITY)
    file_name: Mapped[str] = mapped_column(Text)
    full_extract: Mapped[bool] = mapped_column(Boolean, default=False)
    header: Mapped[list[Any]] = mapped_column(default=list)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SourceRecord(Base):
    """Loaded by COPY: its reference to the source system is checked once per statement by a
    trigger (migration 0010), not per row by a foreign key."""

    __tablename__ = "source_record"
    __table_args__ = (UniqueConstraint("system_id", "entity", "source_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    system_id: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(ENTITY)
    source_id: Mapped[str] = mapped_column(Text)
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    pending_match: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SourceRecordVersion(Base):
    """Loaded by COPY: its references to the record and the ingest run are checked once per
    statement by a trigger (migration 0010); the raw row is json, kept as received."""

    __tablename__ = "source_record_version"
    __table_args__ = (UniqueConstraint("source_record_id", "version_no"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    source_record_id: Mapped[int] = mapped_column(BigInteger)
    version_no: Mapped[int] = mapped_column(Integer)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON)
    canonical: Mapped[dict[str, Any]]
    invalid: Mapped[dict[str, Any]] = mapped_column(default=dict)
    content_hash: Mapped[str] = mapped_column(String(64))
    is_tombstone: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    ingest_run_id: Mapped[int | None] = mapped_column(BigInteger)
    line_no: Mapped[int | None] = mapped_column(Integer)  # in the run's extract


class QuarantineRow(Base):
    __tablename__ = "quarantine_row"
    __table_args__ = (Index("ix_quarantine_open", "system_id", "entity", "status"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    ingest_run_id: Mapped[int] = mapped_column(ForeignKey("ingest_run.id"))
    system_id: Mapped[int] = mapped_column(ForeignKey("source_system.id"))
    entity: Mapped[str] = mapped_column(ENTITY)
    file_name: Mapped[str] = mapped_column(Text)
    line_no: Mapped[int] = mapped_column(Integer)
    source_id: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[dict[str, Any]]
    errors: Mapped[list[Any]]
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]


class GoldenRecord(Base):
    __tablename__ = "golden_record"
    __table_args__ = (Index("ix_golden_entity_status", "entity", "status"),)

    id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")
    )
    entity: Mapped[str] = mapped_column(ENTITY)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    lineage: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="active")
    merged_into: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Xref(Base):
    __tablename__ = "xref"
    __table_args__ = (
        Index(
            "uq_xref_current",
            "source_record_id",
            unique=True,
            postgresql_where=text("valid_to IS NULL"),
        ),
        Index("ix_xref_golden", "golden_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    source_record_id: Mapped[int] = mapped_column(ForeignKey("source_record.id"))
    golden_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("golden_record.id"))
    valid_from: Mapped[datetime] = mapped_column(default=utcnow)
    valid_to: Mapped[datetime | None]
