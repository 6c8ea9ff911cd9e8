"""A bulk resolution split into blocks for two real `mdm worker` processes on RabbitMQ and
joined in PostgreSQL gives the clusters and links one process gives on the same records, and an
incremental run the golden records they give."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from mdm.synthetic import GeneratorConfig, generate
from tests.conftest import drop_database, fresh_database_url
from tests.e2e.conftest import MDM, Cli
from tests.e2e.faults.processes import plain, wait_until

BROKER = os.environ.get("MDM_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")


GROUPS = ("Sunstar", "Quillmoor", "Brackenvale", "Ostrelin", "Marrowick", "Tevendale")
"""Groups of two sister companies each, one in Leeds (in the ERP), one in New York (in the
CRM), sharing the group's website: two companies, whose own pair differs on tax id, phone,
address and country."""


@pytest.fixture(scope="module")
def extracts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Customers of three systems, ~2,600 records with duplicates across and within them,
    copies (a system holding a record again under another id, ``matching.copies``) and the
    sister companies of ``GROUPS``; last, web leads holding a group's name and website only,
    each of which links to both sisters (``bridges``)."""
    folder = tmp_path_factory.mktemp("blocks")
    dataset = generate(GeneratorConfig(seed=31, customers=1_500, resources=1, rate_lines=1))
    paths = []
    for extract in (e for e in dataset.extracts if e.entity == "customer"):
        path = folder / f"{extract.system}.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=list(extract.header), lineterminator="\n")
            writer.writeheader()
            writer.writerows(extract.rows)
            writer.writerows(_copies(extract.rows[: 3 * len(paths) + 3]))
            writer.writerows(_sisters(extract.system))
        paths.append(path)
    bridges = folder / "web_leads.csv"
    with bridges.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["source_id", "name", "website"])
        writer.writeheader()
        writer.writerows(
            {"source_id": f"lead-{n}", "name": f"{stem} Logistics", "website": _site(stem)}
            for n, stem in enumerate(GROUPS)
        )
    return [*paths, bridges]


def _site(stem: str) -> str:
    return f"{stem.lower()}-logistics.com"


def _sisters(system: str) -> list[dict[str, str]]:
    """The sister companies a system holds: the ERP the Leeds ones, the CRM the New York ones."""
    if system == "acme_erp":
        return [
            {"source_id": f"sister-gb-{n}", "name": f"{stem} Logistics Ltd",
             "legal_name": f"{stem} Logistics Ltd", "tax_id": f"GB{310000000 + 7919 * n}",
             "website": _site(stem), "phone": f"+44 113 496 {1200 + 37 * n:04d}",
             "address_line1": f"{10 + n} Wellington Street", "city": "Leeds",
             "postal_code": f"LS1 {n + 1}AB", "country": "GB", "currency": "GBP"}
            for n, stem in enumerate(GROUPS)
        ]  # fmt: skip
    if system == "acme_crm":
        return [
            {"source_id": f"sister-us-{n}", "name": f"{stem} Logistics Inc.",
             "legal_name": f"{stem} Logistics Inc.", "tax_id": f"{81 + n}-{4410000 + 913 * n}",
             "website": _site(stem), "phone": f"+1 212 555 {2100 + 41 * n:04d}",
             "address_line1": f"{200 + n} Broadway", "city": "New York",
             "postal_code": f"{10007 + n}", "country": "US", "currency": "USD"}
            for n, stem in enumerate(GROUPS)
        ]  # fmt: skip
    return []


