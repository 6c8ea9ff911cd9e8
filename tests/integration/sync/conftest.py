"""Syndication tests: a hub database whose transactions commit, and a real Tryton server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mdm.runtime import Runtime
from tests.conftest import committed_runtime
from tests.legacy_sql import legacy
from tests.tryton_server import tryton, tryton_process, tryton_template
from tests.webhook_process import receiver

__all__ = ["hub", "legacy", "receiver", "tryton", "tryton_process", "tryton_template"]


@pytest.fixture
def hub() -> Iterator[Runtime]:
    with committed_runtime("mdm_sync") as runtime:
        yield runtime
