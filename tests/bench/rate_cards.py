"""Section "rate_cards": rate lines matched by the library (F1), as generated and with the
slips of systems the project did not write, and the hub's read of them (``mdm match``).

Rate lines name their customer by the customer's key in the same system; the hub compares
the golden id that key resolves to. The library run does the same: customers are resolved
first, and each line's ``customer_ref`` is its customer's cluster.

The "other systems' habits" cell changes one rate-card source (seeded): every line priced per
day instead of per hour (or the reverse) at 8 hours a day, roles written with the
abbreviations and alternatives of another system (``PM``, ``Principal / Partner``,
``Data Eng.``), start dates moved by up to 45 days, and half of the end dates left open.

The "a third system" cell adds a system (seeded) that holds a copy of some of the ERP's lines,
client cards as well as standard ones, with its own working day and habits: per day at 7.5
hours where the ERP prices per hour (per hour where it prices per day), roles as another
system writes them, a third of the starts moved up to four months later within the year, half
of the end dates open. It names customers by the ERP's keys (one customer master). The
matcher is configured with 8 hours a day, as the hub would be for its other systems; a last
row configures the third system's own day (``source_hours``).
"""

from __future__ import annotations

import itertools
import random
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tests.bench.evaluate import PairScore
from tests.bench.generated_data import EntityData
from tests.bench.section import Cell, Section

SEED = 20240611
FULL = {"customers": 8_000, "rate_lines": 6_000}
QUICK = {"customers": 600, "rate_lines": 500}
HOURS_PER_DAY = 8
THIRD_SYSTEM, THIRD_HOURS_PER_DAY, THIRD_SHARE = "billing", Decimal("7.5"), 0.4

OTHER_ROLES = {
    "project manager": "PM",
    "partner": "Principal / Partner",
    "data engineer": "Data Eng.",
    "senior consultant": "Sr. Consultant",
    "solution architect": "Solutions Architect",
    "business analyst": "BA",
    "managing director": "MD",
    "consultant": "Consultant (Delivery)",
}
"""How another system writes some roles (folded role -> its spelling)."""

COLUMNS = (
    "run", "rate lines", "true pairs", "predicted pairs", "precision", "recall", "F1",
    "sent to review", "true pairs scored: median weight (bits)", "seconds",
    "hub: read and prepare (s)", "hub: mdm match (s)",
)  # fmt: skip


def _dataset(size: dict[str, int]) -> Any:
    from mdm.synthetic import GeneratorConfig, generate

    config = GeneratorConfig(
        seed=SEED, customers=size["customers"], resources=0, rate_lines=size["rate_lines"]
    )
    return generate(config)


def _rows(dataset: Any, entity: str) -> list[tuple[str, dict[str, str]]]:
    return [(e.system, dict(r)) for e in dataset.extracts if e.entity == entity for r in e.rows]


def _customer_clusters(dataset: Any) -> dict[tuple[str, str], str]:
    from matching import Matcher, settings_for
    from tests.bench.generated_data import entity_data

    data = entity_data(dataset, "customer")
    resolution = Matcher(settings_for("customer")).resolve(list(data.records))
    clusters = {}
    for number, members in enumerate(resolution.clusters):
        for record_id in members:
            system, _, source_id = record_id.partition(":")
            clusters[(system, source_id)] = f"g{number}"
    return clusters


def _shift_day(value: str, days: int) -> str:
    import datetime as dt

    try:
        start = dt.date.fromisoformat(value)
    except ValueError:
        return value
    moved = start + dt.timedelta(days=days)
    return moved.isoformat() if moved.year == start.year else value


def other_habits(
    rows: list[tuple[str, dict[str, str]]], system: str
) -> list[tuple[str, dict[str, str]]]:
    rng = random.Random(SEED)
    changed = []
    for source, row in rows:
        row = dict(row)
        if source == system:
            rate = Decimal(row["rate"])
            if row.get("unit", "hour").startswith("d"):
                row["rate"], row["unit"] = (
                    str((rate / HOURS_PER_DAY).quantize(Decimal("0.01"))),
                    "hour",
                )
            else:
                row["rate"], row["unit"] = str(rate * HOURS_PER_DAY), "day"
            row["role"] = OTHER_ROLES.get(row["role"].strip().lower(), row["role"])
            row["effective_from"] = _shift_day(row["effective_from"], rng.randint(1, 45))
            if rng.random() < 0.5:
                row["effective_to"] = ""
        changed.append((source, row))
    return changed


Truth = dict[tuple[str, str, str], str]


