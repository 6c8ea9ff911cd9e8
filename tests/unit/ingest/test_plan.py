"""Which rows of an extract need checking, and what the plan makes of them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mdm.ingest.canonical_batch import check_rows, content_hash_of, raw_json_of
from mdm.ingest.plan import Planner, repeated_keys, split_unchanged
from mdm.ingest.reader import ExtractRow, parse_extract
from mdm.repositories.source_records import CurrentState

BODY = "Key,Account\nK1,Acme\nK2,Beta\nK3,Gamma\n"
COLUMNS = {"Key": "source_id", "Account": "name"}


def state_of(values: dict[str, str], *, deleted: bool = False) -> CurrentState:
    return CurrentState(1, content_hash_of(raw_json_of(values)), 1, deleted)


def test_rows_whose_content_the_record_holds_are_not_checked_again() -> None:
    rows = parse_extract("x.csv", BODY.encode()).rows
    existing = {
        "K1": state_of(rows[0].values),
        "K2": state_of({"Key": "K2", "Account": "Beta Old"}),
        "K3": state_of(rows[2].values, deleted=True),
    }
    unchanged, rest = split_unchanged(rows, COLUMNS, existing, repeated_keys(rows, COLUMNS))
    assert unchanged == {"K1"}
    assert [r.values["Key"] for r in rest] == ["K2", "K3"]  # changed; back after a deletion


def test_a_repeated_key_is_checked_even_when_one_copy_is_unchanged() -> None:
    rows = parse_extract("x.csv", (BODY + "K1,Acme Again\n").encode()).rows
    existing = {"K1": state_of(rows[0].values)}
    unchanged, rest = split_unchanged(rows, COLUMNS, existing, repeated_keys(rows, COLUMNS))
    assert unchanged == set()
    checked = list(check_rows("customer", COLUMNS, rest))
    planner = Planner(existing, repeated_keys(rows, COLUMNS))
    planner.place(rest, checked)
    plan = planner.finish(full=False)
    assert sorted(r.line_no for r in plan.rejected) == [2, 5]


def test_a_first_load_checks_everything() -> None:
    rows = parse_extract("x.csv", BODY.encode()).rows
    assert split_unchanged(rows, COLUMNS, {}, {}) == (set(), rows)


def test_unchanged_rows_count_and_are_not_tombstoned_by_a_full_extract() -> None:
    rows = parse_extract("x.csv", BODY.encode()).rows
    existing = {
        "K1": state_of(rows[0].values),
        "K9": CurrentState(9, "old", 1, False),
    }
    unchanged, rest = split_unchanged(rows, COLUMNS, existing, repeated_keys(rows, COLUMNS))
    checked = list(check_rows("customer", COLUMNS, rest))
    planner = Planner(existing, repeated_keys(rows, COLUMNS), unchanged)
    planner.place(rest, checked)
    plan = planner.finish(full=True)
    assert plan.unchanged == 1
    assert [v.source_id for v in plan.new] == ["K2", "K3"]
    assert [v.source_id for v in plan.deleted] == ["K9"]


def test_parts_placed_one_by_one_make_one_plan() -> None:
    """Rows arrive in parts; the plan is the same as for all rows at once, and each part's
    new versions are returned for writing as it comes."""
    rows = parse_extract("x.csv", (BODY + "K4,Delta\nK5,Echo\n").encode()).rows
    existing = {"K2": state_of({"Key": "K2", "Account": "Beta Old"})}
    planner = Planner(existing, repeated_keys(rows, COLUMNS))
    written = []
    for start in (0, 2, 4):
        part = rows[start : start + 2]
        new, changed = planner.place(part, list(check_rows("customer", COLUMNS, part)))
        written.append(([v.source_id for v in new], [v.source_id for v in changed]))
    plan = planner.finish(full=False)
    assert written == [(["K1"], ["K2"]), (["K3", "K4"], []), (["K5"], [])]
    assert [v.source_id for v in plan.new] == ["K1", "K3", "K4", "K5"]


def test_the_plan_keeps_what_follows_the_writes_not_the_json_written() -> None:
    rows = parse_extract("x.csv", BODY.encode()).rows
    existing = {"K2": CurrentState(7, "old", 3, False)}
    checked = list(check_rows("customer", COLUMNS, rows))
    planner = Planner(existing, {})
    new, changed = planner.place(rows, checked)
    assert all(v.fields for v in (*new, *changed))  # the caller writes these
    plan = planner.finish(full=False)
    assert [(v.source_id, v.version_no, v.record_id) for v in plan.changed] == [("K2", 4, 7)]
    assert [v.source_id for v in plan.new] == ["K1", "K3"]
    assert [v.fields for v in (*plan.new, *plan.changed)] == ["", "", ""]
    assert [v.content_hash for v in plan.new] == [c.content_hash for c in (checked[0], checked[2])]


def test_a_changed_constant_makes_every_row_changed() -> None:
    """The mapping's constants are part of a row's content: loaded with ``country``
    given as a constant, the rows are unchanged under it and changed under another."""
    rows = parse_extract("x.csv", BODY.encode()).rows
    given = {"country": "DE"}
    checked = list(check_rows("customer", COLUMNS, rows, constants=given))
    existing = {c.source_id: CurrentState(1, c.content_hash, 1, False) for c in checked}
    same, _ = split_unchanged(rows, COLUMNS, existing, {}, given)
    assert same == {"K1", "K2", "K3"}
    other, rest = split_unchanged(rows, COLUMNS, existing, {}, {"country": "FR"})
    assert other == set() and rest == rows
    dropped, _ = split_unchanged(rows, COLUMNS, existing, {})
    assert dropped == set()  # no constant any more: the rows load again without it


@given(st.lists(st.sampled_from(["K1", " K1", "K2 ", "K3", "", "  "]), max_size=12))
def test_repeated_keys_name_every_line_of_a_key_seen_twice_in_the_order_of_first_lines(
    keys: list[str],
) -> None:
    rows = [ExtractRow(line, {"Key": key, "Account": "A"}) for line, key in enumerate(keys, 2)]
    by_key: dict[str, list[int]] = {}
    for row in rows:
        if row.values["Key"].strip():
            by_key.setdefault(row.values["Key"].strip(), []).append(row.line_no)
    expected = [
        (line, f"source_id {key!r} appears more than once (lines {', '.join(map(str, lines))})")
        for key, lines in by_key.items()
        if len(lines) > 1
        for line in lines
    ]
    assert list(repeated_keys(rows, COLUMNS).items()) == expected
