"""Log lines are JSON objects, each with the id of its run (a command) or its request."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from hub.app import create_app
from mdm import logs
from mdm.runtime import Runtime
from tests.conftest import committed_runtime
from tests.e2e.conftest import Cli


def test_every_line_of_a_command_is_json_with_its_run_id(cli: Cli) -> None:
    extract = cli.cwd / "crm.csv"
    extract.write_text("source_id,name,country\nA1,Acme Ltd,GB\n")
    env = {**cli.env, "MDM_LOG_LEVEL": "DEBUG"}
    done = Cli(env=env, cwd=cli.cwd)(
        "ingest", str(extract), "--source", "crm", "--entity", "customer"
    )
    assert done.returncode == 0, done.stderr
    # notes to the person at the terminal ("note: ...") are output, not log lines
    said = [x for x in done.stderr.splitlines() if x.strip() and not x.startswith("note:")]
    lines = [json.loads(line) for line in said]
    assert lines, "a DEBUG run logs something"
    runs = {line["run_id"] for line in lines}
    assert len(runs) == 1 and all(len(r) == 16 for r in runs)
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_logs") as rt:
        yield rt


def test_a_line_logged_while_serving_a_request_carries_its_request_id(
    runtime: Runtime, capsys: pytest.CaptureFixture[str]
) -> None:
    logs.configure("INFO", "json")
    app = create_app(runtime)

    @app.get("/log-probe")
    def probe() -> dict[str, str]:
        logging.getLogger("mdm.probe").info("serving the probe")
        return {}

    try:
        with TestClient(app) as client:
            response = client.get("/log-probe", headers={"X-Request-ID": "probe-request-0001"})
    finally:  # the handler writes to this test's captured stderr: let it go with the test
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == "mdm"]:
            root.removeHandler(handler)
    assert response.status_code == 200
    lines = [json.loads(x) for x in capsys.readouterr().err.splitlines() if x.startswith("{")]
    probe_lines = [x for x in lines if x["logger"] == "mdm.probe"]
    assert probe_lines and probe_lines[0]["request_id"] == "probe-request-0001"
