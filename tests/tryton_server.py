"""A real Tryton ERP for the tests: a SQLite database built once per session with
``trytond-admin`` (party and company modules) and copied as a template, then ``trytond`` on a
free port per use. Users: ``admin``, ``mdm_hub`` (the hub's integration user) and ``clerk`` (a
person editing parties and employees in the ERP), all in the Party Administration and Employee
Administration groups. No company: a test that syncs resources adds one."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pycountry
import pytest

from tests.child_processes import dying_with_this_process

BIN = Path(sys.executable).parent
ADMIN_PASSWORD = "admin-password"
HUB_USER, HUB_PASSWORD = "mdm_hub", "hub-password-123"
CLERK_USER, CLERK_PASSWORD = "clerk", "clerk-password-123"
TEMPLATE = "template"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(folder: Path, port: int) -> Path:
    conf = folder / f"trytond-{port}.conf"
    conf.write_text(
        f"[database]\nuri = sqlite://\npath = {folder}\n[web]\nlisten = 127.0.0.1:{port}\n"
        "[session]\nmax_attempt = 1000\n"
    )
    return conf


@dataclass(frozen=True)
class Tryton:
    """A running server: its URL root and database, and an RPC caller for any user."""

    url: str
    database: str

    def login(self, user: str, password: str) -> Session:
        endpoint = f"{self.url}{self.database}/rpc/"
        body = {
            "id": 0,
            "method": "common.db.login",
            "params": [user, {"password": password}, "en"],
        }
        result = httpx.post(endpoint, json=body, timeout=30).json()
        uid, session = result["result"][:2]
        token = base64.b64encode(f"{user}:{uid}:{session}".encode()).decode()
        return Session(endpoint, f"Session {token}", int(uid))

    def admin(self) -> Session:
        return self.login("admin", ADMIN_PASSWORD)

    def add_company(self, name: str = "Northwind Consulting Ltd", currency: str = "GBP") -> int:
        """A company (its party and currency created with it), as the company module's
        set-up wizard leaves one: resources are synced as its employees."""
        admin = self.admin()
        [money] = admin.call(
            "model.currency.currency.create", [{"name": currency, "code": currency,
                                                "symbol": currency}], {},
        )  # fmt: skip
        [party] = admin.call("model.party.party.create", [{"name": name}], {})
        [company] = admin.call(
            "model.company.company.create", [{"party": party, "currency": money}], {}
        )
        return int(company)

    def connector_settings(self) -> dict[str, Any]:
        return {"url": self.url, "database": self.database, "username": HUB_USER,
                "password": HUB_PASSWORD}  # fmt: skip


@dataclass(frozen=True)
class Session:
    endpoint: str
    authorization: str
    uid: int

    def call(self, method: str, *params: Any) -> Any:
        body = {"id": 1, "method": method, "params": list(params)}
        headers = {"Authorization": self.authorization}
        answer = httpx.post(self.endpoint, json=body, headers=headers, timeout=60).json()
        if answer.get("error"):
            raise RuntimeError(f"Tryton {method}: {answer['error']}")
        return answer["result"]

    def parties(self, *fields: str, active_only: bool = False) -> list[dict[str, Any]]:
        context = {} if active_only else {"active_test": False}
        names = ["name", "active", "identifiers.code", *fields]
        return list(
            self.call("model.party.party.search_read", [], 0, None, [["id", "ASC"]], names, context)
        )


def _start(
    folder: Path, database: str, port: int | None = None
) -> tuple[subprocess.Popen[bytes], Tryton]:
    port = port or free_port()
    conf = _config(folder, port)
    log = (folder / f"trytond-{port}.log").open("wb")
    process = subprocess.Popen(
        [str(BIN / "trytond"), "-c", str(conf), "-d", database], stdout=log, stderr=log,
        start_new_session=True, preexec_fn=dying_with_this_process(),
    )  # fmt: skip
    server = Tryton(f"http://127.0.0.1:{port}/", database)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"trytond exited: see {log.name}")
        try:
            server.admin()
            return process, server
        except (httpx.HTTPError, KeyError, ValueError):
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"trytond did not answer within 60 s: see {log.name}")


def _populate(server: Tryton) -> None:
    admin = server.admin()
    groups = admin.call(
        "model.res.group.search",
        [["name", "in", ["Party Administration", "Employee Administration"]]], 0, None, None, {},
    )  # fmt: skip
    users = [
        {"name": name, "login": login, "password": password, "groups": [["add", groups]]}
        for name, login, password in (
            ("MDM hub", HUB_USER, HUB_PASSWORD), ("Clerk", CLERK_USER, CLERK_PASSWORD),
        )
    ]  # fmt: skip
    admin.call("model.res.user.create", users, {})
    countries = [{"name": c.name, "code": c.alpha_2} for c in pycountry.countries]
    admin.call("model.country.country.create", countries, {})


def build_template(folder: Path) -> Path:
    """Create the template database (about 5-30 s) with its users and countries."""
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / f"{TEMPLATE}.sqlite"
    database.touch()
    password_file = folder / "admin-password"
    password_file.write_text(ADMIN_PASSWORD + "\n")
    env = {**os.environ, "TRYTONPASSFILE": str(password_file)}
    subprocess.run(
        [str(BIN / "trytond-admin"), "-c", str(_config(folder, free_port())), "-d", TEMPLATE,
         "--all", "-u", "party", "company", "--activate-dependencies"],
        input=b"\n", env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    process, server = _start(folder, TEMPLATE)
    try:
        _populate(server)
    finally:
        process.terminate()
        process.wait(30)
    with closing(sqlite3.connect(database)) as db:  # Tryton's SQLite keeps a write-ahead log
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database


class TrytonProcess:
    """A served copy of the template that a test can stop and start again (same port)."""

    def __init__(self, template: Path, name: str) -> None:
        self.folder = template.parent
        shutil.copyfile(template, self.folder / f"{name}.sqlite")
        self.process, self.server = _start(self.folder, name)
        self.port = int(self.server.url.rsplit(":", 1)[1].strip("/"))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)

    def start(self) -> None:
        self.process, self.server = _start(self.folder, self.server.database, self.port)


@contextmanager
def running(template: Path, name: str) -> Iterator[TrytonProcess]:
    """A fresh copy of the template served by its own ``trytond`` process."""
    served = TrytonProcess(template, name)
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="session")
def tryton_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("tryton"))


@pytest.fixture
def tryton(tryton_template: Path) -> Iterator[Tryton]:
    """A fresh Tryton database served by its own process, for one test."""
    with running(tryton_template, f"erp_{uuid.uuid4().hex[:8]}") as served:
        yield served.server


@pytest.fixture
def tryton_process(tryton_template: Path) -> Iterator[TrytonProcess]:
    """Like ``tryton``, for tests that take the server down and bring it back."""
    with running(tryton_template, f"erp_{uuid.uuid4().hex[:8]}") as served:
        yield served
