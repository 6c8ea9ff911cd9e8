"""`GET /metrics` in the Prometheus text format: the process's instruments and, read from the
database at each scrape, ingest rows by outcome, the review queue, deliveries by system and
status, and the feed's lag."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from mdm.metrics.instruments import INSTRUMENTS
from mdm.repositories.delivery_status import SystemStatus
from mdm.unit_of_work import UnitsOfWork


class DatabaseFigures(Collector):
    """Figures kept in PostgreSQL, read in one short transaction per scrape."""

    def __init__(self, units: UnitsOfWork) -> None:
        self.units = units

    def collect(self) -> Iterator[Metric]:
        with self.units() as uow:
            rows = uow.reports.ingest_rows()
            queue = uow.reports.review_queue()
            systems = uow.systems.delivery_figures()
            oldest, top = uow.reports.feed_state()
        ingested = CounterMetricFamily(
            "mdm_ingest_rows", "Rows of extracts loaded, by outcome.",
            labels=("system", "entity", "outcome"),
        )  # fmt: skip
        for system, entity, outcome, count in rows:
            ingested.add_metric((system, entity, outcome), count)
        yield ingested
        review = GaugeMetricFamily(
            "mdm_review_queue_tasks", "Review tasks waiting for a steward.",
            labels=("entity", "status"),
        )  # fmt: skip
        for entity, status, count in queue:
            review.add_metric((entity, status), count)
        yield review
        delivered = GaugeMetricFamily(
            "mdm_deliveries", "Deliveries to systems, by status.", labels=("system", "status")
        )
        for (system, status), count in _deliveries(systems).items():
            delivered.add_metric((system, status), count)
        yield delivered
        yield from _feed(oldest, top)


def _deliveries(systems: list[SystemStatus]) -> dict[tuple[str, str], int]:
    """Deliveries per (system, status), a system's subscriptions to several entities summed;
    every status of a subscribed system is given, 0 included."""
    counts: dict[tuple[str, str], int] = {}
    for row in systems:
        for status, count in (
            ("pending", row.pending),
            ("delivered", row.delivered),
            ("dead", row.dead),
        ):
            counts[(row.system, status)] = counts.get((row.system, status), 0) + count
    return counts


def _feed(oldest: datetime | None, top: int) -> Iterator[Metric]:
    lag = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
    yield GaugeMetricFamily(
        "mdm_feed_lag_seconds",
        "Age of the oldest committed event the relay has not yet placed in the feed (0: none).",
        value=max(0.0, lag),
    )
    yield GaugeMetricFamily(
        "mdm_feed_position", "The highest position placed in the pull feed.", value=top
    )


def make_registry(units: UnitsOfWork) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    for instrument in INSTRUMENTS:
        registry.register(instrument)
    registry.register(DatabaseFigures(units))
    return registry


def render(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)
