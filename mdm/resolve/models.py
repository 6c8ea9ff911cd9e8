"""The trained matching model of each entity, kept so later runs score the same way."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching.model import ModelParameters
from mdm.db.bulk import as_json


def load(session: Session, entity: str) -> ModelParameters | None:
    data = session.execute(
        text("SELECT parameters FROM match_model WHERE entity = :e"), {"e": entity}
    ).scalar()
    return None if data is None else ModelParameters.from_dict(data)


def save(
    session: Session, entity: str, model: ModelParameters, trained_on: int, now: datetime
) -> None:
    session.execute(
        text(
            "INSERT INTO match_model (entity, parameters, trained_on, trained_at) "
            "VALUES (:e, CAST(:p AS jsonb), :n, :now) ON CONFLICT (entity) DO UPDATE "
            "SET parameters = EXCLUDED.parameters, trained_on = EXCLUDED.trained_on, "
            "trained_at = EXCLUDED.trained_at"
        ),
        {"e": entity, "p": as_json(model.to_dict()), "n": trained_on, "now": now},
    )
