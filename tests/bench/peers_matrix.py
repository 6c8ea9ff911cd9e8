"""Section "matrix": ours vs Splink 5 on the project's generated records, thinned and dirtied
(``tests.bench.matrix_data``): every cell is the same records with one change."""

from __future__ import annotations

from collections.abc import Callable

from tests.bench import matrix_data, matrix_decidable
from tests.bench.generated_data import ENTITIES, EntityData, entity_data, generate_dataset
from tests.bench.matrix_trailing_words import trailing_words
from tests.bench.peer_cells import BEFORE_COMMIT, CellFigures, before, best_peer_f1, measure_cell
from tests.bench.section import Cell, Section, ratio

SEED = 20240607
FULL_SIZE = 4_000
QUICK_SIZE = 400
NOISY_ERROR_RATE = 0.6

COLUMNS = (
    "cell", "entity", "records", "true pairs", "precision", "recall", "F1",
    f"F1 before ({BEFORE_COMMIT})", "sent to review", f"sent to review before ({BEFORE_COMMIT})",
    "F1 − full-data F1", "Splink F1 (p ≥ 0.5)", "Splink F1 (p ≥ 0.99)",
    "F1 ratio ours/best Splink", "true pairs a person could decide",
    "F1, recall over those", "F1 over those − full-data F1", "Splink F1 over those (best)",
    "of those, with values that can be read against each other",
    "F1 over the readable − full-data F1",
    "seconds ours", "seconds Splink",
)  # fmt: skip

Cells = list[tuple[str, Callable[[EntityData], EntityData]]]
MARRIED_NAMES: tuple[str, Callable[[EntityData], EntityData]] = (
    "married names 10%",
    lambda d: matrix_data.married_names(d, 0.1),
)
NAME_AND_WEBSITE: tuple[str, Callable[[EntityData], EntityData]] = (
    "one source: name + website",
    matrix_data.name_and_website,
)
TRAILING_WORDS: tuple[str, Callable[[EntityData], EntityData]] = (
    "trailing words 30%",
    lambda d: trailing_words(d, 0.3),
)
PEOPLE_ONLY = frozenset({MARRIED_NAMES[0]})
"""Cells changing what only people hold (a last name): left out for customers."""
CUSTOMERS_ONLY = frozenset({NAME_AND_WEBSITE[0], TRAILING_WORDS[0]})
"""Cells keeping or changing what only customers hold (a website, a group or an office):
left out for people."""


def _cells() -> Cells:
    return [
        ("full data", lambda d: d),
        ("drop 30%", lambda d: matrix_data.dropped(d, 0.3)),
        ("drop 60%", lambda d: matrix_data.dropped(d, 0.6)),
        ("one source: name + one field", matrix_data.name_plus_one),
        NAME_AND_WEBSITE,
        ("typos 10%", lambda d: matrix_data.typos(d, 0.1)),
        ("typos 30%", lambda d: matrix_data.typos(d, 0.3)),
        ("abbreviations 30%", lambda d: matrix_data.abbreviations(d, 0.3)),
        ("names exchanged 30%", lambda d: matrix_data.exchanged(d, 0.3)),
        ("OCR slips 30%", lambda d: matrix_data.ocr_slips(d, 0.3)),
        ("names truncated 30%", lambda d: matrix_data.truncated(d, 0.3)),
        TRAILING_WORDS,
        MARRIED_NAMES,
    ]


def _splink(data: EntityData) -> object:
    from tests.bench.generated_splink import run_splink_generated

    return run_splink_generated(data)


def _row(
    cell: str, data: EntityData, figures: CellFigures, full: tuple[float | None, ...]
) -> dict[str, Cell]:
    """A cell's figures by column (``COLUMNS``); ``full``: the entity's full-data F1, over the
    decidable pairs and over the readable ones, which the difference columns compare with."""
    ours = figures.ours
    f1 = ours.f1 if ours else None
    full_f1, full_decidable, full_readable = full
    decidable = figures.ours_chosen.f1 if figures.ours_chosen else None
    readable = figures.ours_comparable
    peers = [s.f1 for s in (figures.splink_chosen, figures.splink_strict_chosen) if s]
    peer = best_peer_f1(figures)
    was = before("matrix").get((cell, data.entity), {})
    values = (
        cell if not figures.failure else f"{cell} ({figures.failure})",
        data.entity,
        len(data.records),
        ours.true_pairs if ours else None,
        ours.precision if ours else None,
        ours.recall if ours else None,
        f1,
        was.get("F1"),
        None if figures.review_share is None else f"{figures.review_share:.1%}",
        was.get("sent to review"),
        None if f1 is None or full_f1 is None else round(f1 - full_f1, 4),
        figures.splink.f1 if figures.splink else None,
        figures.splink_strict.f1 if figures.splink_strict else None,
        ratio(f1, peer),
        figures.ours_chosen.true_pairs if figures.ours_chosen else None,
        decidable,
        None
        if decidable is None or full_decidable is None
        else round(decidable - full_decidable, 4),
        max(peers) if peers else None,
        readable.true_pairs if readable else None,
        None
        if readable is None or full_readable is None
        else round(readable.f1 - full_readable, 4),
        figures.ours_seconds,
        figures.splink_seconds,
    )
    return dict(zip(COLUMNS, values, strict=True))


