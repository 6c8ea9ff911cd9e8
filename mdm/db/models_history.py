"""Tables of history: golden versions, the audit log and the transactional outbox."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from mdm.db.base import Base, utcnow
from mdm.db.models import ENTITY


class GoldenVersion(Base):
    """Every version a golden record has had, with the source records it held then."""

    __tablename__ = "golden_version"

    golden_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity: Mapped[str] = mapped_column(ENTITY)
    attributes: Mapped[dict[str, Any]]
    lineage: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16))
    merged_into: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    members: Mapped[list[Any]]
    valid_from: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(48))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]


class OutboxEvent(Base):
    """CloudEvents written in the same transaction as the change they announce.

    ``feed_position`` is the pull feed's order: the relay numbers events once their
    transaction has committed (see :mod:`mdm.events.relay`); NULL until then. ``txid``
    orders the events one relay pass finds.
    """

    __tablename__ = "outbox_event"
    __table_args__ = (
        Index("ix_outbox_feed", "txid", "position"),
        Index("ix_outbox_subject", "subject", "sequence"),
        Index("ux_outbox_feed_position", "feed_position", unique=True),
        Index(
            "ix_outbox_unplaced", "txid", "position",
            postgresql_where=text("feed_position IS NULL"),
        ),
    )  # fmt: skip

    position: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), unique=True)
    txid: Mapped[int] = mapped_column(
        BigInteger, server_default=text("pg_current_xact_id()::text::bigint")
    )
    type: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(ENTITY)
    sequence: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]
    feed_position: Mapped[int | None] = mapped_column(BigInteger)


class GoldenPin(Base):
    """A steward's pinned value: it wins survivorship until it is unpinned."""

    __tablename__ = "golden_pin"

    golden_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    attribute: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]]
    pinned_by: Mapped[str] = mapped_column(Text)
    pinned_at: Mapped[datetime] = mapped_column(default=utcnow)
