"""How the fake account checks a request's credentials: an OAuth 2.0 bearer token, or a
token-based authentication header (OAuth 1.0, RFC 5849 §3.4 signature base string, HMAC-SHA256,
the account id as realm, a timestamp within five minutes and a nonce never seen before),
the signature recomputed here from the request as received."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from urllib.parse import quote, unquote

from starlette.requests import Request

REALM = "1234567_SB1"
CONSUMER = ("fake-consumer-key", "fake-consumer-secret")
TOKEN_PAIR = ("fake-token-id", "fake-token-secret")
PARAM = re.compile(r'(\w+)="([^"]*)"')
_nonces: set[str] = set()


def _q(value: str) -> str:
    return quote(value, safe="~-._")


def _expected_signature(request: Request, oauth: dict[str, str]) -> str:
    pairs = [(_q(k), _q(v)) for k, v in request.query_params.multi_items()]
    pairs += [(_q(k), _q(v)) for k, v in oauth.items() if k != "oauth_signature"]
    url = request.url
    origin = f"{url.scheme}://{(url.hostname or '').lower()}"
    if url.port and url.port not in (80, 443):
        origin += f":{url.port}"
    base = "&".join([request.method, _q(origin + url.path),
                     _q("&".join(f"{k}={v}" for k, v in sorted(pairs)))])  # fmt: skip
    key = f"{_q(CONSUMER[1])}&{_q(TOKEN_PAIR[1])}".encode()
    return base64.b64encode(hmac.new(key, base.encode(), hashlib.sha256).digest()).decode()


def token_based_problem(request: Request) -> str | None:
    """None when the OAuth 1.0 header is good, else why it is refused."""
    header = request.headers.get("authorization", "")
    if not header.startswith("OAuth "):
        return "no OAuth header"
    fields = {k: unquote(v) for k, v in PARAM.findall(header)}
    if fields.get("realm") != REALM:
        return "wrong realm"
    if (
        fields.get("oauth_consumer_key") != CONSUMER[0]
        or fields.get("oauth_token") != TOKEN_PAIR[0]
    ):
        return "unknown consumer or token"
    if (
        fields.get("oauth_signature_method") != "HMAC-SHA256"
        or fields.get("oauth_version") != "1.0"
    ):
        return "signature method must be HMAC-SHA256, version 1.0"
    if abs(time.time() - int(fields.get("oauth_timestamp", "0"))) > 300:
        return "timestamp too far from now"
    nonce = fields.get("oauth_nonce", "")
    if not nonce or nonce in _nonces:
        return "nonce missing or used before"
    _nonces.add(nonce)
    oauth = {k: v for k, v in fields.items() if k.startswith("oauth_")}
    if not hmac.compare_digest(
        fields.get("oauth_signature", ""), _expected_signature(request, oauth)
    ):
        return "signature does not match"
    return None


def authorized(request: Request, bearer: str) -> bool:
    if request.headers.get("authorization") == f"Bearer {bearer}":
        return True
    return token_based_problem(request) is None
