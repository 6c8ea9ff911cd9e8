"""Domain errors: they say what went wrong in the hub's terms and know nothing of HTTP."""

from __future__ import annotations


class DomainError(Exception):
    pass


class NotFoundError(DomainError):
    pass


class ConflictError(DomainError):
    """Someone else changed the thing first (a version check failed), or the change clashes."""


class InvalidCursorError(DomainError):
    """A paging cursor the hub did not hand out (or cannot read any more)."""