def measure_cells(
    base: EntityData, cells: Cells, splink: Callable[[EntityData], object]
) -> list[dict[str, Cell]]:
    """Ours and ``splink`` on each cell of ``base`` (the first cell is the full data the
    difference columns compare with; cells of ``PEOPLE_ONLY`` only where ``base`` holds
    people, of ``CUSTOMERS_ONLY`` only where it holds customers), each row by column
    (``COLUMNS``)."""
    rows: list[dict[str, Cell]] = []
    full: tuple[float | None, ...] = (None, None, None)
    left_out = CUSTOMERS_ONLY if base.entity == "resource" else PEOPLE_ONLY
    cells = [cell for cell in cells if cell[0] not in left_out]
    for number, (name, change) in enumerate(cells):
        data = change(base)
        decidable = matrix_decidable.decidable_pairs(data)
        readable = matrix_decidable.comparable_pairs(data, decidable)
        figures = measure_cell(data, splink, decidable, readable)
        if number == 0 and figures.ours and figures.ours_chosen:
            comparable = figures.ours_comparable
            full = (figures.ours.f1, figures.ours_chosen.f1, comparable.f1 if comparable else None)
        rows.append(_row(name, data, figures, full))
    return rows


def measure_entity(entity: str, base: EntityData, noisy: EntityData) -> list[tuple[Cell, ...]]:
    cells = [*_cells(), (f"generator error rate {NOISY_ERROR_RATE}", lambda _d: noisy)]
    return [tuple(row.values()) for row in measure_cells(base, cells, _splink)]


def _notes(size: int) -> tuple[str, ...]:
    return (
        f"Data: mdm.synthetic seed {SEED}, {size:,} customers and {size:,} resources (truth "
        "entities), error rate 0.3 (the last cell: 0.6), three extracts per entity, "
        "canonicalised as the hub does on ingest; each cell changes one thing "
        "(tests/bench/matrix_data.py, seeded): drop N% blanks every non-key field except the "
        "names in N% of each source's records; 'name + one field' leaves the first source only "
        "names and the postcode (customers) or e-mail (resources), 'name + website' "
        "(customers only) names and the website; typos add a letter slip to "
        "the name of N% of records; abbreviations cut customers' long words to four letters "
        "and a dot ('and' as '&') and resources' first names to an initial; names exchanged "
        "put resources' first and last names in each other's field (customers: the name's "
        "first word moved to its end); OCR slips misread one letter of a name as a scanner "
        "does (O/0, l/1, rn/m, cl/d, e/c, ...); names truncated cut every name of 30% of "
        "the records as an old system's fixed-width fields do, mid-word and without a dot: "
        "customers' names and legal names and resources' full names at 20 characters, "
        "resources' first and last names at 8; married names (resources only: customers have "
        "no last name, the cell is not run for them) give 10% of the people holding two "
        "records or more another person's last name, drawn from the data as often as it is "
        "held, in their later records (those of the last extract holding them, else all but "
        "their first record): last and full name change, the mailbox and everything else "
        "stay.",
        "Pairwise precision/recall/F1 of the clusters: ours at "
        "the preset's auto-link threshold (customers 0.99; resources 0.9 where the pair holds a field a steward decides by, 0.97 on names alone), "
        "Splink's connected components at p ≥ 0.5 and p ≥ 0.99 (tests/bench/generated_splink.py, "
        "the careful configuration of the generated section). Sent to review: share of records "
        "in a review-band pair left in different clusters. 'F1 − full-data F1' compares with "
        "the entity's first row. F1 and sent to review before: the same cell measured before "
        "the model change (tests/bench/baselines/).",
        "True pairs a person could decide: both records still hold, beside their names, the "
        "same one of the fields a steward decides by (customers: tax id, DUNS, website, "
        "e-mail, phone, street, postcode, city; resources: e-mail, phone, employee number, "
        "hire date, city), agreeing or not; a pair left with names only (or names and a "
        "country or job title) is not one, nor a pair of people whose last names are unlike "
        "(Jaro-Winkler below 0.8, either way round: a married name) holding no more than one "
        "such field other than an e-mail, phone or employee number: a first name and one "
        "date are what namesakes share (RLdata10000 with one person in ten renamed: 24 pairs "
        "of one person and 18 of two agree on first name and birth date and differ in the "
        "last name). 'F1, recall over those': the same clusters, "
        "precision over every predicted pair, recall over those true pairs only; the issue's "
        "goal (no cell more than 0.03 below the full data) is read on its difference column.",
        "Of those, with values that can be read against each other: some field both hold is "
        "at a level the entity's preset takes as evidence, as a disagreement or as a conflict "
        "(tests/bench/matrix_decidable.py, comparable_pairs), not at a neutral level: a pair whose "
        "only shared deciding fields are employee numbers of two numbering schemes, or "
        "mailboxes of different names at two domains, holds nothing a person could decide by "
        "beside the names (the column before counts it). Its difference column is ours only, "
        "measured as the column before (precision over every predicted pair).",
    )


def run(quick: bool) -> Section:
    size = QUICK_SIZE if quick else FULL_SIZE
    dataset = generate_dataset(SEED, size, size)
    noisy = generate_dataset(SEED, size, size, error_rate=NOISY_ERROR_RATE)
    rows: list[tuple[Cell, ...]] = []
    for entity in ENTITIES:
        rows.extend(
            measure_entity(entity, entity_data(dataset, entity), entity_data(noisy, entity))
        )
    return Section(
        title="Sparsity and noise matrix: generated records thinned and dirtied, ours vs Splink",
        columns=COLUMNS,
        rows=tuple(rows),
        notes=_notes(size),
    )
