"""Check that every golden record equals what its rules compute from its members and pins."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import same_json
from mdm.domain.survivorship import survive
from mdm.repositories import golden as golden_repo
from mdm.survivorship.rules import default_rules


def mismatches(session: Session, entity: str) -> list[uuid.UUID]:
    """Active golden records whose stored attributes or lineage differ from a recomputation."""
    ids = list(
        session.execute(
            text(
                "SELECT id FROM golden_record WHERE entity = :e AND status = 'active' ORDER BY id"
            ),
            {"e": entity},
        ).scalars()
    )
    states = golden_repo.states_of(session, ids)
    pins = golden_repo.pins_of(session, ids)
    rules = default_rules().for_entity(entity)
    wrong = []
    for golden_id, members in golden_repo.members_of(session, ids).items():
        attributes, lineage = survive(members, rules, pins.get(golden_id))
        _, stored, stored_lineage = states[golden_id]
        if not (same_json(stored, attributes) and same_json(stored_lineage, lineage)):
            wrong.append(golden_id)
    return wrong
