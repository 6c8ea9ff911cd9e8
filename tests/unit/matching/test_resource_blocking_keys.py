"""The resource rules on a last name one slip apart: the name less each one of its letters,
made once per name (``_one_deleted``), each key once and in order."""

from __future__ import annotations

from matching.presets.resource_blocking import (
    _initial_last_near,
    _last_one_deleted,
    _one_deleted,
    month_and_day_either_way,
)


def test_a_name_less_each_letter_each_once() -> None:
    assert _one_deleted("bauer") == ("bauer", "auer", "buer", "baer", "baur", "baue")
    assert _one_deleted("otto") == ("otto", "tto", "oto", "ott")


def test_a_short_last_name_is_only_whole() -> None:
    assert _last_one_deleted(("jan", "wof")) == ["jan|wof"]
    assert _last_one_deleted(("jan", None)) == []
    assert _initial_last_near(("jan", "johann", "wof")) == []


def test_keys_of_each_initial_with_each_near_name() -> None:
    assert _last_one_deleted(("anna", "otto")) == ["anna|otto", "anna|tto", "anna|oto", "anna|ott"]
    assert _initial_last_near(("hans", "johannes", "otto")) == [
        "h|otto", "h|tto", "h|oto", "h|ott", "j|otto", "j|tto", "j|oto", "j|ott",
    ]  # fmt: skip


def test_a_date_either_way_round_is_read_once_per_text() -> None:
    assert month_and_day_either_way("1987-28-03") == "1987-03-28"
    assert month_and_day_either_way("1987-03-28") == "1987-03-28"
    assert month_and_day_either_way("28/03/1987") == "28/03/1987"
    assert month_and_day_either_way(None) is None
    assert month_and_day_either_way(19870328) == 19870328
