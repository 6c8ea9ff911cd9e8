"""Check that every golden record equals what its rules compute from its members and pins."""

from __future__ import annotations

import uuid

from mdm.golden.lifecycle import recompute
from mdm.unit_of_work import UnitOfWork


def mismatches(uow: UnitOfWork, entity: str) -> list[uuid.UUID]:
    """Active golden records whose stored attributes or lineage differ from a recomputation."""
    ids = uow.golden.active_ids(entity)
    return [r.golden_id for r in recompute(uow, ids) if not r.unchanged]
