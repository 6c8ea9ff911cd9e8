"""Server-side sessions: a forged cookie signs nobody in, a cookie copied before sign-out or
before a password change is dead afterwards, sign-in is throttled per account and per address,
and the cookie is Secure behind HTTPS."""

from __future__ import annotations

from fastapi.testclient import TestClient

from hub.app import create_app
from mdm.auth.sessions import SessionSigner, new_session
from mdm.auth.users import set_password
from tests.e2e.ui.conftest import Hub, csrf_of, signed_in
from tests.e2e.ui.data import PASSWORDS

COOKIE = "mdm_session"


def _queue_status(hub: Hub, cookie: str) -> int:
    client = TestClient(create_app(hub.runtime))
    client.cookies.set(COOKIE, cookie, path="/ui")
    return client.get("/ui/queue", follow_redirects=False).status_code


def test_a_cookie_signed_with_the_old_default_or_any_guess_is_refused(hub: Hub) -> None:
    for secret in ("dev-only-change-me", "test-secret-not", ""):
        forged = SessionSigner(secret or "x").dumps(new_session(signed_in=True))
        assert _queue_status(hub, forged) == 303
    # even with the real secret, a session id the server never issued signs nobody in
    made_up = SessionSigner("test-secret").dumps(new_session(signed_in=True))
    assert _queue_status(hub, made_up) == 303


def test_a_cookie_copied_before_sign_out_is_dead_after_it(hub: Hub) -> None:
    client, token = signed_in(hub, "bob")
    copied = client.cookies.get(COOKIE)
    assert copied and _queue_status(hub, copied) == 200
    client.post("/ui/logout", data={"csrf_token": token}, follow_redirects=False)
    assert _queue_status(hub, copied) == 303


def test_a_password_change_ends_every_session_of_the_account(hub: Hub) -> None:
    client_a, _ = signed_in(hub, "bob")
    client_b, _ = signed_in(hub, "bob")
    cookies = [c.cookies.get(COOKIE) for c in (client_a, client_b)]
    assert all(c and _queue_status(hub, c) == 200 for c in cookies)
    with hub.runtime.unit_of_work() as uow:
        assert set_password(uow, "bob", PASSWORDS["bob"]) >= 2
    assert all(_queue_status(hub, c or "") == 303 for c in cookies)


def _attempt(client: TestClient, name: str, password: str) -> int:
    token = csrf_of(client.get("/ui/login").text)
    answer = client.post(
        "/ui/login", data={"csrf_token": token, "name": name, "password": password}
    )
    return answer.status_code


def test_sign_in_is_throttled_per_account_even_for_the_right_password(hub: Hub) -> None:
    client = TestClient(create_app(hub.runtime), client=("10.0.0.1", 50000))
    assert [_attempt(client, "vera", "wrong") for _ in range(5)] == [401] * 5
    token = csrf_of(client.get("/ui/login").text)
    refused = client.post(
        "/ui/login", data={"csrf_token": token, "name": "vera", "password": PASSWORDS["vera"]}
    )
    assert (
        refused.status_code == 429 and "Too many failed sign-ins for this account" in refused.text
    )
    assert "try again in 15 minutes" in refused.text
    other = TestClient(create_app(hub.runtime), client=("10.0.0.2", 50000))
    assert _attempt(other, "alice", PASSWORDS["alice"]) == 200  # other accounts still sign in


def test_sign_in_is_throttled_per_address(hub: Hub) -> None:
    guesser = TestClient(create_app(hub.runtime), client=("10.0.0.66", 50000))
    assert {_attempt(guesser, f"nobody{n}", "guess") for n in range(20)} == {401}
    token = csrf_of(guesser.get("/ui/login").text)
    refused = guesser.post(
        "/ui/login", data={"csrf_token": token, "name": "alice", "password": PASSWORDS["alice"]}
    )
    assert refused.status_code == 429 and "from your address" in refused.text
    elsewhere = TestClient(create_app(hub.runtime), client=("10.0.0.67", 50000))
    assert _attempt(elsewhere, "alice", PASSWORDS["alice"]) == 200


def test_the_cookie_is_secure_behind_https(hub: Hub) -> None:
    secure = TestClient(create_app(hub.runtime), base_url="https://testserver")
    assert "secure" in secure.get("/ui/login").headers["set-cookie"].lower()
    plain = TestClient(create_app(hub.runtime))
    assert "secure" not in plain.get("/ui/login").headers["set-cookie"].lower()
