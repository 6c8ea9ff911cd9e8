"""“Does this record already exist?”: candidates from the indexed blocking keys, scored with
the entity's trained model, ranked by golden record. Reads only; writes nothing.

One round trip reads the candidates, their golden records and the model's state; the model is
parsed once per trained version, so a call standardises the probe and its candidates and
scores them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from matching import Matcher, Prepared
from mdm.domain.canonical import canonicalise
from mdm.domain.entities import ENTITY_NAMES, schema_for
from mdm.domain.errors import DomainError
from mdm.domain.issues import FieldIssue
from mdm.repositories.candidates import ProbeKeys
from mdm.resolve.matcher_settings import matcher_settings
from mdm.unit_of_work import UnitOfWork

PROBE_ID = "0"
# Candidate records read and scored per lookup, at least (twice the answers asked for, when
# more): those sharing the most and rarest blocking keys with the probe (the weight is in
# mdm.repositories.candidates). The bench's scale section gives the records read per probe
# and the share of near-duplicate probes answered with their own golden record first.
CANDIDATE_BUDGET = 20


class InvalidRecordError(DomainError):
    def __init__(self, issues: tuple[FieldIssue, ...]) -> None:
        super().__init__("; ".join(f"{i.field}: {i.reason}" for i in issues))
        self.issues = issues


class NoModelError(DomainError):
    """The entity has not been matched yet, so there is no trained model to score with (or the
    one stored was trained for other comparisons)."""


def no_model(entity: str, *, stored: bool) -> NoModelError:
    """Why there is no model to score ``entity`` with: nothing matched yet, or (``stored``) a
    model trained for other comparisons than this hub's: the hub was upgraded, or its matching
    settings changed, since the last `mdm match`."""
    if stored:
        return NoModelError(
            f"the stored {entity} model was trained for other comparisons than this hub's (the "
            f"hub was upgraded or its matching settings changed): run `mdm match --entity "
            f"{entity}` to train it again"
        )
    return NoModelError(
        f"no {entity} records have been matched yet: run `mdm match --entity {entity}`"
    )


@dataclass(frozen=True)
class Candidate:
    golden_id: str
    probability: float
    decision: str
    matched_record: str
    explanation: dict[str, Any]


def find_matches(
    uow: UnitOfWork, entity: str, values: Mapping[str, str], *, limit: int = 10
) -> list[Candidate]:
    row = canonicalise(entity, {"source_id": "probe", **values})
    fatal = tuple(i for i in row.errors if i.field != "source_id")
    if fatal:
        raise InvalidRecordError(fatal)
    settings = matcher_settings(uow, entity)
    unscored = Matcher(settings)  # prepares the probe once, for its keys and its scoring
    # from no system: weighs 0 where a model weighs one source or two (matching.source_pairs)
    prepared = unscored.prepare([{**row.values, "id": PROBE_ID}])
    budget = max(CANDIDATE_BUDGET, 2 * limit)
    found = uow.sources.candidates_of(
        entity, probe_keys(unscored, prepared), settings.max_block_size, budget
    )
    stored = None
    if found.model is not None:
        stored = uow.models.load_as(entity, settings.comparisons, found.model)
    if stored is None:
        raise no_model(entity, stored=found.model is not None)
    matcher = Matcher(settings, stored.scoring())
    rows = [c.record for c in found.candidates]
    scored = matcher.score_prepared_against(prepared, rows, above=matcher.thresholds.lower)
    goldens = {int(str(c.record["id"])): c.golden_id for c in found.candidates}
    return _best_per_golden(matcher, scored, goldens, limit)


def probe_keys(matcher: Matcher, prepared: Prepared) -> ProbeKeys:
    """The keys of the probe ``prepared`` holds, with what the index needs to read the
    candidates a bulk run would pair it with."""
    keys = [key for _, key in matcher.indexed_keys(prepared)]
    return ProbeKeys(keys, *matcher.key_terms(keys))


def _best_per_golden(
    matcher: Matcher, scored: Any, goldens: Mapping[int, Any], limit: int
) -> list[Candidate]:
    best: dict[str, Candidate] = {}
    thresholds = matcher.thresholds
    for record_id, probability, explanation in scored:
        golden = str(goldens.get(int(record_id)))
        if golden in best or probability <= thresholds.lower:
            continue
        decision = thresholds.decide(probability, explanation.decidable)
        best[golden] = Candidate(golden, probability, decision, record_id, explanation.to_dict())
    return sorted(best.values(), key=lambda c: (-c.probability, c.golden_id))[:limit]


def warm_up(uow: UnitOfWork) -> list[str]:
    """Pay now what the first lookups would: for each entity with a stored model, one lookup
    of the entity's example record (its fields' examples), which parses the model into the
    runtime's cache (hundreds of kilobytes of JSON) and loads the tables the standardisers
    read (countries, phone numbering plans, legal forms) into this process. The entities
    warmed; one without a model (or whose example is refused) is left for its first call."""
    warmed = []
    for entity in ENTITY_NAMES:
        example = {f.name: f.example for f in schema_for(entity).field_specs[1:]}
        try:
            find_matches(uow, entity, example, limit=1)
        except DomainError:
            continue
        warmed.append(entity)
    return warmed
