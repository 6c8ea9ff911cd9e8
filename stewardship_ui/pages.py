"""Rendering: the templates, their filters, and the responses every page route returns."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from mdm.domain.entities import label_of
from stewardship_ui.evidence import level_label
from stewardship_ui.security import CSRF_FIELD, CSRF_HEADER, attach_session, web_session

HERE = Path(__file__).resolve().parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))


def age(moment: datetime | None, now: datetime | None = None) -> str:
    """'3 d ago', '5 h ago', '12 min ago', 'just now': for queues and timelines."""
    if moment is None:
        return ""
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds >= 86400:
        return f"{int(seconds // 86400)} d ago"
    if seconds >= 3600:
        return f"{int(seconds // 3600)} h ago"
    if seconds >= 60:
        return f"{int(seconds // 60)} min ago"
    return "just now"


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f} %"


def signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def shown(value: Any) -> str:
    """A value as a steward reads it: lists joined, empty as an em dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def when(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


TEMPLATES.env.filters.update(age=age, percent=percent, signed=signed, shown=shown, when=when)
TEMPLATES.env.filters.update(level_label=level_label, label=label_of)
TEMPLATES.env.globals.update(csrf_field=CSRF_FIELD, csrf_header=CSRF_HEADER)


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    values = {"csrf_token": web_session(request).csrf, "user": None, **(context or {})}
    response = TEMPLATES.TemplateResponse(request, template, values, status_code=status)
    attach_session(request, response)
    return response


def redirect(request: Request, path: str, **query: Any) -> Response:
    """After a POST: see the result with a GET (303); htmx follows it and swaps the page."""
    params = {k: v for k, v in query.items() if v not in (None, "")}
    target = path + ("?" + urlencode(params) if params else "")
    response = RedirectResponse(target, status_code=303)
    attach_session(request, response)
    return response
