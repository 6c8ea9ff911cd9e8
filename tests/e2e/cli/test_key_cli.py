"""`mdm key create|list|revoke`: the key is printed once as the last line, kept only as a hash,
works as a bearer token, and stops working when revoked (at most ``MDM_API_KEY_CACHE_SECONDS``
later, in an API process that had just verified it)."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy import text

from hub.app import create_app
from mdm.runtime import open_runtime
from mdm.settings import Settings
from tests.e2e.conftest import Cli


def test_create_list_use_and_revoke_a_key(cli: Cli) -> None:
    made = cli("key", "create", "crm-sync", "--system", "acme_crm", "--scopes", "read,write")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("mdm_") and len(token) > 50
    listed = cli("key", "list", check=True).stdout
    assert "crm-sync" in listed and "acme_crm" in listed and "read,write" in listed
    secret = token.split("_", 2)[2]  # the secret itself may hold "_" (URL-safe base64)
    assert token not in listed and secret not in listed
    trust = 0.3
    settings = Settings(database_url=cli.env["MDM_DATABASE_URL"], api_key_cache_seconds=trust)
    runtime = open_runtime(settings)
    try:
        with runtime.unit_of_work() as uow:
            stored = uow.session.execute(text("SELECT api_key::text FROM api_key")).scalar_one()
        assert secret not in stored  # split as above: the secret may hold "_" itself
        with TestClient(create_app(runtime)) as client:
            auth = {"Authorization": f"Bearer {token}"}
            assert client.get("/v1/events", headers=auth).status_code == 200
            assert client.post("/v1/customer/match", headers=auth, json={}).status_code == 403
            revoked = cli("key", "revoke", "crm-sync")
            assert (
                revoked.returncode == 0 and "refuse it within 5 s" in revoked.stdout
            )  # the default
            time.sleep(trust)
            assert client.get("/v1/events", headers=auth).status_code == 401
    finally:
        runtime.close()
    assert "revoked" in cli("key", "list", check=True).stdout


def test_bad_scopes_names_and_duplicates_are_refused(cli: Cli) -> None:
    bad = cli("key", "create", "k1", "--system", "crm", "--scopes", "read,everything")
    assert bad.returncode == 2 and "everything" in bad.stderr
    assert cli("key", "create", "k1", "--system", "crm", "--scopes", "read").returncode == 0
    again = cli("key", "create", "k1", "--system", "crm", "--scopes", "read")
    assert again.returncode == 2 and "exists already" in again.stderr
    rate = cli("key", "create", "k2", "--system", "crm", "--scopes", "read", "--rate", "0")
    assert rate.returncode == 2 and "rate" in rate.stderr
    unknown = cli("key", "revoke", "nobody")
    assert unknown.returncode == 2 and "no API key" in unknown.stderr
