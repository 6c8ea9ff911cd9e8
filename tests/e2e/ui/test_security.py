"""CSRF and role checks on every state-changing route of the UI, and the session cookie."""

from __future__ import annotations

import pytest

from tests.e2e.ui.conftest import Hub, signed_in
from tests.e2e.ui.data import open_tasks


def _routes(hub: Hub) -> list[tuple[str, dict[str, object]]]:
    task = open_tasks(hub.runtime)[0].task_id
    golden = "00000000-0000-0000-0000-000000000000"
    return [
        (f"/ui/tasks/{task}/claim", {"version": 1}),
        (f"/ui/tasks/{task}/assign", {"version": 1, "assignee": "bob"}),
        (f"/ui/tasks/{task}/merge", {"version": 1}),
        (f"/ui/tasks/{task}/not-a-match", {"version": 1}),
        (f"/ui/tasks/{task}/defer", {"version": 1, "comment": "later"}),
        (f"/ui/golden/customer/{golden}/split", {"record_ids": 1, "reason": "x"}),
        (f"/ui/golden/customer/{golden}/pin", {"attribute": "name", "value": "X", "reason": "r"}),
        (f"/ui/golden/customer/{golden}/unpin", {"attribute": "name"}),
        ("/ui/bulk/approve", {"entity": "customer", "pattern": "same_tax_id", "task_ids": 1}),
        ("/ui/learning/customer", {}),
    ]


def test_every_decision_needs_the_csrf_token(hub: Hub) -> None:
    client, token = signed_in(hub, "alice")
    before = open_tasks(hub.runtime)
    for path, form in _routes(hub):
        missing = client.post(path, data=form, follow_redirects=False)
        assert missing.status_code == 403, path
        wrong = client.post(path, data={**form, "csrf_token": token[::-1]}, follow_redirects=False)
        assert wrong.status_code == 403, path
        header = client.post(path, data=form, headers={"X-CSRF-Token": "forged"})
        assert header.status_code == 403, path
    assert open_tasks(hub.runtime) == before


def test_a_viewer_can_look_but_not_decide(hub: Hub) -> None:
    client, token = signed_in(hub, "vera")
    task = open_tasks(hub.runtime)[0].task_id
    page = client.get(f"/ui/tasks/{task}")
    assert page.status_code == 200
    assert 'id="merge-button"' not in page.text and "can look" in page.text
    before = open_tasks(hub.runtime)
    for path, form in _routes(hub):
        answer = client.post(path, data={**form, "csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 403, path
        assert "viewers can look but not decide" in answer.text
    assert open_tasks(hub.runtime) == before


def test_signed_out_decisions_go_to_the_sign_in_page(hub: Hub) -> None:
    client, token = signed_in(hub, None)
    for path, form in _routes(hub):
        answer = client.post(path, data={**form, "csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/ui/login")


def test_sign_in_and_out_need_the_token_too(hub: Hub) -> None:
    client, token = signed_in(hub, None)
    form = {"name": "alice", "password": "alice-secret"}
    assert client.post("/ui/login", data=form).status_code == 403
    client, token = signed_in(hub, "alice")
    assert client.post("/ui/logout", data={}).status_code == 403
    out = client.post("/ui/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/ui/queue", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("password", ["wrong", ""])
def test_a_wrong_password_does_not_sign_in(hub: Hub, password: str) -> None:
    client, token = signed_in(hub, None)
    answer = client.post(
        "/ui/login", data={"csrf_token": token, "name": "alice", "password": password or "x"}
    )
    assert answer.status_code == 401 and "Wrong name or password" in answer.text


def test_the_session_cookie_is_signed_http_only_and_same_site(hub: Hub) -> None:
    client, token = signed_in(hub, None)
    answer = client.post(
        "/ui/login",
        data={"csrf_token": token, "name": "alice", "password": "alice-secret"},
        follow_redirects=False,
    )
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/ui" in cookie
    forged, _ = signed_in(hub, None)
    forged.cookies.set("mdm_session", "eyJ1IjoiYWxpY2UiLCJjIjoieCJ9.forged.sig", path="/ui")
    assert forged.get("/ui/queue", follow_redirects=False).status_code == 303


def test_after_sign_in_the_next_page_stays_inside_the_ui(hub: Hub) -> None:
    client, token = signed_in(hub, None)
    answer = client.post(
        "/ui/login",
        data={"csrf_token": token, "name": "alice", "password": "alice-secret",
              "next": "https://evil.example/"},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.headers["location"] == "/ui/queue"


def test_ui_pages_carry_the_security_headers(hub: Hub) -> None:
    client, _ = signed_in(hub, "alice")
    for path in ("/ui/login", "/ui/queue", "/ui/golden"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["X-Frame-Options"] == "DENY"
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert page.headers["Cache-Control"] == "no-store"
    static = client.get("/ui/static/keys.js")
    assert static.headers["X-Content-Type-Options"] == "nosniff"
    assert static.headers.get("Cache-Control") != "no-store"
    assert client.get("/health").headers["X-Content-Type-Options"] == "nosniff"
