"""Checking rows in bulk: forked workers give exactly what one process gives, in order."""

from __future__ import annotations

import hashlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mdm.db.bulk import sorted_json_bytes
from mdm.domain.date_orders import date_orders
from mdm.domain.entities import schema_for
from mdm.ingest import canonical_batch
from mdm.ingest.canonical_batch import check_parts, check_rows, content_hash_of, part_bounds
from mdm.ingest.constants import constants_json
from mdm.ingest.reader import parse_extract

HEADER = "source_id,name,country,phone,email,website,currency\n"
ROW = "S{i},Firm {i},{country},+44 20 7946 {i:04d},info{i}@firm{i}.co.uk,www.firm{i}.de,{cur}\n"


def _extract(rows: int) -> bytes:
    body = "".join(
        ROW.format(i=i, country="GB" if i % 3 else "nowhere", cur="EUR" if i % 7 else "???")
        for i in range(rows)
    )
    return (HEADER + body).encode()


def test_forked_workers_give_what_one_process_gives_in_order() -> None:
    extract = parse_extract("x.csv", _extract(230))
    columns = {c: c for c in extract.header}
    serial = list(check_rows("customer", columns, extract.rows))
    forked = list(check_rows("customer", columns, extract.rows, parallel_from=10, chunk=40))
    assert forked == serial
    assert [c.source_id for c in forked] == [f"S{i}" for i in range(230)]


def test_hash_and_version_fields_are_made_once_from_the_sorted_raw_row() -> None:
    extract = parse_extract("x.csv", _extract(8))
    checked = list(check_rows("customer", {c: c for c in extract.header}, extract.rows))[1]
    raw = extract.rows[1].values
    sorted_json = json.dumps(dict(sorted(raw.items())), ensure_ascii=False, separators=(",", ":"))
    assert checked.content_hash == hashlib.sha256(sorted_json.encode()).hexdigest()
    raw_field, canonical_field, invalid_field = checked.version_fields.split("\t")
    assert raw_field == sorted_json
    canonical = json.loads(canonical_field)
    assert canonical["source_id"] == "S1" and canonical["country"] == "GB"
    assert canonical["phone"] == "+442079460001" and canonical["website"] == "firm1.de"
    assert json.loads(invalid_field) == {}


def test_version_fields_are_escaped_for_copy() -> None:
    body = 'source_id,name,address_line1\nS1,"Tab\there","Line\\one\nLine two"\n'
    extract = parse_extract("x.csv", body.encode())
    (checked,) = check_rows("customer", {c: c for c in extract.header}, extract.rows)
    assert checked.version_fields.count("\t") == 2  # only the separators: tabs are escaped
    assert "\n" not in checked.version_fields and "\\\\" in checked.version_fields


def test_rejected_rows_carry_no_version_fields_and_mapped_columns_are_renamed() -> None:
    extract = parse_extract("x.csv", b"Key,Account,currency\nK1,,EUR\nK2,Beta,EUR\n")
    columns = {"Key": "source_id", "Account": "name", "currency": "currency"}
    rejected, accepted = check_rows("customer", columns, extract.rows)
    assert rejected.errors and rejected.version_fields == ""
    raw_field, canonical_field, _ = accepted.version_fields.split("\t")
    assert json.loads(canonical_field)["name"] == "Beta"
    assert json.loads(raw_field) == {"Account": "Beta", "Key": "K2", "currency": "EUR"}


