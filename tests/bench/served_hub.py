"""A real `mdm serve` process (uvicorn) on a free local port, for HTTP latency sections."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
# under the checkout, not the data folder checkouts may share: two checkouts serving at once
# keep their own logs
LOG = ROOT / ".mdm-test" / "serve.log"
READY_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(MDM_DATABASE_URL=database_url, MDM_DEMO="0", MDM_LOG_LEVEL="WARNING")
    env.pop("MDM_BROKER_URL", None)
    return env


def _wait_ready(process: subprocess.Popen[bytes], base: str, probe_path: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = LOG.read_text()[-2000:] if LOG.exists() else ""
            raise RuntimeError(f"`mdm serve` exited with status {process.returncode}: {tail}")
        try:
            if httpx.get(base + probe_path, timeout=5.0).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"`mdm serve` did not answer {probe_path} in {READY_TIMEOUT:.0f} s")


@dataclass(frozen=True)
class Served:
    base: str  # the base URL
    pid: int  # the serving process, for its CPU time


@contextmanager
def serving(database_url: str, probe_path: str = "/openapi.json") -> Iterator[str]:
    """Start `mdm serve` against ``database_url``; yield its base URL; stop it afterwards."""
    with served(database_url, probe_path) as hub:
        yield hub.base


@contextmanager
def served(database_url: str, probe_path: str = "/openapi.json") -> Iterator[Served]:
    """As ``serving``, yielding the serving process's id beside its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "hub.cli", "serve", "--host", "127.0.0.1"]
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with LOG.open("wb") as log:
        process = subprocess.Popen(
            [*command, "--port", str(port)], cwd=ROOT, env=_environment(database_url),
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, base, probe_path)
        yield Served(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
