"""The PostgreSQL server the sections measure against."""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url


def checkpoint(url: str) -> bool:
    """Write out what earlier work left dirty, so the next timed step pays for its own writes
    only (not for a previous section's being flushed); False when the role may not."""
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute("CHECKPOINT")
    except psycopg.errors.InsufficientPrivilege:
        return False
    return True