def _copies(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each row once or twice again, as a system holding the record under new ids."""
    return [
        {**row, "source_id": f"{row['source_id']}-copy{n}"}
        for index, row in enumerate(rows)
        for n in range(1 + index % 2)
    ]


@contextmanager
def hub(tmp_path: Path, name: str, extracts: list[Path]) -> Iterator[Cli]:
    """A fresh hub holding the extracts, matched once in one process before the last one
    (the web leads) came (which trains and stores the model every run then scores with)."""
    url = fresh_database_url(name)
    queue = f"mdm-blocks-{uuid.uuid4().hex[:8]}"  # other tests' workers must not take ours
    env = {**os.environ, "MDM_DATABASE_URL": url, "MDM_BROKER_URL": BROKER,
           "MDM_TASK_QUEUE": queue, "PYTHONPATH": str(Path.cwd())}  # fmt: skip
    home = tmp_path / name
    home.mkdir()
    cli = Cli(env=env, cwd=home)
    try:
        *first, last = extracts
        for path in first:
            cli("ingest", str(path), "--source", path.stem, "--entity", "customer")
        cli("match", "--entity", "customer", check=True)
        cli("ingest", str(last), "--source", last.stem, "--entity", "customer", check=True)
        yield cli
    finally:
        drop_database(url)


@contextmanager
def workers(cli: Cli, count: int) -> Iterator[None]:
    """``count`` worker processes of one pool process each."""
    started = []
    command = [*MDM, "worker", "--concurrency", "1"]
    for number in range(count):
        with (cli.cwd / f"worker-{number}.log").open("w") as out:
            group = {"start_new_session": True}  # one process group each, ended whole
            output = {"stdout": out, "stderr": subprocess.STDOUT}
            started.append(subprocess.Popen(command, env=cli.env, cwd=cli.cwd, **group, **output))
    logs = [cli.cwd / f"worker-{number}.log" for number in range(count)]
    try:
        ready = wait_until(lambda: all("ready." in log.read_text() for log in logs), timeout=120)
        assert ready, "the workers did not start"
        yield
    finally:
        for process in started:
            os.killpg(process.pid, signal.SIGTERM)
        for process in started:
            process.wait(timeout=60)


def outcome(cli: Cli) -> tuple[set[frozenset[tuple[str, str]]], set[tuple[object, ...]]]:
    """(golden records as sets of (source, source id), links as (left, right, probability,
    decision, explanation)): what a resolution decided, ids of golden records aside."""
    export = cli("export", "xref", "--entity", "customer", check=True).stdout
    groups: dict[str, set[tuple[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(export)):
        groups.setdefault(row["golden_id"], set()).add((row["source"], row["source_id"]))
    with psycopg.connect(plain(cli.env["MDM_DATABASE_URL"])) as conn:
        rows = conn.execute(
            "SELECT ls.source_id, rs.source_id, l.probability, l.decision, l.explanation::text "
            "FROM match_link l JOIN source_record ls ON ls.id = l.left_record_id "
            "JOIN source_record rs ON rs.id = l.right_record_id "
            "WHERE l.decision <> 'superseded'"
        ).fetchall()
    links = {(a, b, p, d, json.dumps(json.loads(e), sort_keys=True)) for a, b, p, d, e in rows}
    return {frozenset(g) for g in groups.values()}, links


def test_two_workers_and_an_incremental_run_give_the_clusters_of_one_process(
    tmp_path: Path, extracts: list[Path]
) -> None:
    with hub(tmp_path, "mdm_blocks_one", extracts) as one:
        alone = one("match", "--entity", "customer", "--bulk", check=True)
        expected = outcome(one)
    with hub(tmp_path, "mdm_blocks_two", extracts) as two, workers(two, 2):
        done = two("match", "--entity", "customer", "--bulk", "--distribute", "--blocks", "4")
        assert done.returncode == 0, done.stdout + done.stderr
        found = outcome(two)
    with hub(tmp_path, "mdm_blocks_around", extracts) as around:
        assert "incremental" in around("match", "--entity", "customer", check=True).stdout
        incremental = outcome(around)
    assert len(expected[0]) < sum(len(g) for g in expected[0])  # some records did match
    assert found[0] == expected[0]  # the same golden records
    assert found[1] == expected[1]  # the same links, scored and explained alike
    assert incremental[0] == expected[0]
    # a web lead links to both sisters, whose own pair the matcher holds apart: it joins one
    leads = {f"lead-{n}": {f"sister-gb-{n}", f"sister-us-{n}"} for n in range(len(GROUPS))}
    linked = {frozenset((a, b)) for a, b, _, decision, _ in expected[1] if decision == "auto"}
    assert any(
        {frozenset((lead, sister)) for sister in sisters} <= linked
        for lead, sisters in leads.items()
    )
    for group in expected[0]:
        ids = {sid for _, sid in group}
        assert not any(sisters <= ids for sisters in leads.values())
    # copies resolved as units: each in its original's golden record, linked to it alone
    assert any("-copy" in sid for group in expected[0] for _, sid in group)
    for group in expected[0]:
        ids = {sid for _, sid in group}
        assert all(sid.partition("-copy")[0] in ids for sid in ids if "-copy" in sid)
    ends = [(left, right) for left, right, *_ in expected[1] if "-copy" in left + right]
    assert ends and all(left == right.partition("-copy")[0] for left, right in ends)
    assert "by 2 worker processes" in done.stdout  # both workers did blocks
    pairs = re.compile(r"(\d+) candidate pairs")
    assert pairs.findall(done.stdout) == pairs.findall(alone.stdout)  # each pair counted once


def test_distribute_without_a_broker_says_what_it_needs(cli: Cli) -> None:
    env = {k: v for k, v in cli.env.items() if k != "MDM_BROKER_URL"}
    done = Cli(env=env, cwd=cli.cwd)("match", "--entity", "customer", "--distribute")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "--distribute needs MDM_BROKER_URL" in done.stderr