def third_system(
    rows: list[tuple[str, dict[str, str]]],
    truth: Truth,
    clusters: dict[tuple[str, str], str],
    erp: str,
) -> tuple[list[tuple[str, dict[str, str]]], Truth, dict[tuple[str, str], str]]:
    """``rows`` with the third system's copies of a seeded share of the ERP's lines (one per
    line), and the truth and customer clusters extended to them."""
    rng = random.Random(f"{SEED}:third")
    copied: list[tuple[str, dict[str, str]]] = []
    extra_truth, seen = dict(truth), set()
    for source, row in rows:
        line = truth.get((source, "rate_card", row["source_id"]))
        if source != erp or line is None or line in seen or rng.random() >= THIRD_SHARE:
            continue
        seen.add(line)
        copy = _third_habits(row, rng)
        copied.append((THIRD_SYSTEM, copy))
        extra_truth[(THIRD_SYSTEM, "rate_card", copy["source_id"])] = line
    shared = {(THIRD_SYSTEM, key): g for (system, key), g in clusters.items() if system == erp}
    return rows + copied, extra_truth, {**clusters, **shared}


def _third_habits(row: dict[str, str], rng: random.Random) -> dict[str, str]:
    copy = {**row, "source_id": f"B-{row['source_id']}"}
    rate = Decimal(row["rate"])
    if row.get("unit", "hour").startswith("d"):
        copy["rate"], copy["unit"] = str((rate / HOURS_PER_DAY).quantize(Decimal("0.01"))), "hour"
    else:
        copy["rate"], copy["unit"] = str(rate * THIRD_HOURS_PER_DAY), "day"
    copy["role"] = OTHER_ROLES.get(row["role"].strip().lower(), row["role"])
    if rng.random() < 1 / 3:
        copy["effective_from"] = _shift_day(row["effective_from"], rng.randint(1, 120))
    if rng.random() < 0.5:
        copy["effective_to"] = ""
    return copy


@dataclass(frozen=True)
class LibraryRun:
    score: PairScore
    review_share: float
    seconds: float
    true_pair_weight: float | None  # median match weight (bits) of the true pairs scored
    missed: dict[str, int]  # the true pairs left apart, by what a person would see in them


def _library(
    known: Truth,
    rows: list[tuple[str, dict[str, str]]],
    clusters: dict[tuple[str, str], str],
    settings: Any = None,
) -> LibraryRun:
    from tests.bench.generated_ours import figures_of, resolve_timed

    records: list[dict[str, str | None]] = []
    truth = {}
    for system, row in rows:
        record: dict[str, str | None] = {**row, "id": f"{system}:{row['source_id']}"}
        record["source"] = system
        customer = clusters.get((system, row.get("customer_source_id") or ""))
        if customer:
            record["customer_ref"] = customer
        records.append(record)
        truth[record["id"]] = known.get((system, "rate_card", row["source_id"]))
    systems = tuple(sorted({system for system, _ in rows}))
    data = EntityData("rate_card", tuple(records), pd.Series(truth, dtype=object), systems)
    resolution, seconds = resolve_timed(data, settings)
    figures = figures_of(data, resolution, seconds)
    score = PairScore(
        int(figures["true_pairs"]), int(figures["predicted_pairs"]),
        int(figures["true_positives"]),
    )  # fmt: skip
    weights = [
        link.explanation.total_weight
        for link in resolution.links
        if truth[link.left_id] is not None and truth[link.left_id] == truth[link.right_id]
    ]
    median = float(np.median(weights)) if weights else None
    missed = missed_pairs(records, truth, resolution)
    return LibraryRun(score, figures["review_share"], seconds, median, missed)


def missed_pairs(
    records: list[dict[str, str | None]], truth: dict[Any, Any], resolution: Any
) -> dict[str, int]:
    """The true pairs in different clusters: one line naming a customer and the other none
    (read as the standard card), customers not resolved to one, sent to review (and whether
    the amounts forced it), or left apart otherwise."""
    cluster = {member: n for n, members in enumerate(resolution.clusters) for member in members}
    review = {
        frozenset((link.left_id, link.right_id)): link.explanation.review_forced
        for link in resolution.links
        if link.decision == "review"
    }
    named = {str(r["id"]): bool(r.get("customer_source_id")) for r in records}
    customer = {str(r["id"]): r.get("customer_ref") for r in records}
    lines: dict[str, list[str]] = {}
    for record_id, line in truth.items():
        if line is not None:
            lines.setdefault(line, []).append(record_id)
    counts = dict.fromkeys(MISSED, 0)
    for members in lines.values():
        for a, b in itertools.combinations(members, 2):
            if cluster[a] == cluster[b]:
                continue
            pair = frozenset((a, b))
            if named[a] != named[b]:
                counts[MISSED[0]] += 1
            elif customer[a] != customer[b]:
                counts[MISSED[1]] += 1
            elif pair in review:
                counts[MISSED[2] if review[pair] else MISSED[3]] += 1
            else:
                counts[MISSED[4]] += 1
    return counts


MISSED = (
    "one line names its customer and the other none (read as the standard card)",
    "their customers were not resolved to one",
    "sent to review, forced by the amounts (more than a few per cent apart)",
    "sent to review on their weight",
    "left apart otherwise",
)


