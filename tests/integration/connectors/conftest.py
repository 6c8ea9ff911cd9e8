"""A real Tryton server for connector tests (see tests/tryton_server.py), a legacy SQL table,
and each SaaS fake served over HTTP, with the server to stop and start (tests/fakes/)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes import dataverse, netsuite, salesforce
from tests.fakes.http_server import FakeServer
from tests.legacy_sql import legacy
from tests.tryton_server import tryton, tryton_process, tryton_template

__all__ = ["account", "env", "legacy", "org", "tryton", "tryton_process", "tryton_template"]


@pytest.fixture
def env() -> Iterator[tuple[dataverse.Environment, FakeServer]]:
    fake = dataverse.Environment()
    with FakeServer(dataverse.make_app(fake)) as server:
        yield fake, server


@pytest.fixture
def org() -> Iterator[tuple[salesforce.Org, FakeServer]]:
    fake = salesforce.Org(query_page=2)  # a read of more than two accounts is paged
    with FakeServer(salesforce.make_app(fake)) as server:
        yield fake, server


@pytest.fixture
def account() -> Iterator[tuple[netsuite.Account, FakeServer]]:
    fake = netsuite.Account()
    with FakeServer(netsuite.make_app(fake)) as server:
        yield fake, server
