"""Tables of matching: blocking keys, trained models, scored links, constraints, review tasks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from mdm.db.base import Base, utcnow
from mdm.db.models import ENTITY


class BlockingKey(Base):
    """One row per (record, key): incremental matching finds candidates through this index."""

    __tablename__ = "blocking_key"

    entity: Mapped[str] = mapped_column(ENTITY, primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    # no foreign key: the index is derived data rebuilt by resolution (migration 0008)
    source_record_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class MatchModel(Base):
    __tablename__ = "match_model"

    entity: Mapped[str] = mapped_column(ENTITY, primary_key=True)
    parameters: Mapped[dict[str, Any]]
    trained_on: Mapped[int] = mapped_column(Integer)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)
    population: Mapped[int | None] = mapped_column(Integer)


class MatchLink(Base):
    __tablename__ = "match_link"
    __table_args__ = (
        Index("uq_match_link_pair", "left_record_id", "right_record_id", unique=True),
        Index("ix_match_link_right", "right_record_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(ENTITY)
    left_record_id: Mapped[int] = mapped_column(ForeignKey("source_record.id"))
    right_record_id: Mapped[int] = mapped_column(ForeignKey("source_record.id"))
    probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    explanation: Mapped[dict[str, Any]]
    decision: Mapped[str] = mapped_column(String(24))
    decided_by: Mapped[str] = mapped_column(Text, default="model")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class MatchConstraint(Base):
    """A steward's must-link or cannot-link: every later re-match respects it."""

    __tablename__ = "match_constraint"
    __table_args__ = (
        Index(
            "uq_match_constraint_active",
            "left_record_id",
            "right_record_id",
            unique=True,
            postgresql_where=text("active"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(ENTITY)
    left_record_id: Mapped[int] = mapped_column(ForeignKey("source_record.id"))
    right_record_id: Mapped[int] = mapped_column(ForeignKey("source_record.id"))
    kind: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    active: Mapped[bool] = mapped_column(default=True)


class ReviewTask(Base):
    __tablename__ = "review_task"
    __table_args__ = (
        Index("ix_review_task_queue", "entity", "status", "priority"),
        Index(
            "uq_review_task_open_link",
            "link_id",
            unique=True,
            postgresql_where=text("status IN ('open', 'deferred')"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(ENTITY)
    link_id: Mapped[int] = mapped_column(ForeignKey("match_link.id"))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")
    assignee: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    due_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(Text)