def _hub(dataset: Any) -> tuple[float | None, float, str]:
    """Ingest customers and rate lines, match customers, then time ``mdm match`` of the rate
    lines; returns its 'read and prepare' stage, its whole time and its summary."""
    from tests.bench.hub_cli import fresh_hub, ingest_extracts, mdm_match

    with fresh_hub("mdm_bench_rates") as env:
        with tempfile.TemporaryDirectory() as tmp:
            for entity in ("customer", "rate_card"):
                ingest_extracts(dataset, entity, Path(tmp), env)
        mdm_match("customer", env)
        started = time.perf_counter()
        summary = mdm_match("rate_card", env)
        seconds = time.perf_counter() - started
    return _stage(summary, "read and prepare"), seconds, summary.strip()


def _stage(summary: str, name: str) -> float | None:
    stages = summary.rpartition("stages: ")[2]
    for part in stages.split(", "):
        if part.startswith(name + " "):
            return float(part[len(name) :].strip().removesuffix(" s"))
    return None


def run(quick: bool) -> Section:
    from matching import settings_for

    size = QUICK if quick else FULL
    dataset = _dataset(size)
    clusters = _customer_clusters(dataset)
    rows = _rows(dataset, "rate_card")
    systems = sorted({system for system, _ in rows})
    habits = other_habits(rows, systems[-1])
    third = third_system(rows, dataset.truth, clusters, systems[0])
    own_day = settings_for("rate_card", source_hours=((THIRD_SYSTEM, float(THIRD_HOURS_PER_DAY)),))
    hub_read, hub_seconds, summary = _hub(dataset)
    table: list[tuple[Cell, ...]] = []
    missed: list[str] = []
    copying = f"a third system copying {THIRD_SHARE:.0%} of {systems[0]}'s lines"
    for name, (cell_rows, truth, customers), settings in (
        ("as generated", (rows, dataset.truth, clusters), None),
        (f"{systems[-1]} with other systems' habits", (habits, dataset.truth, clusters), None),
        (copying, third, None),
        (f"{copying}, its {THIRD_HOURS_PER_DAY}-hour day configured", third, own_day),
    ):
        measured = _library(truth, cell_rows, customers, settings)
        score, hub = measured.score, name == "as generated"
        table.append((
            f"library: {name}", len(cell_rows), score.true_pairs, score.predicted_pairs,
            score.precision, score.recall, score.f1, f"{measured.review_share:.1%}",
            measured.true_pair_weight, measured.seconds,
            hub_read if hub else None, hub_seconds if hub else None,
        ))  # fmt: skip
        counts = "; ".join(f"{n} {why}" for why, n in measured.missed.items())
        missed.append(f"{name}: {score.true_pairs - score.true_positives} missed: {counts}")
    return Section(
        title="Rate cards: matching F1 (library) and the hub's read of rate lines",
        columns=COLUMNS,
        rows=tuple(table),
        notes=(
            f"Data: mdm.synthetic seed {SEED}, {size['customers']:,} customers and "
            f"{size['rate_lines']:,} true rate lines, {len(systems)} rate-card systems; "
            "customers resolved first (the library's clusters stand for golden ids).",
            "Other systems' habits (tests/bench/rate_cards.py, seeded), in the last rate-card "
            "source: per day instead of per hour or the reverse (8 hours a day), roles as "
            "another system writes them (PM, Principal / Partner, Data Eng., Sr. Consultant, "
            "Solutions Architect, BA, MD, Consultant (Delivery)), start dates up to 45 days "
            "later within the year, half the end dates open.",
            f"A third system (tests/bench/rate_cards.py, seeded) holds a copy of "
            f"{THIRD_SHARE:.0%} of {systems[0]}'s lines (client cards too), per day at "
            f"{THIRD_HOURS_PER_DAY} hours where that system prices per hour (per hour where "
            "it prices per day), roles as above, a third of the starts up to 120 days later "
            "within the year, half the end dates open, customers named by its keys; the "
            f"matcher is configured with {HOURS_PER_DAY} hours a day, and in the last row "
            f"with the third system's own ({THIRD_HOURS_PER_DAY}, `source_hours`; the hub's "
            "MDM_SOURCE_HOURS_PER_DAY).",
            "Pairwise precision/recall/F1 of the clusters at the auto-link threshold (0.99). "
            "Median weight: of the true pairs among the scored candidate pairs, in bits (a "
            "habit the matcher absorbs may lower it without moving a pair across 0.99). "
            "Hub: the same generated extracts ingested with `mdm ingest` into a fresh database, "
            "customers matched, then `mdm match --entity rate_card` timed as a command; 'read "
            f"and prepare' is its own stage figure. Summary: {summary}",
            "True pairs left apart, by what a person would see in them: " + " | ".join(missed),
            "A line whose customer the extract left out reads as the firm's standard card, "
            "which prices the same role, level and period too: from the two records alone "
            "only its price (the client's, not the standard one) says it is the client's line, "
            "so a person could not link these pairs with confidence; the truth counts them. "
            "Two lines that agree on the key (customer, role, level, currency, overlapping "
            "periods) are one line whatever their prices: amounts within 5% (a price one "
            "system has not updated), a working day apart (a unit keyed wrongly) or a day rate "
            "at another working day (7 or 7.5 hours) weigh as that evidence and link when the "
            "rest carries the pair; only amounts further apart force review.",
        ),
    )
