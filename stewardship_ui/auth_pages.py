"""Sign in and sign out with a local account."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from mdm.auth.sessions import new_session
from mdm.auth.users import authenticate
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import csrf_checked, optional_user, replace_session, runtime_of

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
    with runtime_of(request).unit_of_work() as session:
        user = authenticate(session, name.strip(), password)
    if user is None:
        context = {"next": _safe_next(next), "name": name, "error": "Wrong name or password."}
        return render(request, "login.html", context, status=401)
    replace_session(request, new_session(user.name))
    return redirect(request, _safe_next(next))


@router.post("/logout", dependencies=[Depends(csrf_checked)])
def logout(request: Request) -> Response:
    replace_session(request, new_session())
    return redirect(request, "/ui/login")
