"""Deprecating a route: it stays and works, marked ``deprecated`` in the OpenAPI document, and
every answer says so with ``Deprecation`` (RFC 9745, the date it was deprecated), ``Sunset``
(RFC 8594, the date it will stop answering) and a ``Link`` to its successor.

    @router.get("/v1/old", **deprecated(since=..., sunset=..., successor="/v1/new"))
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from typing import Any

from fastapi import Depends, Response


def deprecation_headers(
    since: datetime, sunset: datetime, successor: str | None = None
) -> dict[str, str]:
    headers = {
        "Deprecation": f"@{int(since.timestamp())}",
        "Sunset": format_datetime(sunset, usegmt=True),
    }
    if successor:
        headers["Link"] = f'<{successor}>; rel="successor-version"'
    return headers


def deprecated(since: datetime, sunset: datetime, successor: str | None = None) -> dict[str, Any]:
    """Keyword arguments for a route decorator that deprecate the route."""
    headers = deprecation_headers(since, sunset, successor)

    def announce(response: Response) -> None:
        response.headers.update(headers)

    described = {name: {"schema": {"type": "string"}} for name in headers}
    return {
        "deprecated": True,
        "dependencies": [Depends(announce)],
        "responses": {"200": {"description": "Successful Response", "headers": described}},
    }
