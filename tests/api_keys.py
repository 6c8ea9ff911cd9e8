"""API keys for tests and benchmarks that call ``/v1``: made through the hub's own repository,
as ``mdm key create`` makes them."""

from __future__ import annotations

import uuid

from mdm.auth.api_keys import new_key
from mdm.repositories import api_keys, systems
from mdm.runtime import Runtime


def issue_key(
    runtime: Runtime, *scopes: str, system: str = "crm", rate: int = 10_000, name: str = ""
) -> str:
    """A live key of ``system`` with ``scopes`` (default: read and match); returns the token."""
    made = new_key()
    with runtime.unit_of_work() as uow:
        systems.get_or_register(uow.session, system)
        label = name or f"test-{uuid.uuid4().hex[:8]}"
        api_keys.insert(uow.session, label, system, scopes or ("read", "match"), rate, made)
    return made.token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def in_process(runtime: Runtime) -> Runtime:
    """The same database, with background work (queued resolutions) done in this process
    rather than sent to a broker no worker of this test listens on."""
    settings = runtime.settings.model_copy(update={"broker_url": None})
    return runtime.with_settings(settings)
