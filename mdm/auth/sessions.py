"""Browser sessions: a signed, time-limited cookie value carrying the user name and the CSRF
token of the session. Nothing secret is stored in it; the signature stops forgery."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_MAX_AGE = 12 * 3600
_SALT = "mdm.stewardship.session"


@dataclass(frozen=True)
class WebSession:
    """``user`` is ``None`` before sign-in; the CSRF token exists from the first page on."""

    csrf: str
    user: str | None = None


def new_session(user: str | None = None) -> WebSession:
    """A fresh session (a new token at every sign-in, so a planted cookie is useless)."""
    return WebSession(csrf=secrets.token_urlsafe(32), user=user)


def csrf_matches(session: WebSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(session.csrf.encode(), str(given).encode())


class SessionSigner:
    def __init__(self, secret_key: str, max_age: int = SESSION_MAX_AGE) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt=_SALT)
        self.max_age = max_age

    def dumps(self, session: WebSession) -> str:
        return self._serializer.dumps({"u": session.user, "c": session.csrf})

    def loads(self, token: str | None) -> WebSession | None:
        """The session, or ``None`` when the cookie is missing, forged, malformed or expired."""
        if not token:
            return None
        try:
            data = self._serializer.loads(token, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        user = data.get("u")
        return WebSession(csrf=data["c"], user=user if isinstance(user, str) else None)
