"""The test receiver (tests/webhook_receiver.py) as a process a test can start and stop."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.child_processes import dying_with_this_process
from tests.conftest import ROOT
from tests.tryton_server import free_port

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


class Receiver:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.webhook_receiver", str(self.port), SECRET],
            cwd=ROOT,
            preexec_fn=dying_with_this_process(),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/received", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise RuntimeError("the webhook receiver did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def script(self, *answers: dict[str, Any]) -> None:
        httpx.post(f"{self.url}/script", json=list(answers), timeout=5).raise_for_status()

    def received(self) -> list[dict[str, Any]]:
        return list(httpx.get(f"{self.url}/received", timeout=5).json())

    def count(self) -> int:
        """How many messages it accepted (without listing them)."""
        return int(httpx.get(f"{self.url}/count", timeout=5).json())

    def refused(self) -> list[str]:
        return list(httpx.get(f"{self.url}/refused", timeout=5).json())


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    served = Receiver()
    served.start()
    try:
        yield served
    finally:
        served.stop()
