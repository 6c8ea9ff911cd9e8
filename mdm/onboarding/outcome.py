"""What loading an extract did (or, in a dry run, would do) to one source's records: how many
join an existing golden record, how many make new ones, how many wait for a steward, how many
were rejected — with examples, the golden values that change and, for rate cards, the lines
that disagree with another system's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mdm.ingest.service import IngestSummary
from mdm.repositories.onboarding import GoldenChange, LastRun, RateConflict, RecordOutcome
from mdm.unit_of_work import UnitOfWork

EXAMPLES = 5


@dataclass(frozen=True)
class LoadOutcome:
    system: str
    entity: str
    records: int  # rows in the extract
    existing: int  # would join a golden record that holds another record already
    new: int  # would make a golden record of their own (or with each other)
    review: int  # would wait for a steward (a review task), not joining an existing one
    rejected: int
    unchanged: int  # already loaded as they are: nothing to do
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    golden_changes: dict[str, Any] = field(default_factory=dict)
    rate_conflicts: list[dict[str, Any]] = field(default_factory=list)
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.system, "entity": self.entity, "records": self.records,
            "existing": self.existing, "new": self.new, "review": self.review,
            "rejected": self.rejected, "unchanged": self.unchanged,
            "examples": self.examples, "golden_changes": self.golden_changes,
            "rate_conflicts": {"count": len(self.rate_conflicts),
                               "examples": self.rate_conflicts[:20]},
            "notes": list(self.notes),
        }  # fmt: skip


def classify(outcome: RecordOutcome) -> str:
    """existing before review before new: a record that joins an existing golden record is
    "existing" even when another of its links also waits for a steward."""
    if outcome.joins_existing:
        return "existing"
    return "review" if outcome.review_probability is not None else "new"


def outcome_of(
    uow: UnitOfWork, summary: IngestSummary, before: datetime, system_id: int,
    notes: Sequence[str] = (),
) -> LoadOutcome:  # fmt: skip
    """The outcome of the ingest run ``summary`` once matching has run; ``before``: a moment
    before the run, to tell the golden values as they were."""
    run = LastRun(summary.run_id, system_id, before, {
        "rows": summary.rows, "quarantined": summary.quarantined, "unchanged": summary.unchanged,
    })  # fmt: skip
    rejected = [
        {"line": r.line_no, "source_id": r.source_id, "reason": r.reason()}
        for r in summary.rejected[:EXAMPLES]
    ]
    return _outcome(uow, run, summary.system, summary.entity, rejected, notes)


def outcome_of_last_load(uow: UnitOfWork, system: str, entity: str) -> LoadOutcome | None:
    """What the latest load of ``system``'s ``entity`` extract did, as matching has left it:
    the figures a dry run predicted, measured on the real thing."""
    run = uow.reports.last_run(system, entity)
    return None if run is None else _outcome(uow, run, system, entity, [], ())


def _outcome(
    uow: UnitOfWork, run: LastRun, system: str, entity: str,
    rejected: list[dict[str, Any]], notes: Sequence[str],
) -> LoadOutcome:  # fmt: skip
    records = uow.reports.run_outcomes(run.run_id)
    kinds = Counter(classify(r) for r in records)
    joined = sorted({r.golden_id for r in records if r.joins_existing and r.golden_id}, key=str)
    changes = uow.reports.golden_changes(joined, run.started_at)
    conflicts = (
        uow.reports.rate_conflicts(run.system_id, run.run_id) if entity == "rate_card" else []
    )
    return LoadOutcome(
        system=system, entity=entity, records=run.counts.get("rows", len(records)),
        existing=kinds["existing"], new=kinds["new"], review=kinds["review"],
        rejected=run.counts.get("quarantined", 0), unchanged=run.counts.get("unchanged", 0),
        examples={**_examples(records), "rejected": rejected},
        golden_changes=_changes(changes), rate_conflicts=[_conflict(c) for c in conflicts],
        notes=tuple(notes),
    )  # fmt: skip


def _examples(records: Sequence[RecordOutcome]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {"existing": [], "new": [], "review": []}
    for record in records:
        shown = found[classify(record)]
        if len(shown) < EXAMPLES:
            shown.append(_example(record))
    return found


def _example(record: RecordOutcome) -> dict[str, Any]:
    shown: dict[str, Any] = {"source_id": record.source_id}
    if record.golden_id is not None:
        shown["golden_id"] = str(record.golden_id)
    if record.review_probability is not None:
        shown["review_with"] = record.review_partner
        shown["probability"] = round(record.review_probability, 4)
    return shown


def _changes(changes: Sequence[GoldenChange]) -> dict[str, Any]:
    """Golden values that change, counted by attribute and by the rule that chose the new
    value, with a few examples."""
    by_attribute: Counter[tuple[str, str]] = Counter()
    examples: list[dict[str, Any]] = []
    for change in changes:
        for attribute in sorted(set(change.before) | set(change.after)):
            old, new = change.before.get(attribute), change.after.get(attribute)
            if old == new:
                continue
            rule = str((change.lineage.get(attribute) or {}).get("rule", "none"))
            by_attribute[(attribute, rule)] += 1
            if len(examples) < 20:
                examples.append({
                    "golden_id": str(change.golden_id), "attribute": attribute,
                    "before": old, "after": new, "rule": rule,
                })  # fmt: skip
    return {
        "golden_records": sum(1 for c in changes if c.before != c.after),
        "by_attribute": [
            {"attribute": a, "rule": r, "count": n} for (a, r), n in sorted(by_attribute.items())
        ],
        "examples": examples,
    }


def _conflict(c: RateConflict) -> dict[str, Any]:
    return {
        "line": c.line, "other": c.other, "customer_golden_id": c.customer, "role": c.role,
        "currency": c.currency, "unit": c.unit, "rate": c.rate, "other_rate": c.other_rate,
        "period": list(c.period), "other_period": list(c.other_period),
    }  # fmt: skip
