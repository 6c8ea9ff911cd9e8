"""Browser sessions: a signed, time-limited cookie carrying the CSRF token of the session and,
once signed in, a random session id. Who is signed in is kept server-side, by the id's hash
(``web_session``), so signing out or changing the password ends the session everywhere; the
signature stops a cookie from being forged."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_MAX_AGE = 12 * 3600
_SALT = "mdm.stewardship.session"


@dataclass(frozen=True)
class WebSession:
    """``sid`` is ``None`` before sign-in; the CSRF token exists from the first page on."""

    csrf: str
    sid: str | None = None


def new_session(*, signed_in: bool = False) -> WebSession:
    """A fresh session (a new token and id at every sign-in, so a planted cookie is useless)."""
    sid = secrets.token_urlsafe(32) if signed_in else None
    return WebSession(csrf=secrets.token_urlsafe(32), sid=sid)


def sid_hash(sid: str) -> bytes:
    """What the database keeps of a session id: a stolen table gives no cookie."""
    return hashlib.sha256(sid.encode()).digest()


def csrf_matches(session: WebSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(session.csrf.encode(), str(given).encode())


class SessionSigner:
    def __init__(self, secret_key: str, max_age: int = SESSION_MAX_AGE) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt=_SALT)
        self.max_age = max_age

    def dumps(self, session: WebSession) -> str:
        return self._serializer.dumps({"s": session.sid, "c": session.csrf})

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
        sid = data.get("s")
        return WebSession(csrf=data["c"], sid=sid if isinstance(sid, str) else None)
