"""Check that every golden record equals what its rules compute from its members and pins."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden.lifecycle import recompute


def mismatches(session: Session, entity: str) -> list[uuid.UUID]:
    """Active golden records whose stored attributes or lineage differ from a recomputation."""
    ids = session.execute(
        text("SELECT id FROM golden_record WHERE entity = :e AND status = 'active' ORDER BY id"),
        {"e": entity},
    ).scalars()
    return [r.golden_id for r in recompute(session, list(ids)) if not r.unchanged]
