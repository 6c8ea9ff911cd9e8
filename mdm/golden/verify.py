"""Check that every golden record equals what its rules compute from its members and pins."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from mdm.golden.lifecycle import recompute
from mdm.repositories import golden as golden_repo


def mismatches(session: Session, entity: str) -> list[uuid.UUID]:
    """Active golden records whose stored attributes or lineage differ from a recomputation."""
    ids = golden_repo.active_ids(session, entity)
    return [r.golden_id for r in recompute(session, ids) if not r.unchanged]
