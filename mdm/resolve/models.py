"""The trained matching model of each entity, kept so later runs score the same way."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching.model import ModelParameters
from mdm.db.bulk import as_json

_CACHE: dict[tuple[str, str], tuple[datetime, ModelParameters]] = {}


def load(session: Session, entity: str) -> ModelParameters | None:
    """The entity's stored model; parsed once per process and trained version, since a model
    is hundreds of kilobytes of JSON and "does this exist?" must answer in milliseconds."""
    trained_at = session.execute(
        text("SELECT trained_at FROM match_model WHERE entity = :e"), {"e": entity}
    ).scalar()
    if trained_at is None:
        return None
    key = (str(session.connection().engine.url), entity)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == trained_at:
        return cached[1]
    data = session.execute(
        text("SELECT parameters FROM match_model WHERE entity = :e"), {"e": entity}
    ).scalar_one()
    model = ModelParameters.from_dict(data)
    _CACHE[key] = (trained_at, model)
    return model


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
