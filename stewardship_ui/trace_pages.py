"""A golden record's trace as a page: each member's extract file and line and ingest run, the
match decisions, the golden versions, the events and each system's delivery."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.domain.errors import NotFoundError
from mdm.golden.trace import trace_golden
from stewardship_ui.golden_pages import _golden_id
from stewardship_ui.pages import render
from stewardship_ui.security import UiError, known_entity, runtime_of, viewer

router = APIRouter()


@router.get("/golden/{entity}/{golden_id}/trace")
def trace_page(
    request: Request, entity: str, golden_id: str, user: Annotated[User, Depends(viewer)]
) -> Response:
    entity, key = known_entity(entity), _golden_id(golden_id)
    with runtime_of(request).unit_of_work() as uow:
        try:
            trace = trace_golden(uow, entity, key)
        except NotFoundError as exc:
            raise UiError(404, str(exc)) from exc
    context = {"user": user, "section": "golden", "entity": entity, "trace": trace}
    return render(request, "trace.html", context)
