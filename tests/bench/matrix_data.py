"""The sparsity and noise matrix: the project's generated records, thinned and dirtied.

Each cell is a copy of the same canonicalised records (``tests.bench.generated_data``) with
one change, seeded so every system sees the same cell:

- ``drop N%``: in every source, every non-key field except the name is blanked in N% of the
  records (independently per field);
- ``name + one field``: one source keeps only the name and one field (customers: postcode,
  resources: e-mail), as an acquired CRM holding little more than an account name;
- ``typos N%``: N% of the records get one more slip in the name (a swapped, dropped or changed
  letter);
- ``abbreviations N%``: N% of the records get a shortened name (customers: long words cut to
  four letters and a dot, "and" as "&"; resources: the first name as an initial);
- ``names exchanged N%``: N% of the records hold their names the other way round (resources:
  first and last name in each other's field, as an import that took the columns in the wrong
  order; customers: the name's first word moved to its end);
- ``OCR slips N%``: N% of the records get one letter misread in a name as a scanned form is
  (O/0, l/1, rn/m, cl/d, e/c, ...).
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from tests.bench.evaluate import true_pairs
from tests.bench.generated_data import EntityData

Record = dict[str, str | None]
NAME_FIELDS = {
    "customer": ("name", "legal_name"),
    "resource": ("first_name", "last_name", "full_name"),
}
KEPT = {"id", "source", "source_id"}
ONE_FIELD = {"customer": "postal_code", "resource": "email"}
# What a person reads, beside the names, to tell whether two records are one customer or one
# person: identifiers, contact details and place (a country or a job title alone does not)
DECIDING = {
    "customer": (
        "tax_id", "duns", "website", "email", "phone", "address_line1", "postal_code", "city",
    ),
    "resource": ("email", "phone", "employee_number", "hire_date", "location_city"),
}  # fmt: skip


def _map(
    data: EntityData, change: Callable[[Record, random.Random], Record], seed: int
) -> EntityData:
    rng = random.Random(seed)
    return replace(data, records=tuple(change(dict(record), rng) for record in data.records))


def dropped(data: EntityData, share: float, seed: int = 1) -> EntityData:
    names = NAME_FIELDS[data.entity]

    def change(record: Record, rng: random.Random) -> Record:
        for field in record:
            if field not in KEPT and field not in names and rng.random() < share:
                record[field] = None
        return record

    return _map(data, change, seed)


def name_plus_one(data: EntityData) -> EntityData:
    """The first source keeps its names and one field; the other sources are unchanged."""
    source = data.systems[0]
    kept = KEPT | set(NAME_FIELDS[data.entity]) | {ONE_FIELD[data.entity]}

    def change(record: Record, rng: random.Random) -> Record:
        if record.get("source") != source:
            return record
        return {field: value if field in kept else None for field, value in record.items()}

    return _map(data, change, 0)


def _slip(text: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:-1])
    kind = rng.randrange(3)
    if kind == 0 and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]


def _one_name_changed(
    data: EntityData, share: float, seed: int, slip: Callable[[str, random.Random], str]
) -> EntityData:
    """``share`` of the records with one of their names (chosen at random) changed by ``slip``."""

    def change(record: Record, rng: random.Random) -> Record:
        fields = [f for f in NAME_FIELDS[data.entity] if record.get(f)]
        if fields and rng.random() < share:
            field = rng.choice(fields)
            record[field] = slip(str(record[field]), rng)
        return record

    return _map(data, change, seed)


def typos(data: EntityData, share: float, seed: int = 2) -> EntityData:
    return _one_name_changed(data, share, seed, _slip)


def _abbreviate_company(name: str) -> str:
    words = [w if len(w) <= 6 else w[:4] + "." for w in name.split()]
    return " ".join("&" if w.lower() == "and" else w for w in words)


def abbreviations(data: EntityData, share: float, seed: int = 3) -> EntityData:
    def change(record: Record, rng: random.Random) -> Record:
        if rng.random() >= share:
            return record
        if data.entity == "customer" and record.get("name"):
            record["name"] = _abbreviate_company(str(record["name"]))
        elif data.entity == "resource" and record.get("first_name"):
            record["first_name"] = str(record["first_name"])[:1] + "."
        return record

    return _map(data, change, seed)


def decidable_pairs(data: EntityData) -> list[tuple[str, str]]:
    """The true pairs a person could still decide from what is left: both records hold, beside
    their names, at least one of the same deciding field (``DECIDING``), agreeing or not."""
    fields = DECIDING[data.entity]
    holds = {str(r["id"]): frozenset(f for f in fields if r.get(f)) for r in data.records}
    return [(str(a), str(b)) for a, b in true_pairs(data.truth) if holds[str(a)] & holds[str(b)]]


def comparable_pairs(data: EntityData, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of ``pairs`` (``decidable_pairs``), those whose shared deciding fields can be read
    against each other: some comparison the entity's preset takes as evidence
    (``Comparison.evidence_levels``) is at an evidence level, a disagreement or a conflict,
    not at Null or a neutral level. Employee numbers of two numbering schemes, or mailboxes
    of different names at two domains, are held by both records but tell a person neither
    that they are one person nor that they are two."""
    from matching import Matcher, settings_for

    settings = settings_for(data.entity)
    matcher = Matcher(settings)
    prepared = matcher.prepare(list(data.records))
    row = {str(record_id): n for n, record_id in enumerate(prepared.ids)}
    indices = np.array([[row[a], row[b]] for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    levels = matcher.levels(prepared, indices)
    readable = np.zeros(len(pairs), dtype=bool)
    for column, comparison in enumerate(settings.comparisons):
        if not comparison.evidence_levels:
            continue
        telling = comparison.evidence_levels | comparison.conflict_levels
        mask = np.array(
            [
                (level.label in telling or level.is_else_level)
                and level.label not in comparison.neutral_levels
                for level in comparison.levels
            ]
        )
        readable |= mask[levels[:, column]]
    return [pair for pair, kept in zip(pairs, readable, strict=True) if kept]


def exchanged(data: EntityData, share: float, seed: int = 4) -> EntityData:
    def change(record: Record, rng: random.Random) -> Record:
        if rng.random() >= share:
            return record
        if data.entity == "resource":
            record["first_name"], record["last_name"] = (
                record.get("last_name"),
                record.get("first_name"),
            )
        elif record.get("name"):
            words = str(record["name"]).split()
            record["name"] = " ".join(words[1:] + words[:1])
        return record

    return _map(data, change, seed)


MISREAD = (
    ("O", "0"), ("o", "0"), ("l", "1"), ("I", "1"), ("rn", "m"), ("m", "rn"), ("S", "5"),
    ("B", "8"), ("cl", "d"), ("e", "c"), ("i", "l"), ("h", "b"),
)  # fmt: skip
"""Letters a scanner reads as others (what it saw, what it read)."""


def _misread(text: str, rng: random.Random) -> str:
    options = [(seen, read) for seen, read in MISREAD if seen in text]
    if not options:
        return text
    seen, read = rng.choice(options)
    at = rng.choice([i for i in range(len(text)) if text.startswith(seen, i)])
    return text[:at] + read + text[at + len(seen) :]


def ocr_slips(data: EntityData, share: float, seed: int = 5) -> EntityData:
    return _one_name_changed(data, share, seed, _misread)
