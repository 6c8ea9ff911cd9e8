"""Wait for the database server's own upkeep after a bulk load: autovacuum and autoanalyze of
the tables the load wrote. Lookups timed while it runs pay for its reads and writes (a 1M bulk
match leaves about three minutes of it), so the lookup figures are taken both while it runs
and once it is done, and say which is which."""

from __future__ import annotations

import time

import psycopg
from sqlalchemy.engine import make_url

# tables autovacuum would still pick by the server's own thresholds (per-table options aside)
PENDING = """
SELECT count(*) FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid
WHERE t.n_dead_tup > current_setting('autovacuum_vacuum_threshold')::float
        + current_setting('autovacuum_vacuum_scale_factor')::float * greatest(c.reltuples, 0)
   OR t.n_ins_since_vacuum > current_setting('autovacuum_vacuum_insert_threshold')::float
        + current_setting('autovacuum_vacuum_insert_scale_factor')::float * greatest(c.reltuples, 0)
   OR t.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float
        + current_setting('autovacuum_analyze_scale_factor')::float * greatest(c.reltuples, 0)
"""
RUNNING = """
SELECT count(*) FROM pg_stat_activity
WHERE backend_type = 'autovacuum worker' AND datname = current_database()
"""
QUIET_POLLS = 3  # nothing pending and no worker this many polls in a row
POLL_SECONDS = 2.0


def wait_for_upkeep(url: str, timeout: float = 900.0) -> float:
    """Seconds until autovacuum has nothing left to do on the database at ``url`` (0 on a
    server that runs none); raises TimeoutError after ``timeout`` seconds."""
    start = time.monotonic()
    quiet = 0
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        enabled = conn.execute("SELECT current_setting('autovacuum') = 'on'").fetchone()
        while enabled and enabled[0] and quiet < QUIET_POLLS:
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"autovacuum still busy after {timeout:.0f} s")
            pending = conn.execute(PENDING).fetchone()
            running = conn.execute(RUNNING).fetchone()
            busy = bool(pending and pending[0]) or bool(running and running[0])
            quiet = 0 if busy else quiet + 1
            if quiet < QUIET_POLLS:
                time.sleep(POLL_SECONDS)
    return time.monotonic() - start
