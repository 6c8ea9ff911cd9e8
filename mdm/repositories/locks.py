"""Serialise changes to golden membership per entity, for the length of a transaction.

Resolution and stewards' merges and splits read membership, decide, and write; taking this
lock first means every decision is made on committed, current membership, and two workers
never resolve the same cluster at once. Row locks on the golden records (taken in id order)
and the unique index on current cross-references back it up.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def entity_key(entity: str) -> str:
    """The key of ``entity``'s lock (PostgreSQL hashes it with ``hashtext``)."""
    return f"mdm:resolve:{entity}"


def lock_entity(session: Session, entity: str) -> None:
    session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": entity_key(entity)})
