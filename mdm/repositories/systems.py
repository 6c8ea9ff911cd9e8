"""Source systems: looked up by name, registered on first use."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from mdm.db.models import SourceSystem

KINDS = ("crm", "erp", "hr", "psa")


def guess_kind(name: str) -> str:
    lowered = name.lower()
    return next((k for k in KINDS if lowered.endswith(k) or f"_{k}" in lowered), "other")


def get_or_register(session: Session, name: str) -> SourceSystem:
    statement = (
        insert(SourceSystem)
        .values(name=name, kind=guess_kind(name), settings={}, trust={}, status="active")
        .on_conflict_do_nothing(index_elements=["name"])
    )
    session.execute(statement)
    return session.execute(select(SourceSystem).where(SourceSystem.name == name)).scalar_one()


def find(session: Session, name: str) -> SourceSystem | None:
    return session.execute(
        select(SourceSystem).where(SourceSystem.name == name)
    ).scalar_one_or_none()


def names_by_id(session: Session) -> dict[int, str]:
    return dict(session.execute(select(SourceSystem.id, SourceSystem.name)).all())
