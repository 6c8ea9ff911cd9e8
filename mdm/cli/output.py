"""How the command line speaks: short lines on stdout, errors on stderr."""

from __future__ import annotations

import sys

REFUSED = 2


def say(message: str) -> None:
    print(message, flush=True)


def warn(message: str) -> None:
    """A note beside the output, on stderr so it never mixes with data written to stdout."""
    print(f"note: {message}", file=sys.stderr, flush=True)


def fail(message: str, status: int = REFUSED) -> int:
    print(f"error: {message}", file=sys.stderr, flush=True)
    return status
