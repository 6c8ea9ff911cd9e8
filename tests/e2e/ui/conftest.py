"""Fixtures of the stewardship UI tests: a fresh database with review tasks per module, a
signed-in TestClient, and a real ``mdm serve`` process for the browser tests."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi.testclient import TestClient

from hub.app import create_app
from mdm.runtime import Runtime, open_runtime
from mdm.settings import Settings
from tests.child_processes import dying_with_this_process
from tests.conftest import ROOT, drop_database, fresh_database_url
from tests.e2e.ui.data import PASSWORDS, load_review_fixture

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Hub:
    runtime: Runtime
    url: str


@pytest.fixture(scope="module")
def hub() -> Iterator[Hub]:
    url = fresh_database_url("mdm_ui")
    runtime = open_runtime(Settings(database_url=url, secret_key="test-secret"))
    load_review_fixture(runtime)
    yield Hub(runtime, url)
    runtime.close()
    drop_database(url)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def signed_in(hub: Hub, name: str | None) -> tuple[TestClient, str]:
    """A client (signed in as ``name`` unless None) and its session's CSRF token."""
    client = TestClient(create_app(hub.runtime))
    token = csrf_of(client.get("/ui/login").text)
    if name is None:
        return client, token
    answer = client.post(
        "/ui/login", data={"csrf_token": token, "name": name, "password": PASSWORDS[name]}
    )
    assert answer.status_code == 200 and "Sign out" in answer.text, answer.text
    return client, csrf_of(answer.text)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(hub: Hub, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``mdm serve`` on a free port against the module's database."""
    port = free_port()
    env = {**os.environ, "MDM_DATABASE_URL": hub.url, "MDM_SECRET_KEY": "test-secret"}
    env.update(PYTHONPATH=str(ROOT), MDM_HOME=str(tmp_path_factory.mktemp("home")))
    command = [sys.executable, "-m", "hub.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, preexec_fn=dying_with_this_process()
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("mdm serve exited before answering")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("mdm serve did not answer within 60 s")
