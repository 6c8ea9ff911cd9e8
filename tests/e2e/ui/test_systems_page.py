"""The Systems page: syndication per connected system with its dead letters and reasons, and
the retry and replay buttons (stewards and admins only, CSRF-checked)."""

from __future__ import annotations

from connectors.config import parse_config
from mdm.sync import service
from mdm.sync.connections import connect
from tests.e2e.ui.conftest import Hub, signed_in
from tests.webhook_process import SECRET, Receiver, receiver

__all__ = ["receiver"]


def test_dead_letters_show_their_reason_and_a_steward_retries_them(
    hub: Hub, receiver: Receiver
) -> None:
    raw = {"connector": "webhook", "url": f"{receiver.url}/hook", "secret": SECRET,
           "entities": ["customer"]}  # fmt: skip
    with hub.runtime.unit_of_work() as uow:
        connect(uow, "hooks", parse_config("hooks", raw), service.utc_now())
    receiver.script({"status": 422})
    report = service.run(hub.runtime)[0]
    assert report.dead == 1

    viewer, _ = signed_in(hub, "vera")
    page = viewer.get("/ui/systems")
    assert page.status_code == 200
    assert (
        "hooks" in page.text and "HTTP 422" in page.text and "Retry dead letters" not in page.text
    )

    steward, token = signed_in(hub, "alice")
    refused = steward.post("/ui/systems/hooks/retry", data={})
    assert refused.status_code == 403
    done = steward.post("/ui/systems/hooks/retry", data={"csrf_token": token})
    assert done.status_code == 200 and "1 dead letters queued again." in done.text
    assert service.run(hub.runtime)[0].outcomes == {"created": 1}
    assert "No dead letters." in steward.get("/ui/systems").text
    replayed = steward.post(
        "/ui/systems/hooks/replay", data={"csrf_token": token, "since": "2000-01-01T00:00"}
    )
    assert replayed.status_code == 200 and "deliveries queued again." in replayed.text
    bad = steward.post("/ui/systems/hooks/replay", data={"csrf_token": token, "since": "soon"})
    assert bad.status_code == 422
