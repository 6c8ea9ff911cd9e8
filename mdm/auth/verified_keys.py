"""API keys found live in the database a moment ago, so that a caller's every request does not
read its key again. An entry is trusted for ``ttl`` seconds from the read that found it, then
read again: a key revoked (or changed) is refused, or seen changed, at most ``ttl`` seconds
after, by every process. Only live keys are kept, by their public prefix with the hash of
their secret, so every request still proves its secret; a key not found or revoked is read
again on every request, so unknown tokens cannot fill it. ``ttl`` 0 keeps nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from mdm.auth.api_keys import ApiKey

DEFAULT_MOST = 4096  # keys kept at once; past it, entries are dropped until the next read


class VerifiedKeys:
    def __init__(
        self, ttl: float, *, most: int = DEFAULT_MOST, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._most = most
        self._clock = clock
        self._lock = threading.Lock()
        self._found: dict[str, tuple[ApiKey, bytes, float]] = {}

    def get(self, prefix: str) -> tuple[ApiKey, bytes] | None:
        """The live key with this prefix and its secret's hash, if read less than ``ttl`` ago."""
        with self._lock:
            found = self._found.get(prefix)
            if found is None:
                return None
            if self._clock() - found[2] >= self._ttl:
                del self._found[prefix]
                return None
            return found[0], found[1]

    def read(
        self, prefix: str, load: Callable[[], tuple[ApiKey, bytes] | None]
    ) -> tuple[ApiKey, bytes] | None:
        """``load()`` (the live key with this prefix from the database, or ``None``), kept when
        found: trusted for ``ttl`` from when the read began, which the database's answer is
        no older than."""
        began = self._clock()
        found = load()
        if found is not None and self._ttl > 0:
            with self._lock:
                if len(self._found) >= self._most and prefix not in self._found:
                    self._found.clear()
                self._found[prefix] = (found[0], found[1], began)
        return found
