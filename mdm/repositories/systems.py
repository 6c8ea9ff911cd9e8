"""Source systems: registered on purpose (`mdm source register`), or recorded at the lowest
trust when an extract names a system nobody registered."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from mdm.db.models import SourceSystem
from mdm.domain.source_systems import ACQUIRED_TRUST, KINDS, OTHER_KIND, UNREGISTERED_TRUST

LOAD_LOCKS = 16_001  # the advisory-lock key space of loads per source system


def guess_kind(name: str) -> str:
    lowered = name.lower()
    return next((k for k in KINDS if lowered.endswith(k) or f"_{k}" in lowered), OTHER_KIND)


REGISTER_HINT = (
    "mdm source register {name} --kind "
    + "|".join((*KINDS, OTHER_KIND))
    + " [--acquired] [--trust T]"
)


def is_registered(system: SourceSystem) -> bool:
    """Registered on purpose; systems recorded before registration existed count as registered."""
    return bool(system.settings.get("registered", True))


def get_or_register(session: Session, name: str) -> SourceSystem:
    """The system called ``name``; one not seen before is recorded as unregistered, with the
    kind its name suggests and the lowest trust, until someone registers it (looked up
    first: a real-time write names a known system, and an insert attempt costs a round trip)."""
    known = find(session, name)
    if known is not None:
        return known
    statement = (
        insert(SourceSystem)
        .values(
            name=name,
            kind=guess_kind(name),
            settings={"registered": False},
            trust={"*": UNREGISTERED_TRUST},
            status="active",
        )
        .on_conflict_do_nothing(index_elements=["name"])
    )
    session.execute(statement)
    return session.execute(select(SourceSystem).where(SourceSystem.name == name)).scalar_one()


def find(session: Session, name: str) -> SourceSystem | None:
    return session.execute(
        select(SourceSystem).where(SourceSystem.name == name)
    ).scalar_one_or_none()


def lock_loads(session: Session, name: str) -> bool:
    """Take the lock that serialises loads of one source system, until the transaction ends;
    False when another load holds it (then call :func:`wait_for_loads`)."""
    statement = text("SELECT pg_try_advisory_xact_lock(:space, hashtext(:name))")
    return bool(session.execute(statement, {"space": LOAD_LOCKS, "name": name}).scalar_one())


def wait_for_loads(session: Session, name: str) -> None:
    """Wait for the load of ``name`` that holds the lock, then hold it (transaction-scoped)."""
    statement = text("SELECT pg_advisory_xact_lock(:space, hashtext(:name))")
    session.execute(statement, {"space": LOAD_LOCKS, "name": name})


def names_by_id(session: Session) -> dict[int, str]:
    return dict(session.execute(select(SourceSystem.id, SourceSystem.name)).all())


def register(
    session: Session, name: str, *, kind: str | None, acquired: bool, trust: float | None
) -> SourceSystem:
    """Register a system (or update one): its kind, whether it came with an acquisition, and
    how far survivorship trusts it (``trust["*"]``; per-attribute entries may refine it)."""
    system = get_or_register(session, name)
    system.kind = kind or system.kind
    level = trust if trust is not None else (ACQUIRED_TRUST if acquired else 1.0)
    system.trust = {**system.trust, "*": level}
    system.settings = {**system.settings, "acquired": acquired, "registered": True}
    session.flush()
    return system


def all_systems(session: Session) -> list[SourceSystem]:
    return list(session.execute(select(SourceSystem).order_by(SourceSystem.name)).scalars())
