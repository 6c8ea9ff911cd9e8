"""Sign in and sign out with a local account."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from mdm.auth import signin
from mdm.auth.sessions import new_session
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import (
    csrf_checked,
    optional_user,
    replace_session,
    runtime_of,
    web_session,
)

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only a path inside the UI: never another site (an open redirect)."""
    if target and target.startswith("/ui/") and not target.startswith("//"):
        return target
    return "/ui/queue"


@router.get("/")
def home(request: Request) -> Response:
    return redirect(request, "/ui/queue")


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    user = optional_user(request)
    if user is not None:
        return redirect(request, _safe_next(next))
    return render(request, "login.html", {"next": _safe_next(next)})


@router.post("/login", dependencies=[Depends(csrf_checked)])
def login(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    name = name.strip()
    address = request.client.host if request.client else "unknown"
    fresh = new_session(signed_in=True)
    with runtime_of(request).unit_of_work() as uow:
        outcome = signin.sign_in(uow, name, password, address, fresh.sid or "")
    if outcome.user is None:
        message = outcome.refused or "Wrong name or password."
        context = {"next": _safe_next(next), "name": name, "error": message}
        return render(request, "login.html", context, status=429 if outcome.refused else 401)
    replace_session(request, fresh)
    return redirect(request, _safe_next(next))


@router.post("/logout", dependencies=[Depends(csrf_checked)])
def logout(request: Request) -> Response:
    """The server-side session ends: a copy of the cookie signs nobody in any more."""
    sid = web_session(request).sid
    if sid is not None:
        with runtime_of(request).unit_of_work() as uow:
            signin.sign_out(uow, sid)
    replace_session(request, new_session())
    return redirect(request, "/ui/login")
