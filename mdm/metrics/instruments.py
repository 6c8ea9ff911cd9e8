"""The hub's in-process instruments: latencies measured where the work happens.

They are created unregistered, once per process, and every app's registry registers them
(see :mod:`mdm.metrics.exposition`); the figures that live in the database are read at each
scrape instead.
"""

from __future__ import annotations

from prometheus_client import Histogram

SECONDS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
LONG_SECONDS = (0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0)

API_SECONDS = Histogram(
    "mdm_api_request_seconds",
    "Time to answer an HTTP request, by method, route template and status class.",
    ("method", "route", "status"),
    buckets=SECONDS,
    registry=None,
)

MATCH_SECONDS = Histogram(
    "mdm_match_seconds",
    "Time to match: 'lookup' answers \"does this exist?\", 'resolve' resolves what is pending.",
    ("entity", "kind"),
    buckets=SECONDS + LONG_SECONDS[5:],
    registry=None,
)

INSTRUMENTS = (API_SECONDS, MATCH_SECONDS)
