"""The trained matching model of each entity, kept so later runs score the same way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching import Comparison, ModelParameters
from mdm.db.bulk import as_json

RETRAIN_GROWTH = 2.0  # a bulk resolution retrains once the records have grown this much


@dataclass(frozen=True)
class StoredModel:
    """A model as trained, with the number of records it was trained on and the number of
    active records at the last resolution (the population pairs are drawn from)."""

    parameters: ModelParameters
    trained_on: int
    population: int | None

    def scoring(self, population: int | None = None) -> ModelParameters:
        """The parameters for scoring among ``population`` records (default: the last known)."""
        records = population or self.population or self.trained_on
        return self.parameters.for_population(self.trained_on, records)

    def outgrown(self, population: int) -> bool:
        """True when the records have grown so much that a bulk resolution should retrain."""
        return population >= RETRAIN_GROWTH * max(self.trained_on, 1)


class ModelCache:
    """Models as parsed, per entity and trained version: a runtime keeps one for its database,
    since a model is hundreds of kilobytes of JSON and "does this exist?" must answer in
    milliseconds."""

    def __init__(self) -> None:
        self._parsed: dict[str, tuple[datetime, ModelParameters]] = {}

    def get(self, entity: str, trained_at: datetime) -> ModelParameters | None:
        found = self._parsed.get(entity)
        return found[1] if found is not None and found[0] == trained_at else None

    def put(self, entity: str, trained_at: datetime, model: ModelParameters) -> None:
        self._parsed[entity] = (trained_at, model)


@dataclass(frozen=True)
class ModelState:
    """What says which trained model is stored, read without its parameters."""

    trained_at: datetime
    trained_on: int
    population: int | None


STATE_COLUMNS = "trained_at, trained_on, population"


def load(
    session: Session, cache: ModelCache, entity: str, comparisons: Sequence[Comparison]
) -> StoredModel | None:
    """The entity's stored model, parsed once per trained version (kept in ``cache``).
    None when there is none, or when it was trained for other comparisons (the settings
    changed since): the next resolution then trains afresh in bulk."""
    row = session.execute(
        text(f"SELECT {STATE_COLUMNS} FROM match_model WHERE entity = :e"), {"e": entity}
    ).one_or_none()
    return None if row is None else load_as(session, cache, entity, comparisons, ModelState(*row))


def load_as(
    session: Session, cache: ModelCache, entity: str, comparisons: Sequence[Comparison],
    state: ModelState,
) -> StoredModel | None:  # fmt: skip
    """``load`` when the model's state was read already (with other rows, in one round trip):
    the parameters are read only when ``cache`` does not hold that trained version yet."""
    model = cache.get(entity, state.trained_at)
    if model is None:
        data, trained_at = session.execute(
            text("SELECT parameters, trained_at FROM match_model WHERE entity = :e"),
            {"e": entity},
        ).one()  # kept as the version read (outside a transaction, a newer one can be stored)
        model = ModelParameters.from_dict(data)
        cache.put(entity, trained_at, model)
    if not model.fits(comparisons):
        return None
    return StoredModel(model, state.trained_on, state.population)


def save(
    session: Session, entity: str, model: ModelParameters, trained_on: int, now: datetime
) -> int:
    """Store the entity's model as its next version (``trained_at`` = ``now``, so every
    process parses it afresh); the version."""
    return int(
        session.execute(
            text(
                "INSERT INTO match_model (entity, parameters, trained_on, trained_at, population) "
                "VALUES (:e, CAST(:p AS jsonb), :n, :now, :n) ON CONFLICT (entity) DO UPDATE "
                "SET parameters = EXCLUDED.parameters, trained_on = EXCLUDED.trained_on, "
                "trained_at = EXCLUDED.trained_at, population = EXCLUDED.population, "
                "version = match_model.version + 1 RETURNING version"
            ),
            {"e": entity, "p": as_json(model.to_dict()), "n": trained_on, "now": now},
        ).scalar_one()
    )


def version(session: Session, entity: str) -> int | None:
    """The version of the entity's stored model (None: none stored)."""
    found = session.execute(
        text("SELECT version FROM match_model WHERE entity = :e"), {"e": entity}
    ).scalar_one_or_none()
    return None if found is None else int(found)


LEARNING_COLUMNS = (
    "entity, model_version, learned_at, learned_by, matches, non_matches, thresholds, changes"
)


def record_learning(session: Session, entry: Mapping[str, Any]) -> None:
    """Keep what a learning from stewards' decisions changed (``entry``: LEARNING_COLUMNS,
    ``thresholds`` and ``changes`` as JSON-ready values)."""
    session.execute(
        text(
            f"INSERT INTO match_learning ({LEARNING_COLUMNS}) VALUES (:entity, :model_version, "
            ":learned_at, :learned_by, :matches, :non_matches, CAST(:thresholds AS jsonb), "
            "CAST(:changes AS jsonb))"
        ),
        {**entry, "thresholds": as_json(entry["thresholds"]), "changes": as_json(entry["changes"])},
    )


def learnings(session: Session, entity: str, limit: int = 20) -> list[dict[str, Any]]:
    """The entity's learnings, latest first (keys: LEARNING_COLUMNS)."""
    rows = session.execute(
        text(
            f"SELECT {LEARNING_COLUMNS} FROM match_learning WHERE entity = :e "
            "ORDER BY learned_at DESC, id DESC LIMIT :n"
        ),
        {"e": entity, "n": limit},
    )
    return [dict(row._mapping) for row in rows]


def learning_of(session: Session, entity: str, model_version: int) -> dict[str, Any] | None:
    """The learning that made the entity's model ``model_version`` (keys: LEARNING_COLUMNS)."""
    row = session.execute(
        text(
            f"SELECT {LEARNING_COLUMNS} FROM match_learning WHERE entity = :e "
            "AND model_version = :v ORDER BY id DESC LIMIT 1"
        ),
        {"e": entity, "v": model_version},
    ).one_or_none()
    return None if row is None else dict(row._mapping)


def record_population(session: Session, entity: str, population: int) -> None:
    """Remember how many active records the entity has, for scoring between resolutions."""
    session.execute(
        text("UPDATE match_model SET population = :n WHERE entity = :e"),
        {"e": entity, "n": population},
    )
