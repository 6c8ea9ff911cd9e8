"""A SaaS fake taken down for a while: what every connector must do meanwhile."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from connectors.protocol import TargetUnavailable
from tests.fakes.http_server import FakeServer


def later_while_down(server: FakeServer, attempt: Callable[[], object], tries: int = 2) -> None:
    """Stop the server; each of ``tries`` attempts must raise "unreachable" (later, for the
    whole batch); then start it again on the same port."""
    server.stop()
    for _ in range(tries):
        with pytest.raises(TargetUnavailable, match="unreachable"):
            attempt()
    server.start()
