"""Latency figures of the latency sections: percentiles of many timed calls, in milliseconds."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Spread:
    """Percentiles of many observations (milliseconds for latencies, else plain counts)."""

    count: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float

    @property
    def per_second(self) -> float:
        """Calls per second when the figures are milliseconds per call."""
        return 1000.0 / self.mean if self.mean else 0.0

    def cells(self) -> tuple[int, float, float, float, float, float]:
        return (self.count, self.p50, self.p95, self.p99, self.max, self.mean)


Latency = Spread  # milliseconds


LATENCY_COLUMNS = ("calls", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms")


def spread(values: Sequence[float]) -> Spread:
    if not values:
        raise ValueError("nothing to summarise")
    data = np.asarray(values, dtype=float)
    p50, p95, p99 = np.percentile(data, [50, 95, 99])
    return Spread(
        len(data), float(p50), float(p95), float(p99), float(data.max()), float(data.mean())
    )


def summarise(seconds: Sequence[float]) -> Latency:
    """Latency in milliseconds of calls timed in seconds."""
    return spread([s * 1000.0 for s in seconds])


def timed_each(items: Sequence[T], call: Callable[[T], R]) -> tuple[list[float], list[R]]:
    """Call ``call`` on every item in turn; the seconds each call took, and what it returned."""
    timings: list[float] = []
    results: list[R] = []
    for item in items:
        started = time.perf_counter()
        results.append(call(item))
        timings.append(time.perf_counter() - started)
    return timings, results


def verdict(p99_ms: float, goal_ms: float) -> str:
    return f"met (< {goal_ms:g} ms)" if p99_ms < goal_ms else f"MISSED (goal < {goal_ms:g} ms)"
