"""The shared set-up of the latency sections: a database holding many golden customers.

``open_bench_database(quick)`` returns a migrated database on the server named by
``MDM_DATABASE_URL`` (default: the local PostgreSQL) that holds 1,000,000 golden customer
records (``mdm_bench_million``; 50,000 in ``mdm_bench_quick`` for ``--quick``) with their
blocking keys and a trained model, the way the hub holds them after ingest and matching:

1. ``generate_extract("customer", 100_000, seed, system)`` per chunk, one source system per
   chunk (``bench_crm_00`` ...), loaded with the real ingest (``ingest_extract``, one unit of
   work per chunk): source records and versions, waiting for matching.
2. One golden record per record, written by resolution's own path for singleton clusters
   (``apply_partition``: golden record, xref, version, audit entry, created event), one unit
   of work per chunk (``give_golden_records``).
3. A model trained with ``Matcher.train`` on the first records loaded (one chunk, capped at
   ``TRAIN_ROWS``) and stored with ``mdm.repositories.match_models.save``, with the population (all
   records) recorded by ``models.record_population`` so the prior is rescaled to 1 M.
4. Blocking keys for every record with ``Matcher.indexed_keys`` + ``replace_keys`` in chunks; the
   records are then marked resolved. Golden records stay singletons (no clustering at 1 M).

Building takes minutes, so a complete database is reused, and an interrupted build resumes
where it stopped; the seconds of each build step are kept in ``.data/<database>-build.json``
and reported with the figures. Drop the database to rebuild it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from mdm.db.engine import normalise_url
from mdm.ingest.reader import ExtractRow, ParsedExtract
from mdm.ingest.service import ingest_extract
from mdm.runtime import Runtime, open_runtime
from mdm.settings import Settings
from mdm.synthetic import generate_extract
from tests.bench.million_model import customer_matcher, give_golden_records, train, write_keys
from tests.bench.server import checkpoint

ENTITY = "customer"
FULL_ROWS = 1_000_000
QUICK_ROWS = 50_000
INGEST_CHUNK = 100_000
KEY_CHUNK = 50_000
GOLDEN_CHUNK = 100_000
TRAIN_ROWS = 50_000
SEED = 20261125
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
DATA_DIR = Path(__file__).resolve().parent / ".data"


@dataclass(frozen=True)
class BenchDatabase:
    """A ready database: its URL, an open runtime, its size and how long it took to build."""

    name: str
    url: str
    runtime: Runtime
    golden_records: int
    blocking_keys: int
    built_now: bool
    build: dict[str, float] = field(default_factory=dict)  # step -> seconds
    checkpointed: bool = False  # the server wrote out earlier work before the timed calls

    @property
    def build_seconds(self) -> float:
        return sum(self.build.values())


def database_name(quick: bool) -> str:
    return "mdm_bench_quick" if quick else "mdm_bench_million"


def target_rows(quick: bool) -> int:
    return QUICK_ROWS if quick else FULL_ROWS


def bench_url(quick: bool) -> str:
    return url_of(database_name(quick))


def url_of(name: str) -> str:
    server = os.environ.get("MDM_DATABASE_URL") or DEFAULT_SERVER
    url = make_url(normalise_url(server)).set(database=name)
    return url.render_as_string(hide_password=False)


def open_bench_database(quick: bool) -> BenchDatabase:
    """The bench database, built (or its interrupted build resumed) when incomplete."""
    return open_database(database_name(quick), target_rows(quick))


def open_database(name: str, rows: int) -> BenchDatabase:
    """A database of ``rows`` golden customers called ``name``, built when incomplete."""
    url = url_of(name)
    runtime = open_runtime(Settings(database_url=url, log_level="WARNING"))
    built_now = not _is_complete(runtime, rows)
    if built_now:
        build_database(runtime, rows, name)
    goldens, keys = _sizes(runtime)
    settled = checkpoint(url)
    return BenchDatabase(
        name, url, runtime, goldens, keys, built_now, _load_build(name), checkpointed=settled
    )


def _is_complete(runtime: Runtime, rows: int) -> bool:
    with runtime.unit_of_work() as uow:
        comparisons = customer_matcher().settings.comparisons
        if uow.models.load(ENTITY, comparisons) is None:  # none, or for older settings
            return False
        goldens, _ = _sizes_in(uow.session)
        pending = uow.session.execute(
            text("SELECT 1 FROM source_record WHERE entity = :e AND pending_match LIMIT 1"),
            {"e": ENTITY},
        ).first()
    return goldens >= rows and pending is None


def _sizes(runtime: Runtime) -> tuple[int, int]:
    with runtime.unit_of_work() as uow:
        return _sizes_in(uow.session)


def _sizes_in(session: Session) -> tuple[int, int]:
    goldens = session.execute(
        text("SELECT count(*) FROM golden_record WHERE entity = :e AND status = 'active'"),
        {"e": ENTITY},
    ).scalar_one()
    keys = session.execute(
        text("SELECT count(*) FROM blocking_key WHERE entity = :e"), {"e": ENTITY}
    ).scalar_one()
    return int(goldens), int(keys)


def build_database(runtime: Runtime, rows: int, name: str) -> None:
    """Fill the database step by step, skipping the steps an interrupted build finished;
    the seconds of each step are saved as soon as it ends."""
    steps = _load_build(name) if _has_records(runtime) else {}
    if not _model_fits(runtime):
        steps.pop("train model", None)  # the settings changed since: train again
    matcher = customer_matcher()
    plan: tuple[tuple[str, Callable[[], object]], ...] = (
        ("generate + ingest", lambda: ingest_customers(runtime, rows)),
        ("golden records", lambda: give_golden_records(runtime, GOLDEN_CHUNK)),
        ("vacuum analyze after ingest", lambda: _vacuum(runtime)),
        ("train model", lambda: train(runtime, matcher, TRAIN_ROWS)),
        ("blocking keys", lambda: write_keys(runtime, matcher, KEY_CHUNK)),
        ("vacuum analyze after keys", lambda: _vacuum(runtime)),
    )
    for step_name, step in plan:
        if step_name not in steps:
            _timed(steps, step_name, step)
            _save_build(name, steps)


def _has_records(runtime: Runtime) -> bool:
    """True once an earlier build has loaded something (ingest gives no golden records)."""
    with runtime.unit_of_work() as uow:
        found = uow.session.execute(
            text("SELECT 1 FROM source_record WHERE entity = :e LIMIT 1"), {"e": ENTITY}
        ).first()
    return found is not None


def _model_fits(runtime: Runtime) -> bool:
    with runtime.unit_of_work() as uow:
        return uow.models.load(ENTITY, customer_matcher().settings.comparisons) is not None


def _timed(steps: dict[str, float], name: str, step: Callable[[], object]) -> None:
    started = time.perf_counter()
    step()
    steps[name] = time.perf_counter() - started
    print(f"[bench] build: {name} took {steps[name]:.1f} s", flush=True)


def chunk_sizes(rows: int, chunk: int = INGEST_CHUNK) -> Iterator[int]:
    for start in range(0, rows, chunk):
        yield min(chunk, rows - start)


def ingest_customers(runtime: Runtime, rows: int) -> None:
    """One generated extract per source system, each loaded by the hub's ingest (systems
    already loaded by an interrupted build are skipped: each is one unit of work)."""
    with runtime.unit_of_work() as uow:
        loaded = set(uow.session.execute(text("SELECT name FROM source_system")).scalars())
    for number, size in enumerate(chunk_sizes(rows)):
        system = f"bench_crm_{number:02d}"
        if system in loaded:
            continue
        extract = generate_extract(ENTITY, size, SEED + number, system)
        parsed = ParsedExtract(
            name=f"{system}.csv",
            header=extract.header,
            rows=[ExtractRow(line, row) for line, row in enumerate(extract.rows, start=2)],
        )
        with runtime.unit_of_work() as uow:
            summary = ingest_extract(uow, parsed, system=system, entity=ENTITY)
        print(f"[bench] build: {system} {summary.new:,} new in {summary.seconds:.1f} s", flush=True)


def _vacuum(runtime: Runtime) -> None:
    with runtime.engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        tables = ("source_record", "source_record_version", "golden_record", "xref",
                  "golden_version", "audit_event", "outbox_event")  # fmt: skip
        for table in tables:
            conn.execute(text(f"VACUUM ANALYZE {table}"))
        conn.execute(text("VACUUM ANALYZE blocking_key"))


def _save_build(name: str, steps: dict[str, float]) -> None:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    payload = {"built_at": datetime.now(UTC).isoformat(), "steps": steps}
    (DATA_DIR / f"{name}-build.json").write_text(json.dumps(payload, indent=2) + "\n")


def _load_build(name: str) -> dict[str, float]:
    path = DATA_DIR / f"{name}-build.json"
    if not path.exists():
        return {}
    return {k: float(v) for k, v in json.loads(path.read_text())["steps"].items()}


def describe_build(database: BenchDatabase) -> str:
    """One note on where the figures come from and what building the database cost."""
    steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in database.build.items())
    how = "built in this run" if database.built_now else "reused from an earlier run"
    return (
        f"Database `{database.name}` ({how}): {database.golden_records:,} active golden "
        f"customers, {database.blocking_keys:,} blocking keys; generated with mdm.synthetic "
        f"in extracts of {INGEST_CHUNK:,} rows (one source system each), loaded with "
        f"ingest_extract, one golden record each (apply_partition with singleton clusters), "
        f"model trained on the first {TRAIN_ROWS:,} records, keys written with "
        f"indexed_keys + replace_keys (golden records stay singletons). Build time "
        f"{database.build_seconds:.0f} s ({steps or 'not recorded'}). "
        + (
            "A CHECKPOINT preceded the timed calls, so they do not share the disk with the "
            "flushing of what earlier sections wrote."
            if database.checkpointed
            else "No CHECKPOINT before the timed calls (the role may not)."
        )
    )
