"""The composition root puts the API and the stewardship UI together; the hub alone serves
only its API, and ``mdm serve`` is the composition root's."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from hub.app import create_app
from hub.cli import main
from mdm.api.app import create_api
from mdm.cli.main import build_parser
from mdm.db.engine import make_engine, make_session_factory
from mdm.runtime import Runtime
from mdm.settings import Settings
from mdm.unit_of_work import Context


def _runtime() -> Runtime:
    """A runtime whose database is never reached (building an app connects to nothing)."""
    settings = Settings(database_url="postgresql://unused@127.0.0.1:1/none", secret_key="x")
    engine = make_engine(settings.database_url or "")
    return Runtime(Context.of(settings), engine, make_session_factory(engine))


def _status(app: FastAPI, path: str) -> int:
    """The status of GET ``path`` (on pages that reach no database)."""
    return TestClient(app).get(path, follow_redirects=False).status_code


def test_the_served_app_is_the_api_with_the_ui_mounted() -> None:
    served, api = create_app(_runtime()), create_api(_runtime())
    for path in ("/docs", "/redoc", "/ui/static/ui.css"):
        assert (_status(served, path), _status(api, path)) == (200, 404), path
    assert _status(served, "/openapi.json") == _status(api, "/openapi.json") == 200


def test_the_api_document_is_the_same_with_or_without_the_ui() -> None:
    assert create_app(_runtime()).openapi() == create_api(_runtime()).openapi()


def test_mdm_serve_is_the_composition_roots(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["serve", "--help"])
    assert done.value.code == 0
    assert "--port" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(["serve"])
    assert refused.value.code == 2
