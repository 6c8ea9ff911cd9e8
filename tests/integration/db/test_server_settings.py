"""``server_settings`` holds run-time settings for one block of statements, then puts back
what the transaction had before (not the server's defaults)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db import bulk


def _setting(session: Session, name: str) -> str:
    return str(session.execute(text("SELECT current_setting(:n)"), {"n": name}).scalar_one())


def test_settings_hold_inside_the_block_and_come_back_after(session: Session) -> None:
    session.execute(text("SET LOCAL work_mem = '8MB'"))
    jit = _setting(session, "jit")
    with bulk.server_settings(session, {"jit": "off", "work_mem": "64MB"}):
        assert _setting(session, "jit") == "off"
        assert _setting(session, "work_mem") == "64MB"
    assert _setting(session, "jit") == jit
    assert _setting(session, "work_mem") == "8MB"