@settings(deadline=None)  # size 1 makes up to 50,000 parts: 0.28 s on a loaded machine
@given(st.integers(min_value=0, max_value=50_000), st.integers(min_value=1, max_value=5_000))
def test_parts_cover_every_row_once_and_start_small(total: int, size: int) -> None:
    bounds = part_bounds(total, size)
    assert [start for start, _ in bounds] == [0, *(end for _, end in bounds)][: len(bounds)]
    assert (bounds[-1][1] if bounds else 0) == total
    assert all(0 < end - start <= size for start, end in bounds)
    if len(bounds) > 1:
        assert bounds[0][1] - bounds[0][0] <= max(1, size // 8)


class _Unpicklable(list):  # type: ignore[type-arg]
    """Rows that cannot be pickled: the workers must inherit them as they fork."""

    def __reduce_ex__(self, protocol: object) -> object:
        raise AssertionError("the rows were pickled on the way to the workers")


def test_workers_inherit_their_rows_without_pickling() -> None:
    extract = parse_extract("x.csv", _extract(60))
    columns = {c: c for c in extract.header}
    serial = list(check_rows("customer", columns, extract.rows))
    rows = _Unpicklable(extract.rows)
    assert list(check_rows("customer", columns, rows, parallel_from=10, chunk=20)) == serial


def test_checks_running_at_once_in_one_process_each_check_their_own_rows() -> None:
    """The parent keeps no job of its own while its workers check (a job set in the parent
    before forking would reach the workers of whichever check forks next): one check is
    started, a second runs whole in between, the first resumes."""
    small, large = parse_extract("a.csv", _extract(90)), parse_extract("b.csv", _extract(150))
    columns = {c: c for c in small.header}
    expected = [list(check_rows("customer", columns, e.rows)) for e in (small, large)]
    parts = check_parts("customer", columns, large.rows, parallel_from=10, chunk=30)
    first_rows, first_checked = next(parts)  # its workers have forked and answered
    assert canonical_batch._WORKER_JOB is None
    between = list(check_rows("customer", columns, small.rows, parallel_from=10, chunk=30))
    assert canonical_batch._WORKER_JOB is None
    rest = [checked for _, part in parts for checked in part]
    assert between == expected[0]
    assert len(first_rows) == len(first_checked) and first_checked + rest == expected[1]


def test_the_workers_read_slash_dates_in_the_order_the_extract_decided() -> None:
    body = "source_id,full_name,hire_date\nP0,Ann Lee,31/01/2024\n" + "".join(
        f"P{i},Ann Lee,03/04/2024\n" for i in range(1, 40)
    )
    extract = parse_extract("hr.csv", body.encode())
    columns = {c: c for c in extract.header}
    dates = date_orders(schema_for("resource"), columns, [r.values for r in extract.rows])
    forked = [
        json.loads(checked.version_fields.split("\t")[1])["hire_date"]
        for _, part in check_parts(
            "resource", columns, extract.rows, dates=dates, parallel_from=10, chunk=10
        )
        for checked in part
    ]
    assert forked == ["2024-01-31"] + ["2024-04-03"] * 39
    alone = [json.loads(c.version_fields.split("\t")[1])["hire_date"]
             for c in check_rows("resource", columns, extract.rows)]  # fmt: skip
    assert alone[1] == "2024-03-04"  # records without their extract: each value by itself


def test_the_workers_give_every_row_the_mappings_constants() -> None:
    """The forked workers inherit the job's constants with its rows: every part, checked in
    a worker or by the parent, holds them and hashes them."""
    body = "ID,Role,Day Rate,From\n" + "".join(
        f"R{i},Consultant,{800 + i},2024-01-01\n" for i in range(40)
    )
    extract = parse_extract("rates.csv", body.encode())
    columns = {"ID": "source_id", "Role": "role", "Day Rate": "rate", "From": "effective_from"}
    given = {"unit": "day", "currency": "EUR"}
    forked = list(check_rows("rate_card", columns, extract.rows, constants=given,
                             parallel_from=10, chunk=10))  # fmt: skip
    units = {json.loads(c.version_fields.split("\t")[1])["unit"] for c in forked}
    raws = [json.loads(c.version_fields.split("\t")[0]) for c in forked]
    assert units == {"day"} and all(c.errors == () for c in forked)
    assert raws == [row.values for row in extract.rows]  # only what the file held
    alone = list(check_rows("rate_card", columns, extract.rows, constants=given))
    assert [c.content_hash for c in forked] == [c.content_hash for c in alone]


@given(
    st.dictionaries(st.text(max_size=6), st.text(max_size=8), max_size=5),
    st.dictionaries(st.sampled_from(["unit", "currency"]), st.text(min_size=1, max_size=5)),
)
def test_a_rows_hash_from_its_json_bytes_is_the_hash_of_its_json_text_and_constants(
    values: dict[str, str], constants: dict[str, str]
) -> None:
    """The hash the checks and the unchanged rows take from orjson's bytes is the sha256 of
    the sorted raw JSON text, then a newline and the constants' JSON where there are any."""
    text = json.dumps(dict(sorted(values.items())), ensure_ascii=False, separators=(",", ":"))
    given_json = constants_json(constants)
    expected = hashlib.sha256((f"{text}\n{given_json}" if constants else text).encode()).hexdigest()
    suffix = canonical_batch.hash_suffix(given_json)
    assert canonical_batch.row_hash(sorted_json_bytes(values), suffix) == expected
    assert content_hash_of(text, given_json) == expected
