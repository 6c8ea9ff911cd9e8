"""The Systems page: how syndication to each connected system stands (lag, pending, failing,
dead letters with their reasons), with buttons to retry dead letters and replay from a time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.sync import service
from stewardship_ui.notices import notice_for
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import UiError, decider, runtime_of, viewer

router = APIRouter()


@router.get("/systems")
def systems_page(request: Request, user: Annotated[User, Depends(viewer)]) -> Response:
    runtime = runtime_of(request)
    now = datetime.now(UTC)
    rows = service.overview(runtime)
    dead = service.dead_letters(runtime)
    context = {
        "user": user, "section": "systems", "rows": rows, "dead": dead, "now": now,
        "notice": notice_for(dict(request.query_params)),
    }  # fmt: skip
    return render(request, "systems.html", context)


@router.post("/systems/{name}/retry")
def retry(request: Request, name: str, user: Annotated[User, Depends(decider)]) -> Response:
    count = service.retry_dead(runtime_of(request), name)
    return redirect(request, "/ui/systems", done="retried", count=count)


@router.post("/systems/{name}/replay")
def replay(
    request: Request, name: str, user: Annotated[User, Depends(decider)],
    since: Annotated[str, Form()],
) -> Response:  # fmt: skip
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        raise UiError(422, f"'{since}' is not a date and time (YYYY-MM-DDTHH:MM)") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        count = service.replay(runtime_of(request), name, moment)
    except service.UnknownSystemError as exc:
        raise UiError(404, str(exc)) from None
    return redirect(request, "/ui/systems", done="replayed", count=count)
