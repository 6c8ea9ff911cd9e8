"""API keys: one per calling system, with scopes and a rate. Only a hash of the secret is kept;
the key itself is shown once, when it is made."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from mdm.domain.errors import DomainError

SCOPES = ("read", "match", "write", "admin")
DEFAULT_RATE = 20  # requests per second, with a burst of as many
KEY_PREFIX = "mdm"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_KEY_PATTERN = re.compile(rf"^{KEY_PREFIX}_([A-Za-z0-9]{{12}})_([A-Za-z0-9_-]{{43}})$")


class InvalidKeyError(DomainError):
    """A key name, scope list or rate the hub does not accept."""


@dataclass(frozen=True)
class ApiKey:
    id: int
    name: str
    system: str
    scopes: frozenset[str]
    rate: int
    revoked: bool = False

    def allows(self, scope: str) -> bool:
        """``admin`` may do everything; otherwise the scope must have been granted."""
        return scope in self.scopes or "admin" in self.scopes

    def may_write_for(self, system: str) -> bool:
        """``write`` covers the records of the key's own system only (``admin``: any)."""
        return "admin" in self.scopes or ("write" in self.scopes and system == self.system)


@dataclass(frozen=True)
class NewKey:
    """A key as made: ``token`` goes to the caller once; ``prefix`` and ``secret_hash`` are kept."""

    token: str
    prefix: str
    secret_hash: bytes


def parse_scopes(text: str) -> tuple[str, ...]:
    scopes = tuple(dict.fromkeys(s.strip() for s in text.split(",") if s.strip()))
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise InvalidKeyError(
            f"scopes {', '.join(unknown) or '(none)'} not known: use some of {', '.join(SCOPES)}"
        )
    return scopes


def check_new(name: str, system: str, rate: int) -> None:
    for what, value in (("key name", name), ("system name", system)):
        if not NAME_PATTERN.match(value):
            raise InvalidKeyError(
                f"{what} {value!r} is not valid: letters, digits, '.', '_', '-' (at most 64)"
            )
    if rate < 1:
        raise InvalidKeyError(f"rate {rate} is not valid: requests per second, at least 1")


def _hash(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def new_key() -> NewKey:
    """A random key: a public prefix to find it by and 256 bits of secret."""
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    prefix = "".join(secrets.choice(alphabet) for _ in range(12))
    secret = secrets.token_urlsafe(32)
    return NewKey(f"{KEY_PREFIX}_{prefix}_{secret}", prefix, _hash(secret))


def split_token(token: str) -> tuple[str, str] | None:
    """``(prefix, secret)`` of a well-formed key, else ``None``."""
    found = _KEY_PATTERN.match(token)
    return None if found is None else (found.group(1), found.group(2))


def secret_matches(secret: str, secret_hash: bytes) -> bool:
    return hmac.compare_digest(_hash(secret), secret_hash)
