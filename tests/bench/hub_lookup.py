""" "Does this exist?" over HTTP against a hub the bench just filled and matched: a real
`mdm serve`, a match-scoped key, 1,000 probes (half near-duplicates of records it holds, half
customers it has never seen) sent one after another, then the same 1,000 again."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import httpx

from matching import Matcher
from mdm.resolve.matcher_settings import matcher_settings
from mdm.runtime import open_runtime
from mdm.settings import Settings
from tests.api_keys import bearer, issue_key
from tests.bench.footprint import cpu_seconds
from tests.bench.latency import Latency, Spread, summarise, timed_each
from tests.bench.match_stages import stage_figures
from tests.bench.probes import Probe, make_probes
from tests.bench.served_hub import served

PROBES = 1_000
WARM_UP = 50
SEED = 11
GOAL_MS = 10.0


@dataclass(frozen=True)
class Conditions:
    """What a timed run shared the machine with: p99 moves with the load (other processes on
    the two cores); the serving process's CPU per call moves too, but less."""

    served_cpu_ms: float  # CPU of the serving process per call (user + system)
    load: float  # the machine's 1-minute load average when the run started


@dataclass(frozen=True)
class Lookups:
    golden_records: int
    new: Latency
    repeated: Latency
    new_conditions: Conditions
    repeated_conditions: Conditions
    found_share: float  # near-duplicates whose golden record came first
    candidates: Spread  # candidate records read and scored per probe (not timed)


def _probes(url: str, count: int, seed: int) -> tuple[list[Probe], int, str]:
    runtime = open_runtime(Settings(database_url=url, log_level="WARNING"))
    try:
        key = issue_key(runtime, "match", system="bench_probe")
        with runtime.unit_of_work() as uow:
            ids = uow.sources.active_ids("customer")
            golden = len(uow.golden.active_ids("customer"))
            return make_probes(uow.session, ids, count + WARM_UP, seed), golden, key
    finally:
        runtime.close()


def measure(url: str, count: int = PROBES, seed: int = SEED) -> Lookups:
    """``count`` probes drawn with ``seed`` (another seed: other records, other new customers)."""
    probes, golden, key = _probes(url, count, seed)
    warm, timed = probes[:WARM_UP], probes[WARM_UP:]
    with (
        served(url) as hub,
        httpx.Client(base_url=hub.base, headers=bearer(key), timeout=30) as client,
    ):

        def ask(probe: Probe) -> str | None:
            answer = client.post("/v1/customer/match", json={"record": probe.values, "limit": 5})
            if answer.status_code != 200:
                raise AssertionError(f"POST /v1/customer/match: {answer.status_code} {answer.text}")
            found = answer.json()["candidates"]
            return found[0]["golden_id"] if found else None

        timed_each(warm, ask)
        new_times, answers, new_conditions = _run(hub.pid, timed, ask)
        again_times, _, again_conditions = _run(hub.pid, timed, ask)
    return Lookups(
        golden, summarise(new_times), summarise(again_times), new_conditions,
        again_conditions, _found(timed, answers), _candidates(url, timed),
    )  # fmt: skip


def _run(
    pid: int, probes: Sequence[Probe], ask: Callable[[Probe], str | None]
) -> tuple[list[float], list[str | None], Conditions]:
    """The probes timed one by one, with the conditions of the run."""
    load = os.getloadavg()[0]
    before = cpu_seconds(pid)
    times, answers = timed_each(probes, ask)
    per_call = (cpu_seconds(pid) - before) * 1000.0 / max(len(probes), 1)
    return times, answers, Conditions(per_call, load)


def _candidates(url: str, probes: Sequence[Probe]) -> Spread:
    """How many candidate records each probe's lookup reads and scores, counted after the
    timed runs by replaying the lookup's steps in this process (a count: load does not move it)."""
    runtime = open_runtime(Settings(database_url=url, log_level="WARNING"))
    try:
        with runtime.unit_of_work() as uow:
            settings = matcher_settings(uow, "customer")
            stored = uow.models.load("customer", settings.comparisons)
        matcher = Matcher(settings, stored.scoring() if stored else None)
        return stage_figures(runtime, matcher, probes).candidates
    finally:
        runtime.close()


def _found(probes: Sequence[Probe], answers: Sequence[str | None]) -> float:
    duplicates = [(p, a) for p, a in zip(probes, answers, strict=True) if p.golden_id]
    return sum(a == p.golden_id for p, a in duplicates) / max(len(duplicates), 1)
