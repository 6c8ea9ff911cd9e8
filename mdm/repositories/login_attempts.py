"""The ``login_attempt`` table: every sign-in attempt, by account name and address."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session


def record(session: Session, name: str, address: str, *, succeeded: bool) -> None:
    session.execute(
        text("INSERT INTO login_attempt (at, name, address, succeeded) VALUES (:at, :n, :a, :ok)"),
        {"at": datetime.now(UTC), "n": name[:64], "a": address[:64], "ok": succeeded},
    )


def account_failures(session: Session, name: str, since: datetime) -> tuple[int, datetime | None]:
    """Failures for ``name`` since ``since`` and since its last success; and the first of them."""
    row = session.execute(
        text(
            "SELECT count(*), min(at) FROM login_attempt WHERE name = :n AND NOT succeeded "
            "AND at > GREATEST(:since, (SELECT max(at) FROM login_attempt "
            "WHERE name = :n AND succeeded))"
        ),
        {"n": name[:64], "since": since},
    ).one()
    return int(row[0]), row[1]


def address_failures(
    session: Session, address: str, since: datetime
) -> tuple[int, datetime | None]:
    row = session.execute(
        text(
            "SELECT count(*), min(at) FROM login_attempt "
            "WHERE address = :a AND NOT succeeded AND at > :since"
        ),
        {"a": address[:64], "since": since},
    ).one()
    return int(row[0]), row[1]
