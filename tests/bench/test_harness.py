"""Fast checks of the benchmark harness itself (evaluation, rendering, failure isolation)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from tests.bench import faults
from tests.bench.evaluate import (
    clusters_from_pairs,
    restricted,
    score_clusters,
    score_pairs,
    score_pairs_against_clusters,
    true_pairs,
)
from tests.bench.footprint import cpu_seconds, tree
from tests.bench.generated_data import EntityData
from tests.bench.machine import describe_machine
from tests.bench.matrix_data import exchanged, ocr_slips
from tests.bench.matrix_decidable import comparable_pairs, decidable_pairs
from tests.bench.report import format_cell, render_results
from tests.bench.run import run_section
from tests.bench.section import Section, SectionRecord

TRUTH = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3}  # 3 + 1 = 4 true pairs


def test_score_pairs_ignores_order_duplicates_and_self_pairs() -> None:
    score = score_pairs(
        ["a", "b", "d", "f"], ["b", "a", "e", "f"], ["a", "a", "b", "d"], ["b", "c", "c", "e"]
    )
    assert (score.true_pairs, score.predicted_pairs, score.true_positives) == (4, 2, 2)
    assert score.precision == 1.0 and score.recall == 0.5


def test_score_pairs_against_clusters_counts_unknown_ids_as_false_positives() -> None:
    score = score_pairs_against_clusters(["a", "d", "c", "x"], ["b", "e", "d", "y"], TRUTH)
    assert (score.true_pairs, score.predicted_pairs, score.true_positives) == (4, 4, 2)


def test_score_clusters_counts_implied_pairs_without_enumerating() -> None:
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}  # f missing: a singleton
    score = score_clusters(predicted, TRUTH)
    assert (score.true_pairs, score.predicted_pairs, score.true_positives) == (4, 4, 2)


def test_clusters_from_pairs_are_connected_components() -> None:
    labels = clusters_from_pairs("abcdef", ["a", "b", "d"], ["b", "c", "e"])
    assert score_clusters(labels, TRUTH).f1 == 1.0


def test_recall_over_chosen_true_pairs_keeps_the_clusterings_precision() -> None:
    assert sorted(true_pairs(TRUTH)) == [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")]
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    score = restricted(score_clusters(predicted, TRUTH), predicted, [("a", "b"), ("a", "c")])
    assert (score.true_pairs, score.found, score.precision) == (2, 1, 0.5)
    assert score.recall == 0.5 and score.f1 == 0.5


def test_a_pair_is_decidable_when_both_records_still_hold_a_same_deciding_field() -> None:
    def record(key: str, **fields: str | None) -> dict[str, str | None]:
        return {"id": key, "source": "crm", "source_id": key, "name": "Acme", **fields}

    records = (
        record("a", postal_code="N1 9GU", country="GB"),
        record("b", postal_code="N1 9GU", tax_id="GB123"),  # a-b: both hold a postcode
        record("c", tax_id=None, country="GB"),  # a-c, b-c: names and a country only
        record("d", phone="+441", city=None),
        record("e", phone="+442"),  # d-e: phones that differ still let a person decide
    )
    truth = pd.Series({"a": 1, "b": 1, "c": 1, "d": 2, "e": 2})
    data = EntityData("customer", records, truth, ("crm",))
    assert sorted(decidable_pairs(data)) == [("a", "b"), ("d", "e")]


def test_names_exchanged_and_misread_change_only_the_names_of_the_share_asked() -> None:
    records = tuple(
        {"id": str(n), "source": "hr", "first_name": "Olivia", "last_name": "Bloom",
         "email": "o.bloom@acme.com"}
        for n in range(200)
    )  # fmt: skip
    data = EntityData("resource", records, pd.Series({str(n): n for n in range(200)}), ("hr",))
    swapped = exchanged(data, 0.3).records
    turned = [r for r in swapped if (r["first_name"], r["last_name"]) == ("Bloom", "Olivia")]
    assert 40 <= len(turned) <= 80
    assert all(r["email"] == "o.bloom@acme.com" for r in swapped)
    misread = ocr_slips(data, 0.3).records
    changed = [r for r in misread if (r["first_name"], r["last_name"]) != ("Olivia", "Bloom")]
    assert 40 <= len(changed) <= 80
    # one name of each, one letter (or letter pair) read as another
    assert all((r["first_name"] == "Olivia") != (r["last_name"] == "Bloom") for r in changed)


def test_decidable_pairs_whose_values_are_of_two_schemes_cannot_be_read_against_each_other() -> (
    None
):
    def person(key: str, **fields: str) -> dict[str, str | None]:
        return {"id": key, "source": key, "source_id": key, "first_name": "Jo", **fields}

    records = (
        person("a", last_name="Doe", employee_number="E10234", email="jo.doe@acme.com"),
        # another employer's numbering scheme and mail domain: nothing to read either way
        person("b", last_name="Doe", employee_number="778812", email="jdoe@beta.com"),
        # the same scheme, another number: a person reads two people
        person("c", last_name="Doe", employee_number="E55555"),
    )
    truth = pd.Series({"a": 1, "b": 1, "c": 1})
    data = EntityData("resource", records, truth, ("a", "b", "c"))
    decidable = decidable_pairs(data)
    assert sorted(decidable) == [("a", "b"), ("a", "c"), ("b", "c")]
    assert sorted(comparable_pairs(data, decidable)) == [("a", "c")]


def test_a_failing_section_is_recorded_not_raised() -> None:
    machine = describe_machine()
    missing = run_section("missing", "tests.bench.no_such_module", False, machine)
    assert missing.status == "failed" and "ModuleNotFoundError" in (missing.error or "")
    markdown = render_results(["missing"], {"missing": missing}, machine)
    assert "## missing: failed" in markdown


def test_records_round_trip_and_render_as_tables() -> None:
    section = Section(
        "T", ("system", "F1", "seconds"), (("ours", 0.99934, 12.0), ("peer", None, 1.5))
    )
    record = SectionRecord("t", "ok", describe_machine(), 1.0, False, section=section)
    assert SectionRecord.from_dict(record.to_dict()) == record
    markdown = render_results(["t"], {"t": record}, record.machine)
    assert "| ours | 0.9993 | 12.00 |" in markdown and "| peer | — | 1.500 |" in markdown
    assert format_cell(1234567) == "1,234,567"


def test_fault_rows_come_from_the_suites_junit_properties(tmp_path: Path) -> None:
    report = tmp_path / "faults.xml"
    report.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase name="test_relay_killed" time="12.5"><properties>'
        '<property name="records_lost" value="0"/><property name="duplicated_effects" value="0"/>'
        '<property name="ledger" value="2,817 golden records = 2,812 applied + 0 pending + 5 '
        'dead-lettered"/>'
        "</properties></testcase>"
        '<testcase name="test_match_killed" time="3"><properties>'
        '<property name="records_lost" value="2"/><property name="duplicated_effects" value="1"/>'
        '</properties><failure message="lost"/></testcase>'
        "</testsuite></testsuites>"
    )
    assert faults.cases(report) == [
        (
            "relay killed",
            "yes",
            0,
            0,
            "2,817 golden records = 2,812 applied + 0 pending + 5 dead-lettered",
            12.5,
        ),
        ("match killed", "no", 2, 1, None, 3.0),
    ]


def test_cpu_seconds_counts_a_process_and_its_children_not_their_sleep() -> None:
    # a parent that sleeps while its child spins for a while, then sleeps too
    script = (
        "import subprocess, sys, time\n"
        "spin = 'import time\\nend = time.process_time() + 0.4\\n"
        "while time.process_time() < end: pass\\ntime.sleep(30)'\n"
        "child = subprocess.Popen([sys.executable, '-c', spin])\n"
        "time.sleep(30)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 20
        spent = 0.0
        while time.monotonic() < deadline and spent < 0.4:
            time.sleep(0.1)
            spent = cpu_seconds(parent.pid)
        assert (
            0.4 <= spent < 2.0
        )  # the child's 0.4 s counted; two sleeping interpreters' start-up aside
        time.sleep(0.5)
        assert cpu_seconds(parent.pid) - spent < 0.1  # sleeping costs nothing
    finally:
        for pid in reversed(tree(parent.pid)):
            os.kill(pid, signal.SIGKILL)
        parent.wait()
    assert cpu_seconds(parent.pid) == 0.0  # a process that has gone
