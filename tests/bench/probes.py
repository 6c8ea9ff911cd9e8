"""Probe customers for incremental matching: near-duplicates of records the hub holds, carrying
the generator's own kinds of mistake, and customers it has never seen."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.synthetic import generate_extract
from mdm.synthetic.corruption import blank_one, respace, typo_in
from mdm.synthetic.draws import Weighted
from mdm.synthetic.name_variants import abbreviate, legal_form_variant, street_variant
from mdm.synthetic.spelling import change_case, digit_slip, strip_accents

Row = dict[str, str]
NAMES = ("name", "legal_name")
OPTIONAL = ("email", "phone", "website", "tax_id", "duns", "address_line2", "industry",
            "postal_code", "region", "currency")  # fmt: skip


@dataclass(frozen=True)
class Probe:
    values: Row  # canonical field -> raw value, without source_id
    golden_id: str | None  # the golden record it duplicates; None for a new customer


def _on_names(change: Callable[[str, random.Random], str]) -> Callable[[Row, random.Random], None]:
    def apply(row: Row, rng: random.Random) -> None:
        for name in NAMES:
            if row.get(name):
                row[name] = change(row[name], rng)

    return apply


def _on(field: str, change: Callable[[str, random.Random], str]) -> Callable[[Row, random.Random], None]:  # fmt: skip
    def apply(row: Row, rng: random.Random) -> None:
        if row.get(field):
            row[field] = change(row[field], rng)

    return apply


def _swap_names(row: Row, rng: random.Random) -> None:
    if row.get("legal_name"):
        row["name"], row["legal_name"] = row["legal_name"], row["name"]


# weights follow mdm.synthetic.customer_errors for the mistakes that need only the row
MISTAKES: Weighted[Callable[[Row, random.Random], None]] = Weighted(
    [
        lambda row, rng: typo_in(row, NAMES, rng), _on_names(legal_form_variant),
        _on_names(abbreviate), _on("name", change_case), _on_names(strip_accents),
        lambda row, rng: blank_one(row, OPTIONAL, rng), _on("tax_id", digit_slip),
        _on("phone", digit_slip), _on("address_line1", street_variant), _on("name", respace),
        _swap_names, _on("duns", digit_slip),
    ],
    [18, 15, 8, 7, 6, 16, 4, 4, 7, 3, 3, 2],
)  # fmt: skip
HOW_MANY = Weighted((1, 2, 3), (60, 28, 12))


def near_duplicate(row: Row, rng: random.Random) -> Row:
    """A copy of ``row`` with 1 to 3 realistic mistakes, as another system would hold it."""
    copy = {k: v for k, v in row.items() if k != "source_id"}
    for _ in range(HOW_MANY.draw(rng)):
        MISTAKES.draw(rng)(copy, rng)
    return copy


def existing_rows(session: Session, ids: Sequence[int]) -> list[tuple[Row, str]]:
    """(raw extract row, golden id) of source records ``ids``."""
    rows = session.execute(
        text(
            "SELECT v.raw, x.golden_id FROM source_record r "
            "JOIN source_record_version v ON v.source_record_id = r.id "
            "AND v.version_no = r.version_no "
            "JOIN xref x ON x.source_record_id = r.id AND x.valid_to IS NULL "
            "WHERE r.id = ANY(:ids) ORDER BY r.id"
        ),
        {"ids": list(ids)},
    )
    return [(dict(raw), str(golden)) for raw, golden in rows]


def make_probes(session: Session, record_ids: Sequence[int], count: int, seed: int) -> list[Probe]:
    """``count`` probes, half near-duplicates of random records, half never-seen customers."""
    rng = random.Random(seed)
    duplicates = count // 2
    sampled = existing_rows(session, rng.sample(list(record_ids), duplicates))
    probes = [Probe(near_duplicate(raw, rng), golden) for raw, golden in sampled]
    fresh = generate_extract("customer", count - duplicates, seed, "bench_probe").rows
    probes += [Probe({k: v for k, v in r.items() if k != "source_id"}, None) for r in fresh]
    rng.shuffle(probes)
    return probes
