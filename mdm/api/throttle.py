"""Throttling per API key: a token bucket holding up to one second of the key's rate, refilled
continuously. In Redis when ``MDM_REDIS_URL`` is set (shared by every API process), in this
process otherwise."""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger("mdm.api.throttle")


@dataclass(frozen=True)
class Allowance:
    allowed: bool
    limit: int
    remaining: int
    retry_after: float  # seconds until one request is allowed again (0 when allowed now)
    reset: float  # seconds until the bucket is full again

    def headers(self) -> dict[str, str]:
        """``RateLimit-*`` headers (IETF draft), with ``Retry-After`` when refused."""
        found = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(math.ceil(self.reset)),
            "RateLimit-Policy": f"{self.limit};w=1",
        }
        if not self.allowed:
            found["Retry-After"] = str(max(1, math.ceil(self.retry_after)))
        return found


class Buckets(Protocol):
    waits: bool  # whether ``take`` waits on the network (then it is called in a thread)

    def take(self, name: str, rate: int) -> Allowance: ...


def _allowance(tokens: float, rate: int, allowed: bool) -> Allowance:
    wait = 0.0 if allowed else (1 - tokens) / rate
    return Allowance(allowed, rate, int(tokens), wait, (rate - tokens) / rate)


class LocalBuckets:
    """One process's buckets (embedded mode, or no Redis configured)."""

    waits = False

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: dict[str, tuple[float, float]] = {}

    def take(self, name: str, rate: int) -> Allowance:
        now = time.monotonic()
        with self._lock:
            tokens, then = self._state.get(name, (float(rate), now))
            tokens = min(float(rate), tokens + (now - then) * rate)
            allowed = tokens >= 1
            if allowed:
                tokens -= 1
            self._state[name] = (tokens, now)
        return _allowance(tokens, rate, allowed)


# KEYS[1] bucket; ARGV[1] rate. Redis' own clock, so every API process agrees.
_TAKE = """
local rate = tonumber(ARGV[1])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or rate
local at = tonumber(state[2]) or now
tokens = math.min(rate, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], 60)
return {allowed, tostring(tokens)}
"""


class RedisBuckets:
    waits = True

    def __init__(self, url: str, prefix: str = "mdm:rate:") -> None:
        import redis

        self._client: Any = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._script = self._client.register_script(_TAKE)
        self._prefix = prefix
        self._fallback = LocalBuckets()

    def take(self, name: str, rate: int) -> Allowance:
        import redis

        try:
            allowed, tokens = self._script(keys=[self._prefix + name], args=[rate])
        except redis.RedisError:
            log.exception("Redis is not answering: throttling %s in this process meanwhile", name)
            return self._fallback.take(name, rate)
        return _allowance(float(tokens), rate, bool(allowed))


def buckets_for(redis_url: str | None) -> Buckets:
    return RedisBuckets(redis_url) if redis_url else LocalBuckets()
