"""NetSuite token-based authentication: each request signed per OAuth 1.0 (RFC 5849 §3.4)
with HMAC-SHA256, the account id as ``realm``, a fresh nonce and timestamp."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Generator
from urllib.parse import quote

import httpx


def _enc(value: str) -> str:
    return quote(value, safe="~-._")


def base_string(method: str, url: httpx.URL, oauth: dict[str, str]) -> str:
    """Method, the URL without its query, and every query and oauth parameter sorted."""
    params = [(_enc(k), _enc(v)) for k, v in url.params.multi_items()]
    params += [(_enc(k), _enc(v)) for k, v in oauth.items()]
    normal = "&".join(f"{k}={v}" for k, v in sorted(params))
    base = f"{url.scheme}://{url.host.lower()}"
    if url.port is not None and url.port not in (80, 443):
        base += f":{url.port}"
    return "&".join([method.upper(), _enc(base + url.path), _enc(normal)])


def sign(base: str, consumer_secret: str, token_secret: str) -> str:
    key = f"{_enc(consumer_secret)}&{_enc(token_secret)}".encode()
    return base64.b64encode(hmac.new(key, base.encode(), hashlib.sha256).digest()).decode()


class TokenAuth(httpx.Auth):
    def __init__(
        self, account_id: str, consumer_key: str, consumer_secret: str, token_id: str,
        token_secret: str,
    ) -> None:  # fmt: skip
        self.realm = account_id
        self.consumer_key, self._consumer_secret = consumer_key, consumer_secret
        self.token_id, self._token_secret = token_id, token_secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        oauth = {
            "oauth_consumer_key": self.consumer_key, "oauth_token": self.token_id,
            "oauth_signature_method": "HMAC-SHA256", "oauth_timestamp": str(int(time.time())),
            "oauth_nonce": secrets.token_hex(10), "oauth_version": "1.0",
        }  # fmt: skip
        base = base_string(request.method, request.url, oauth)
        oauth["oauth_signature"] = sign(base, self._consumer_secret, self._token_secret)
        fields = ",".join(f'{k}="{_enc(v)}"' for k, v in oauth.items())
        request.headers["Authorization"] = f'OAuth realm="{self.realm}",{fields}'
        yield request
