"""Where the time of one incremental match goes, stage by stage, and how good its answers are.

The stages replay ``mdm.resolve.lookup.find_matches`` step by step with the same public
functions (keys of the probe; candidates from the indexed keys read with their records, golden
ids and the model's state in one query; the parsed model; preparing and scoring candidates),
so a slow stage can be named; the headline latency is find_matches itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from matching import Matcher
from mdm.domain.canonical import canonicalise
from mdm.repositories import candidates
from mdm.resolve.lookup import CANDIDATE_BUDGET, probe_keys
from mdm.runtime import Runtime
from tests.bench.latency import Latency, Spread, spread, summarise
from tests.bench.probes import Probe

ENTITY = "customer"
STAGES = ("canonicalise the probe", "the probe prepared and its keys",
          "candidates_of (key index + records + xref + model state, one query)",
          "models.load_as (parsed model kept per trained version)",
          "score_against (candidates prepared + model + explanations)")  # fmt: skip


@dataclass(frozen=True)
class StageFigures:
    stages: dict[str, Latency]
    candidates: Spread  # candidate records (= candidate pairs) per probe


def _one_probe(runtime: Runtime, matcher: Matcher, probe: Probe) -> tuple[list[float], int]:
    spent: list[float] = []

    def step(call: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = call()
        spent.append(time.perf_counter() - started)
        return result

    with runtime.unit_of_work() as uow:
        row = step(lambda: canonicalise(ENTITY, {"source_id": "probe", **probe.values}))
        record = {**row.values, "id": "0"}  # from no system, as find_matches has it
        keys = step(lambda: probe_keys(matcher, matcher.prepare([record])))
        cap = matcher.settings.max_block_size
        found = step(
            lambda: candidates.candidates_of(uow.session, ENTITY, keys, cap, CANDIDATE_BUDGET)
        )
        comparisons = matcher.settings.comparisons
        assert found.model is not None
        step(lambda: uow.models.load_as(ENTITY, comparisons, found.model))
        rows = [c.record for c in found.candidates]
        lower = matcher.settings.thresholds.lower
        step(lambda: matcher.score_against(record, rows, above=lower))
    return spent, len(found.candidates)


def stage_figures(runtime: Runtime, matcher: Matcher, probes: Sequence[Probe]) -> StageFigures:
    per_stage: list[list[float]] = [[] for _ in STAGES]
    counts: list[int] = []
    for probe in probes:
        spent, count = _one_probe(runtime, matcher, probe)
        for timings, seconds in zip(per_stage, spent, strict=True):
            timings.append(seconds)
        counts.append(count)
    stages = {name: summarise(t) for name, t in zip(STAGES, per_stage, strict=True)}
    return StageFigures(stages, spread(counts))


@dataclass(frozen=True)
class Quality:
    duplicates: int
    found_first: int  # the duplicated golden record ranked first
    found_any: int  # ... anywhere in the answer
    new: int
    new_flagged: int  # new customers answered with an auto or review candidate
    new_auto: int  # ... with an auto-link candidate


def quality(probes: Sequence[Probe], answers: Sequence[Sequence[Any]]) -> Quality:
    dup = [(p, a) for p, a in zip(probes, answers, strict=True) if p.golden_id is not None]
    new = [a for p, a in zip(probes, answers, strict=True) if p.golden_id is None]
    first = sum(1 for p, a in dup if a and a[0].golden_id == p.golden_id)
    anywhere = sum(1 for p, a in dup if any(c.golden_id == p.golden_id for c in a))
    flagged = sum(1 for a in new if any(c.decision in ("auto", "review") for c in a))
    auto = sum(1 for a in new if any(c.decision == "auto" for c in a))
    return Quality(len(dup), first, anywhere, len(new), flagged, auto)
