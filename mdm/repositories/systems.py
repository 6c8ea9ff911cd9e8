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


def names_by_id(session: Session) -> dict[int, str]:
    return dict(session.execute(select(SourceSystem.id, SourceSystem.name)).all())


ACQUIRED_TRUST = 0.7  # an acquired firm's systems start less trusted than the acquirer's


def register(
    session: Session, name: str, *, kind: str | None, acquired: bool, trust: float | None
) -> SourceSystem:
    """Register a system (or update one): its kind, whether it came with an acquisition, and
    how far survivorship trusts it (``trust["*"]``; per-attribute entries may refine it)."""
    system = get_or_register(session, name)
    system.kind = kind or system.kind
    level = trust if trust is not None else (ACQUIRED_TRUST if acquired else 1.0)
    system.trust = {**system.trust, "*": level}
    system.settings = {**system.settings, "acquired": acquired}
    session.flush()
    return system


def all_systems(session: Session) -> list[SourceSystem]:
    return list(session.execute(select(SourceSystem).order_by(SourceSystem.name)).scalars())
