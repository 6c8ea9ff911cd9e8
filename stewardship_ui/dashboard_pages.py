"""The stewardship dashboard."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.stewardship.dashboard import dashboard
from stewardship_ui.pages import render
from stewardship_ui.security import runtime_of, viewer

router = APIRouter()


@router.get("/dashboard")
def dashboard_page(request: Request, user: Annotated[User, Depends(viewer)]) -> Response:
    with runtime_of(request).unit_of_work() as uow:
        figures = dashboard(uow)
    busiest = max((n for _, n in figures.decisions_per_day), default=0)
    context = {"user": user, "section": "dashboard", "figures": figures, "busiest": busiest}
    return render(request, "dashboard.html", context)
