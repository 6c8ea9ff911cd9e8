"""Who is asking and may they: the signed session cookie, CSRF tokens and role checks.

Every page has a session (anonymous until sign-in) so that even the sign-in form carries a
CSRF token. State-changing routes depend on :func:`decider` (CSRF, signed in, may decide) or
:func:`csrf_checked` (CSRF only: sign-in, sign-out)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from mdm.auth import signin
from mdm.auth.sessions import SessionSigner, WebSession, csrf_matches, new_session
from mdm.auth.users import User
from mdm.domain.entities import ENTITY_NAMES
from mdm.domain.errors import ConflictError, NotFoundError
from mdm.runtime import Runtime

COOKIE = "mdm_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


class UiError(Exception):
    """An answer the UI renders as a page (or a fragment) with this status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def known_entity(entity: str | None) -> str:
    """``entity`` when the hub masters it; otherwise the page is not found."""
    if entity not in ENTITY_NAMES:
        raise UiError(404, f"no entity {entity!r}: one of {', '.join(ENTITY_NAMES)}")
    return str(entity)


class SignInRequired(Exception):
    """The page needs a signed-in user: the handler sends the browser to the sign-in form."""


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def _signer(request: Request) -> SessionSigner:
    secret: str = request.app.state.session_secret
    return SessionSigner(secret)


def web_session(request: Request) -> WebSession:
    """The request's session; a new anonymous one when the cookie is missing or not genuine."""
    current = getattr(request.state, "web_session", None)
    if isinstance(current, WebSession):
        return current
    loaded = _signer(request).loads(request.cookies.get(COOKIE))
    if loaded is None:
        loaded = new_session()
        request.state.session_changed = True
    request.state.web_session = loaded
    return loaded


def replace_session(request: Request, session: WebSession) -> None:
    """Sign in or out: a new session (and a new CSRF token) replaces the old one."""
    request.state.web_session = session
    request.state.session_changed = True


def attach_session(request: Request, response: Response) -> Response:
    """Set the cookie on the way out when the session is new or replaced."""
    if getattr(request.state, "session_changed", False):
        response.set_cookie(
            COOKIE,
            _signer(request).dumps(web_session(request)),
            max_age=_signer(request).max_age,
            path="/ui",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


def optional_user(request: Request) -> User | None:
    """The user of a live server-side session; ``None`` when signed out, ended or expired."""
    sid = web_session(request).sid
    if sid is None:
        return None
    cached = getattr(request.state, "user", None)
    if isinstance(cached, User):
        return cached
    with runtime_of(request).unit_of_work() as uow:
        user = signin.session_user(uow, sid)
    request.state.user = user
    return user


def viewer(request: Request) -> User:
    """Any signed-in user: stewards, admins and viewers may look."""
    user = optional_user(request)
    if user is None:
        raise SignInRequired()
    return user


async def csrf_checked(request: Request) -> None:
    """The token of this session must come back in the header (htmx) or the form field."""
    given = request.headers.get(CSRF_HEADER)
    if not given and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        field = form.get(CSRF_FIELD)
        given = field if isinstance(field, str) else None
    if not csrf_matches(web_session(request), given):
        raise UiError(
            403, "This form has expired or did not come from this page: reload, try again."
        )


async def decider(request: Request) -> User:
    """A signed-in steward or admin, on a request that carries this session's CSRF token."""
    await csrf_checked(request)
    user = await run_in_threadpool(viewer, request)
    if not user.can_decide:
        raise UiError(403, f"{user.name} is a {user.role}: viewers can look but not decide.")
    return user


@contextmanager
def task_errors() -> Iterator[None]:
    """Domain errors of a decision as UI answers: 404, or 409 with the reason."""
    try:
        yield
    except NotFoundError as exc:
        raise UiError(404, str(exc)) from exc
    except ConflictError as exc:
        raise UiError(409, f"Not done: {exc}") from exc
