"""The project's synthetic extracts (``mdm.synthetic``) as inputs for the benchmarks.

Each extract row becomes a record with id ``f"{system}:{source_id}"``, its source system and its
canonical fields, after the canonicalisation the hub applies on ingest before matching (country
to ISO 3166 alpha-2, phone to E.164, email normalised, website to its registrable domain). Every
system under test gets these same records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

ENTITIES = ("customer", "resource")
ERROR_RATE = 0.3
IN_SOURCE_DUPLICATE_RATE = 0.03


@dataclass(frozen=True)
class EntityData:
    """The union of all extracts of one entity, with the truth for every record."""

    entity: str
    records: tuple[dict[str, str | None], ...]  # keys: id, source, canonical fields
    truth: pd.Series  # record id -> truth id
    systems: tuple[str, ...]

    @property
    def frame(self) -> pd.DataFrame:
        return pd.DataFrame.from_records(list(self.records))


def generate_dataset(
    seed: int, customers: int, resources: int, error_rate: float = ERROR_RATE
) -> Any:
    from mdm.synthetic import GeneratorConfig, generate

    config = GeneratorConfig(
        seed=seed,
        customers=customers,
        resources=resources,
        rate_lines=0,
        error_rate=error_rate,
        in_source_duplicate_rate=IN_SOURCE_DUPLICATE_RATE,
    )
    return generate(config)


def _optional(name: str, attribute: str) -> Callable[..., Any] | None:
    try:
        module = __import__(name, fromlist=[attribute])
    except ImportError:
        return None
    return getattr(module, attribute, None)


def canonicaliser() -> Callable[[dict[str, str | None]], dict[str, str | None]]:
    to_iso2 = _optional("matching.standardise.country", "to_iso2")
    to_e164 = _optional("matching.standardise.phone", "to_e164")
    normalise_email = _optional("matching.standardise.email", "normalise_email")
    registrable_domain = _optional("matching.standardise.website", "registrable_domain")

    def apply(row: dict[str, str | None]) -> dict[str, str | None]:
        out = {
            key: (value.strip() or None) if isinstance(value, str) else None
            for key, value in row.items()
        }
        if to_iso2 and out.get("country"):
            out["country"] = to_iso2(out["country"]) or out["country"]
        if to_e164 and out.get("phone"):
            out["phone"] = to_e164(out["phone"], out.get("country")) or out["phone"]
        if normalise_email and out.get("email"):
            out["email"] = normalise_email(out["email"]) or out["email"]
        if registrable_domain and out.get("website"):
            out["website"] = registrable_domain(out["website"]) or out["website"]
        return out

    return apply


def entity_data(dataset: Any, entity: str) -> EntityData:
    """Union of the dataset's extracts of ``entity``, canonicalised, with truth ids."""
    canonicalise = canonicaliser()
    records: list[dict[str, str | None]] = []
    truth: dict[str, str] = {}
    systems: list[str] = []
    for extract in dataset.extracts:
        if extract.entity != entity:
            continue
        systems.append(extract.system)
        header = list(extract.header)
        for values in extract.rows:
            raw = values if isinstance(values, Mapping) else dict(zip(header, values, strict=False))
            row = canonicalise(dict(raw))
            source_id = row.get("source_id") or ""
            record_id = f"{extract.system}:{source_id}"
            records.append({**row, "id": record_id, "source": extract.system})
            truth_id = dataset.truth.get((extract.system, entity, source_id))
            if truth_id is not None:
                truth[record_id] = str(truth_id)
    return EntityData(
        entity=entity,
        records=tuple(records),
        truth=pd.Series(truth, dtype=object),
        systems=tuple(systems),
    )
