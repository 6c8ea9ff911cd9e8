"""Section "external_sparse": the sparsity and noise matrix's changes (``tests.bench.matrix_data``)
applied to the labelled records the project did not write (``tests.bench.peers_external``'s
RLdata10000, pseudopeople and restaurants), ours vs Splink 5 per cell: what the generated
matrix says about sparse and noisy records, checked on data whose errors the project did not
choose."""

from __future__ import annotations

from collections.abc import Callable

from tests.bench import matrix_data
from tests.bench.external_data import pseudopeople_persons, rldata10000
from tests.bench.external_restaurants import restaurants
from tests.bench.generated_data import EntityData
from tests.bench.peers_external import splink_of
from tests.bench.peers_matrix import COLUMNS as MATRIX_COLUMNS
from tests.bench.peers_matrix import MARRIED_NAMES, Cells, measure_cells
from tests.bench.section import Cell, Section

SETS: tuple[tuple[str, Callable[[bool], EntityData]], ...] = (
    ("RLdata10000", lambda _quick: rldata10000()),
    ("pseudopeople", pseudopeople_persons),
    ("restaurants", lambda _quick: restaurants()),
)
CELLS: Cells = [
    ("full data", lambda d: d),
    ("drop 30%", lambda d: matrix_data.dropped(d, 0.3)),
    ("drop 60%", lambda d: matrix_data.dropped(d, 0.6)),
    ("typos 30%", lambda d: matrix_data.typos(d, 0.3)),
    ("abbreviations 30%", lambda d: matrix_data.abbreviations(d, 0.3)),
    ("names exchanged 30%", lambda d: matrix_data.exchanged(d, 0.3)),
    ("OCR slips 30%", lambda d: matrix_data.ocr_slips(d, 0.3)),
    ("names truncated 30%", lambda d: matrix_data.truncated(d, 0.3)),
    MARRIED_NAMES,
]
# the matrix's columns but those of the figures before issue 11's model change (none here)
COLUMNS = ("data set", *(c for c in MATRIX_COLUMNS if "before" not in c))


def run(quick: bool) -> Section:
    rows: list[tuple[Cell, ...]] = []
    for name, load in SETS:
        for row in measure_cells(load(quick), CELLS, splink_of):
            rows.append((name, *(row[column] for column in COLUMNS[1:])))
    return Section(
        title="Records the project did not generate, thinned and dirtied: ours vs Splink",
        columns=COLUMNS,
        rows=tuple(rows),
        notes=(
            "The data sets of the section 'Records the project did not generate' (RLdata10000 "
            "and pseudopeople matched as resources, the restaurant guides as customers; the "
            "same Splink configurations), each with the sparsity and noise matrix's changes "
            "(tests/bench/matrix_data.py, seeded): drop N% blanks every field but the names in "
            "N% of each source's records (birth date, city, SSN; street, city, phone, "
            "cuisine); typos add a letter slip to a name of 30% of the records; abbreviations "
            "cut the first names of 30% of the people to an initial and the long words of 30% "
            "of the restaurants' names to four letters and a dot; names exchanged put 30% of "
            "the people's first and last names in each other's field (restaurants: the name's "
            "first word moved to its end); OCR slips misread one letter of a name in 30% of "
            "the records (O/0, l/1, rn/m, cl/d, e/c, ...); names truncated cut the names of "
            "30% of the records as an old system's fixed-width fields do, mid-word and "
            "without a dot (the people's first and last names at 8 characters, the "
            "restaurants' names at 20); married names give 10% of the "
            "people holding two records or more another person's last name (drawn from the "
            "data) in their later records (pseudopeople: those of the last source holding "
            "them, in the order census, ACS, CPS, Social Security; RLdata10000, one source: "
            "all but the first), not run on the restaurants (no last names). The quick run "
            "keeps one pseudopeople person in five.",
            "Columns as in the matrix: pairwise precision/recall/F1 of the clusters at the "
            "preset's auto-link threshold, Splink's connected components at p ≥ 0.5 and "
            "p ≥ 0.99; true pairs a person could decide: both records still hold the same one "
            "of the fields a steward decides by (resources: birth date, city, SSN; customers: "
            "street, city, phone), agreeing or not, and two of them (or the SSN) where the "
            "last names are unlike, as after a marriage; the difference columns compare with "
            "the data set's full-data row.",
        ),
    )
