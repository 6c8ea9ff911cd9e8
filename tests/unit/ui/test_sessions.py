"""Signed session cookies, CSRF comparison and argon2 passwords (no database)."""

from __future__ import annotations

from mdm.auth.passwords import hash_password, verify_password
from mdm.auth.sessions import SessionSigner, csrf_matches, new_session, sid_hash


def test_a_session_round_trips_only_with_the_same_key() -> None:
    session = new_session(signed_in=True)
    assert session.sid is not None and len(session.sid) >= 32
    token = SessionSigner("key-one").dumps(session)
    assert SessionSigner("key-one").loads(token) == session
    assert SessionSigner("key-two").loads(token) is None
    assert SessionSigner("key-one").loads(token[:-2] + "xx") is None
    assert SessionSigner("key-one").loads(None) is None


def test_an_expired_session_is_refused() -> None:
    token = SessionSigner("k").dumps(new_session(signed_in=True))
    assert SessionSigner("k", max_age=-1).loads(token) is None


def test_every_session_has_its_own_csrf_token() -> None:
    one, two = new_session(), new_session(signed_in=True)
    assert one.csrf != two.csrf and len(one.csrf) >= 32
    assert csrf_matches(one, one.csrf)
    assert not csrf_matches(one, two.csrf) and not csrf_matches(one, None)
    assert not csrf_matches(one, "")


def test_passwords_are_hashed_with_argon2() -> None:
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$") and "correct horse" not in hashed
    assert verify_password(hashed, "correct horse")
    assert not verify_password(hashed, "wrong")
    assert not verify_password(None, "correct horse")
    assert not verify_password("not a hash", "x")


def test_the_database_keeps_a_hash_of_the_session_id() -> None:
    session = new_session(signed_in=True)
    assert session.sid is not None
    assert len(sid_hash(session.sid)) == 32 and session.sid.encode() not in sid_hash(session.sid)
