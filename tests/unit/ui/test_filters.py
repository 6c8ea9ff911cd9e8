"""The queue filter: from the form's query string to the service's arguments and back."""

from __future__ import annotations

from stewardship_ui.filters import QueueFilter


def test_a_blank_form_asks_for_every_open_task() -> None:
    chosen = QueueFilter.from_query({"entity": "", "band": "", "older_than_days": ""})
    assert chosen == QueueFilter()
    assert chosen.service_arguments("alice") == {
        "entity": None, "system": None, "min_probability": None, "max_probability": None,
        "older_than_days": None, "assignee": None, "status": "open",
    }  # fmt: skip
    assert chosen.query() == {}


def test_band_age_and_me_become_service_arguments() -> None:
    chosen = QueueFilter.from_query(
        {"entity": "customer", "band": "unsure", "older_than_days": "7", "assignee": "me"}
    )
    arguments = chosen.service_arguments("alice")
    assert (arguments["min_probability"], arguments["max_probability"]) == (0.5, 0.8)
    assert arguments["older_than_days"] == 7 and arguments["assignee"] == "alice"
    assert chosen.query() == {
        "entity": "customer", "band": "unsure", "older_than_days": 7, "assignee": "me"
    }  # fmt: skip


def test_unknown_values_are_ignored_not_trusted() -> None:
    chosen = QueueFilter.from_query({"band": "all'--", "older_than_days": "-3", "status": "x"})
    assert chosen.band is None and chosen.older_than_days is None and chosen.status == "open"
