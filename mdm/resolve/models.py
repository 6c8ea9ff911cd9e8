"""The trained matching model of each entity, kept so later runs score the same way."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching.comparison import Comparison
from matching.model import ModelParameters
from mdm.db.bulk import as_json

_CACHE: dict[tuple[str, str], tuple[datetime, ModelParameters]] = {}


def load(
    session: Session, entity: str, comparisons: Sequence[Comparison]
) -> ModelParameters | None:
    """The entity's stored model; parsed once per process and trained version, since a model
    is hundreds of kilobytes of JSON and "does this exist?" must answer in milliseconds.
    None when there is none, or when it was trained for other comparisons (the settings
    changed since): the next resolution then trains afresh in bulk."""
    trained_at = session.execute(
        text("SELECT trained_at FROM match_model WHERE entity = :e"), {"e": entity}
    ).scalar()
    if trained_at is None:
        return None
    key = (str(session.connection().engine.url), entity)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == trained_at:
        return cached[1] if cached[1].fits(comparisons) else None
    data = session.execute(
        text("SELECT parameters FROM match_model WHERE entity = :e"), {"e": entity}
    ).scalar_one()
    model = ModelParameters.from_dict(data)
    _CACHE[key] = (trained_at, model)
    return model if model.fits(comparisons) else None


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
