"""Small pieces of rendering: ages, numbers, values and the notices after a decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from stewardship_ui.notices import notice_for
from stewardship_ui.pages import age, percent, shown, signed

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def test_age_reads_like_a_person_says_it() -> None:
    assert age(NOW - timedelta(days=3, hours=2), NOW) == "3 d ago"
    assert age(NOW - timedelta(hours=5), NOW) == "5 h ago"
    assert age(NOW - timedelta(minutes=12), NOW) == "12 min ago"
    assert age(NOW - timedelta(seconds=5), NOW) == "just now"
    assert age(None, NOW) == ""


def test_numbers_and_values() -> None:
    assert percent(0.9441) == "94.4 %" and percent(None) == ""
    assert signed(3.171) == "+3.17" and signed(-19.8) == "-19.80"
    assert shown(None) == "—" and shown("") == "—" and shown(["a", "b"]) == "a; b"


def test_notices_come_from_codes_not_from_the_url_text() -> None:
    assert notice_for({"done": "merge", "task": "7", "golden": "g-1"}) == (
        "Task 7 merged into golden record g-1."
    )
    assert notice_for({"done": "<script>"}) is None
    assert notice_for({}) is None
