"""Watching the processes a command starts and the database sessions it leaves behind."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url


def children_of(pid: int) -> set[int]:
    """The direct children of ``pid`` (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(p) for p in task.read_text().split())
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_until(check: Callable[[], bool], timeout: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()


def kill_hard(process: subprocess.Popen[str]) -> None:
    """``kill -9`` of the process itself (not its group: its children are on their own)."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def survivors(pids: Iterable[int], timeout: float = 5.0) -> set[int]:
    """Those of ``pids`` still running after up to ``timeout`` seconds."""
    pids = set(pids)
    wait_until(lambda: not any(alive(p) for p in pids), timeout)
    return {p for p in pids if alive(p)}


def plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def sessions_on(url: str) -> list[tuple[int, str]]:
    """(pid, state) of the other sessions on ``url``'s database."""
    with psycopg.connect(plain(url), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid, coalesce(state, '') FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        ).fetchall()
    return [(int(pid), str(state)) for pid, state in rows]


def scalar(url: str, sql: str, params: tuple[object, ...] = ()) -> int:
    with psycopg.connect(plain(url), autocommit=True) as conn:
        row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def rows(url: str, sql: str) -> list[str]:
    """The first column of every row ``sql`` gives, as text."""
    with psycopg.connect(plain(url), autocommit=True) as conn:
        return [str(row[0]) for row in conn.execute(sql).fetchall()]


OTHERS_LOCKS = (
    "SELECT count(*) FROM pg_locks WHERE granted AND pid <> pg_backend_pid() "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
)


def writing(url: str, table: str) -> bool:
    """Another session on ``url``'s database has written ``table`` in the transaction it has
    open (it holds the table's RowExclusiveLock until it commits or rolls back)."""
    sql = OTHERS_LOCKS + "AND mode = 'RowExclusiveLock' AND relation = to_regclass(%s)"
    return scalar(url, sql, (table,)) > 0


def holding(url: str, key: str) -> bool:
    """Another session on ``url``'s database holds the advisory lock taken on
    ``hashtext(key)`` (a bigint key shows as its high and low 32 bits)."""
    sql = OTHERS_LOCKS + (
        "AND locktype = 'advisory' AND objsubid = 1 "
        "AND classid::bigint = (hashtext(%s)::bigint >> 32) & 4294967295 "
        "AND objid::bigint = hashtext(%s)::bigint & 4294967295"
    )
    return scalar(url, sql, (key, key)) > 0
