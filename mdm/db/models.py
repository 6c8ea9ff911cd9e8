"""The ORM classes the hub uses (source systems and ingest runs); every other table is read and
written by SQL in mdm/repositories/. The schema itself is created only by Alembic revisions,
and a test holds these classes equal to the migrated tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
)
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
    # field -> value the run's mapping gave every row (its file did not hold them)
    constants: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
