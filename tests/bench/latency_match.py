"""Section "incremental_match": is this new customer already one of 1,000,000 golden records?

``find_matches(uow, "customer", values)`` (blocking keys → candidates from the indexed
``blocking_key`` table → scored with the stored model), one probe at a time, each in a unit
of work of its own: half the probes are near-duplicates of random records the hub holds (1-3
realistic mistakes), half customers it has never seen. Then ``resolve_pending`` on a batch
of 100 newly ingested records (incremental mode), rolled back so the database stays as built.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from matching import Matcher
from mdm.ingest.reader import ExtractRow, ParsedExtract
from mdm.ingest.service import ingest_extract
from mdm.runtime import Runtime
from mdm.synthetic.model import HEADERS
from tests.bench.latency import LATENCY_COLUMNS, Latency, summarise, timed_each, verdict
from tests.bench.match_stages import StageFigures, quality, stage_figures
from tests.bench.million import ENTITY, BenchDatabase, describe_build, open_bench_database
from tests.bench.million_model import customer_matcher, record_ids
from tests.bench.probes import Probe, make_probes
from tests.bench.section import Section

GOAL_MS = 50.0
PROBES = 1_000
QUICK_PROBES = 300
WARM_UP = 20
PENDING_BATCH = 100
SEED = 11


@dataclass(frozen=True)
class PendingFigures:
    ingest_seconds: float
    resolve_seconds: float
    mode: str
    candidate_pairs: int
    auto_links: int
    review_tasks: int
    clusters: int


def match_latency(runtime: Runtime, probes: Sequence[Probe]) -> tuple[Latency, list[list[object]]]:
    from mdm.resolve.lookup import find_matches  # imports matching.presets: after the retry

    def match(probe: Probe) -> list[object]:
        with runtime.unit_of_work() as uow:
            return list(find_matches(uow, ENTITY, probe.values))

    timed_each(probes[:WARM_UP], match)
    timings, answers = timed_each(probes, match)
    return summarise(timings), answers


def _pending_extract(probes: Sequence[Probe]) -> ParsedExtract:
    rows = [
        ExtractRow(line, {**p.values, "source_id": f"PENDING-{line:05d}"})
        for line, p in enumerate(probes, start=2)
    ]
    return ParsedExtract("bench_pending.csv", HEADERS[ENTITY], rows)


def pending_figures(runtime: Runtime, probes: Sequence[Probe]) -> PendingFigures:
    """Ingest ``probes`` as new records and resolve them, in one transaction rolled back."""
    from mdm.resolve.service import resolve_pending

    with runtime.unit_of_work() as uow:
        try:
            started = time.perf_counter()
            ingest_extract(uow, _pending_extract(probes), system="bench_pending", entity=ENTITY)
            ingested = time.perf_counter()
            summary = resolve_pending(uow, ENTITY)
            resolved = time.perf_counter()
        finally:
            uow.rollback()
    return PendingFigures(
        ingested - started, resolved - ingested, summary.mode, summary.candidate_pairs,
        summary.auto_links, summary.review_tasks, summary.clusters,
    )  # fmt: skip


def run(quick: bool) -> Section:
    matcher = customer_matcher()
    database = open_bench_database(quick)
    runtime = database.runtime
    try:
        with runtime.unit_of_work() as uow:
            ids = record_ids(uow.session)
            probes = make_probes(uow.session, ids, QUICK_PROBES if quick else PROBES, SEED)
            batch = make_probes(uow.session, ids, PENDING_BATCH, SEED + 1)
            stored = uow.models.load(ENTITY, matcher.settings.comparisons)
            matcher = Matcher(matcher.settings, stored.scoring() if stored else None)
        latency, answers = match_latency(runtime, probes)
        stages = stage_figures(runtime, matcher, probes)
        pending = pending_figures(runtime, batch)
    finally:
        runtime.close()
    return _section(database, probes, latency, answers, stages, pending)


def _section(
    database: BenchDatabase, probes: Sequence[Probe], latency: Latency,
    answers: Sequence[Sequence[object]], stages: StageFigures, pending: PendingFigures,
) -> Section:  # fmt: skip
    found = stages.candidates
    rows = [
        ("find_matches (one probe, one unit of work)", *latency.cells(),
         f"candidate pairs/probe p50 {found.p50:.0f}, p99 {found.p99:.0f}, max {found.max:.0f}",
         verdict(latency.p99, GOAL_MS)),
        *((f"  stage: {name}", *figures.cells(), "", "") for name, figures in stages.stages.items()),
        (f"resolve_pending, {PENDING_BATCH} new records ({pending.mode})", 1,
         *(pending.resolve_seconds * 1000.0,) * 5,
         f"{pending.resolve_seconds * 1000.0 / PENDING_BATCH:.1f} ms per record; "
         f"{pending.candidate_pairs:,} candidate pairs, {pending.auto_links} auto-links, "
         f"{pending.clusters:,} clusters in the neighbourhood", ""),
    ]  # fmt: skip
    return Section(
        title=f"Incremental match of a new customer against {database.golden_records:,} golden "
        "customers",
        columns=("operation", *LATENCY_COLUMNS, "detail", "p99 goal"),
        rows=tuple(tuple(r) for r in rows),
        notes=_notes(database, probes, answers, pending),
    )


def _notes(
    database: BenchDatabase, probes: Sequence[Probe], answers: Sequence[Sequence[object]],
    pending: PendingFigures,
) -> tuple[str, ...]:  # fmt: skip
    q = quality(probes, answers)
    return (
        f"{len(probes):,} probes (seeded), sequential, after {WARM_UP} warm-up calls: "
        f"{q.duplicates} near-duplicates of random stored records (1-3 mistakes of the kinds "
        f"mdm.synthetic makes: typos, legal forms, abbreviations, case, accents, blanks, digit "
        f"slips, street forms, swapped names) and {q.new} customers generated with another seed.",
        f"Answers: the duplicated golden record ranked first for {q.found_first}/{q.duplicates} "
        f"near-duplicates, returned at all for {q.found_any}/{q.duplicates}; "
        f"{q.new_flagged}/{q.new} new customers got an auto or review candidate "
        f"({q.new_auto} an auto-link one; the generator reuses company names, so some "
        "'new' customers look like stored ones).",
        "Stage rows replay find_matches step by step with the same functions (a second pass "
        "over the same probes) to show where the time goes; candidate pairs = candidate "
        "records scored per probe (keys held by more than max_block_size records skipped).",
        f"resolve_pending: {PENDING_BATCH} records (half near-duplicates) ingested with "
        f"ingest_extract ({pending.ingest_seconds:.2f} s, not in the figure) and resolved in "
        f"the same transaction, then rolled back; {pending.review_tasks} review tasks opened. "
        "Only pairs that touch a new record are scored (each new record with the records "
        "sharing one of its blocking keys, found in the blocking_key index); the stored "
        "records' links with each other are read from match_link, not scored again.",
        describe_build(database),
    )
