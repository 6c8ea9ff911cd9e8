"""Learning from stewards: every merge and "not a match" a steward decided is a labelled pair.
``learn`` re-estimates the entity's model from them (the library's ``Matcher.learn``: m and
the thresholds), stores it as the model's next version and keeps what changed, for the
steward to see. A decision is never undone by what the model learns: each one stays a
must-link or cannot-link constraint, which every re-match keeps whatever the model says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from matching import Learning, LevelChange, Matcher, Prepared, Thresholds
from mdm.domain.entities import schema_for
from mdm.domain.errors import ConflictError
from mdm.resolve.lookup import no_model
from mdm.resolve.matcher_settings import matcher_settings
from mdm.unit_of_work import UnitOfWork

IdPair = tuple[str, str]


class NothingToLearnError(ConflictError):
    """No steward has decided a pair of the entity's active records yet."""


@dataclass(frozen=True)
class LearningReport:
    """What one learning changed: the model version it made, the decisions it read, the
    thresholds before and after, and every comparison level's weight before and after."""

    entity: str
    model_version: int
    learned_at: datetime
    learned_by: str
    matches: int
    non_matches: int
    old_thresholds: Thresholds
    new_thresholds: Thresholds
    changes: tuple[LevelChange, ...]

    def changed(self, at_least: float = 0.01) -> tuple[LevelChange, ...]:
        """The levels whose weight moved by ``at_least`` bits."""
        return tuple(c for c in self.changes if abs(c.new_weight - c.old_weight) >= at_least)


@dataclass(frozen=True)
class Teaching:
    """What the model of an entity could learn from: its version, its thresholds and the
    decisions stewards have taken (merges, not-a-match)."""

    entity: str
    model_version: int | None
    thresholds: Thresholds | None
    merges: int
    not_a_match: int


def teaching(uow: UnitOfWork, entity: str) -> Teaching:
    schema_for(entity)
    settings = matcher_settings(uow, entity)
    stored = uow.models.load(entity, settings.comparisons)
    thresholds = None
    if stored is not None:
        thresholds = stored.parameters.thresholds or settings.thresholds
    decided = uow.matches.constraint_counts(entity)
    return Teaching(
        entity, uow.models.version(entity) if stored else None, thresholds,
        decided["must_link"], decided["cannot_link"],
    )  # fmt: skip


def learn(uow: UnitOfWork, entity: str, user: str) -> LearningReport:
    """Re-estimate ``entity``'s model from every decision stewards have taken on its active
    records, store it as the next version, and keep and return what changed."""
    schema_for(entity)
    uow.golden.lock_entity(entity)
    settings = matcher_settings(uow, entity)
    stored = uow.models.load(entity, settings.comparisons)
    if stored is None:
        raise no_model(entity, stored=uow.models.version(entity) is not None)
    active = uow.sources.active_records(entity)
    matcher = Matcher(settings, stored.scoring(len(active)))
    prepared = matcher.prepare(active)
    learnt = learn_from(matcher, prepared, *uow.matches.constraints_of(entity))
    if learnt is None:
        raise NothingToLearnError(
            f"no steward has decided a pair of {entity} records yet: merges and 'not a match' "
            "decisions in the review queue are what the model learns from"
        )
    now = datetime.now(UTC)
    version = uow.models.save(entity, learnt.model, len(active), now)
    return keep(uow, entity, version, learnt, user, now)


def learn_from(
    matcher: Matcher, prepared: Prepared, must: Sequence[IdPair], cannot: Sequence[IdPair]
) -> Learning | None:
    """The matcher's model re-estimated from the decided pairs (``must``: merged, ``cannot``:
    not a match) whose records are both among ``prepared``; None when none is."""
    index = {str(i): n for n, i in enumerate(prepared.ids)}
    rows = [
        (index[left], index[right], merged)
        for decided, merged in ((must, True), (cannot, False))
        for left, right in decided
        if left in index and right in index
    ]
    if not rows:
        return None
    pairs = np.asarray([row[:2] for row in rows], dtype=np.int64)
    return matcher.learn(prepared, pairs, np.asarray([row[2] for row in rows], dtype=bool))


def keep(
    uow: UnitOfWork, entity: str, version: int, learnt: Learning, actor: str, now: datetime
) -> LearningReport:
    """Keep what a learning that made model ``version`` changed, audited; the report."""
    report = LearningReport(
        entity, version, now, actor, learnt.matches, learnt.non_matches,
        learnt.old_thresholds, learnt.new_thresholds, learnt.changes,
    )  # fmt: skip
    uow.models.record_learning(_entry(report))
    uow.events.audit(actor=actor, action="model.learned", subject_type="match_model",
        subject_id=entity, before={"thresholds": learnt.old_thresholds.to_dict()},
        after={"version": version, "thresholds": learnt.new_thresholds.to_dict(),
               "matches": learnt.matches, "non_matches": learnt.non_matches},
        reason="learnt from stewards' decisions",
    )  # fmt: skip
    return report


def learnings(uow: UnitOfWork, entity: str, limit: int = 20) -> list[LearningReport]:
    """The entity's learnings, latest first."""
    schema_for(entity)
    return [report_of(row) for row in uow.models.learnings(entity, limit)]


def _entry(report: LearningReport) -> dict[str, Any]:
    return {
        "entity": report.entity,
        "model_version": report.model_version,
        "learned_at": report.learned_at,
        "learned_by": report.learned_by,
        "matches": report.matches,
        "non_matches": report.non_matches,
        "thresholds": {
            "before": report.old_thresholds.to_dict(),
            "after": report.new_thresholds.to_dict(),
        },
        "changes": [_change(c) for c in report.changes],
    }


def _change(change: LevelChange) -> dict[str, Any]:
    return {
        "comparison": change.comparison,
        "level": change.level,
        "old_weight": change.old_weight,
        "new_weight": change.new_weight,
        "matches": change.matches,
        "non_matches": change.non_matches,
    }


def report_of(row: dict[str, Any]) -> LearningReport:
    """A kept learning (a row of ``match_learning``) as its report."""
    before, after = row["thresholds"]["before"], row["thresholds"]["after"]
    return LearningReport(
        entity=row["entity"],
        model_version=int(row["model_version"]),
        learned_at=row["learned_at"],
        learned_by=row["learned_by"],
        matches=int(row["matches"]),
        non_matches=int(row["non_matches"]),
        old_thresholds=Thresholds.from_dict(before),
        new_thresholds=Thresholds.from_dict(after),
        changes=tuple(LevelChange(**change) for change in row["changes"]),
    )
