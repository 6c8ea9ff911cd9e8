"""The sparsity and noise matrix: the project's generated records, thinned and dirtied.

Each cell is a copy of the same canonicalised records (``tests.bench.generated_data``) with
one change, seeded so every system sees the same cell:

- ``drop N%``: in every source, every non-key field except the name is blanked in N% of the
  records (independently per field);
- ``name + one field``: one source keeps only the name and one field (customers: postcode,
  resources: e-mail), as an acquired CRM holding little more than an account name;
- ``name + website`` (customers only): one source keeps only the name and the website, as an
  acquired CRM holding an account's name and web address (``name_and_website``);
- ``typos N%``: N% of the records get one more slip in the name (a swapped, dropped or changed
  letter);
- ``abbreviations N%``: N% of the records get a shortened name (customers: long words cut to
  four letters and a dot, "and" as "&"; resources: the first name as an initial);
- ``names exchanged N%``: N% of the records hold their names the other way round (resources:
  first and last name in each other's field, as an import that took the columns in the wrong
  order; customers: the name's first word moved to its end);
- ``OCR slips N%``: N% of the records get one letter misread in a name as a scanned form is
  (O/0, l/1, rn/m, cl/d, e/c, ...);
- ``names truncated N%``: N% of the records hold their names cut as an old system's
  fixed-width fields cut them (``truncated``, ``WIDTHS``);
- ``trailing words N%`` (customers only): N% of the records hold their name with a word
  naming the customer's group or one of its offices (``tests.bench.matrix_trailing_words``);
- ``married names N%`` (resources only): N% of the people holding two records or more take
  another person's last name in their later records, as after a marriage (``married_names``).

Which true pairs a person could still decide in a cell: ``tests.bench.matrix_decidable``.
"""

from __future__ import annotations

import random
import string
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from tests.bench.generated_data import EntityData

Record = dict[str, str | None]
NAME_FIELDS = {
    "customer": ("name", "legal_name"),
    "resource": ("first_name", "last_name", "full_name"),
}
KEPT = {"id", "source", "source_id"}
ONE_FIELD = {"customer": "postal_code", "resource": "email"}


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


def name_plus_one(data: EntityData, field: str | None = None) -> EntityData:
    """The first source keeps its names and one field (``field``, else the entity's
    ``ONE_FIELD``); the other sources are unchanged."""
    source = data.systems[0]
    kept = KEPT | set(NAME_FIELDS[data.entity]) | {field or ONE_FIELD[data.entity]}

    def change(record: Record, rng: random.Random) -> Record:
        if record.get("source") != source:
            return record
        return {field: value if field in kept else None for field, value in record.items()}

    return _map(data, change, 0)


def name_and_website(data: EntityData) -> EntityData:
    """Customers: the first source keeps its names and website only (``name_plus_one``), as
    an acquired CRM holding an account's name and web address. People have no website:
    unchanged."""
    if data.entity != "customer":
        return data
    return name_plus_one(data, "website")


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


WIDTHS = {"name": 20, "legal_name": 20, "full_name": 20, "first_name": 8, "last_name": 8}
"""The widths of an old system's fixed-width name fields (``truncated``): an organisation's
name on one 20-character line (a ledger's or a printed statement's; the generated ERP
already cuts to 35, which few names reach), a person's full name on such a line too, and a
person's first and last name 8 characters each (a card layout's). Narrower than most
systems' fields so that the cell cuts names at all: a 10-character field cuts 6% of
RLdata10000's first names and 1% of its last names, 8 characters 13% and 8%; 20 characters
cut 11% of the restaurant guides' names."""


def truncated(data: EntityData, share: float, seed: int = 7) -> EntityData:
    """``share`` of the records hold every name cut at its field's width (``WIDTHS``): at the
    last character that fits, mid-word, with no dot (a cut, not an abbreviation), and the
    spaces it leaves at the end dropped. Names that fit stay as they are."""

    def change(record: Record, rng: random.Random) -> Record:
        if rng.random() >= share:
            return record
        for field in NAME_FIELDS[data.entity]:
            if record.get(field):
                record[field] = str(record[field])[: WIDTHS[field]].rstrip()
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


def _later_records(data: EntityData) -> list[list[int]]:
    """Per person holding two records or more (in the order of their truth ids), the indices
    of the records a name change would show in: those of the last of ``data.systems``
    holding the person where two systems or more do, else all but the first record of the
    one system."""
    held: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, record in enumerate(data.records):
        held[str(data.truth[record["id"]])][str(record["source"])].append(index)
    order = {system: n for n, system in enumerate(data.systems)}
    later = []
    for person in sorted(held):
        by_system = held[person]
        if len(by_system) > 1:
            later.append(by_system[max(by_system, key=order.__getitem__)])
        elif len(indices := next(iter(by_system.values()))) > 1:
            later.append(indices[1:])
    return later


def surname(record: Record) -> str | None:
    """The last name as the record writes it: its last-name field, else its full name's
    (``Last, First``, or ``First Last``'s last word)."""
    last, full = record.get("last_name"), str(record.get("full_name") or "").strip()
    if last:
        return str(last)
    if "," in full:
        return full.split(",", 1)[0].strip() or None
    return full.rsplit(" ", 1)[-1] if " " in full else None


def _renamed(record: Record, last: str) -> Record:
    """``record`` with the last name ``last`` where it holds one (``surname``): in its
    last-name field and in its full name (the old name's last place in it)."""
    old, full = surname(record), str(record.get("full_name") or "")
    if not old:
        return record
    if record.get("last_name"):
        record["last_name"] = last
    at = full.find(old) if "," in full else full.rfind(old)
    if at >= 0:
        record["full_name"] = full[:at] + last + full[at + len(old) :]
    return record


def married_names(data: EntityData, share: float, seed: int = 6) -> EntityData:
    """``share`` of the people holding two records or more (``_later_records``: a lone record
    has no other to be matched with) take another person's last name, drawn from the data's
    last names, in their later records: the last name (and the full name holding it)
    changes, everything else stays (a mailbox keeps the old name). Customers have no last
    names: unchanged."""
    if data.entity != "resource":
        return data
    rng = random.Random(seed)
    names = [str(r["last_name"]) for r in data.records if r.get("last_name")]
    held: dict[str, set[str]] = defaultdict(set)
    for record in data.records:
        held[str(data.truth[record["id"]])].add(str(surname(record)))
    people = _later_records(data)
    records = [dict(record) for record in data.records]
    for indices in rng.sample(people, round(share * len(people))):
        person = str(data.truth[records[indices[0]]["id"]])
        last = _another_name(names, held[person], rng)
        for index in indices:
            records[index] = _renamed(records[index], last)
    return replace(data, records=tuple(records))


def _another_name(names: list[str], held: set[str], rng: random.Random) -> str:
    """A last name drawn from ``names`` (as often as the records hold it) other than those
    ``held``, compared without case."""
    held = {name.casefold() for name in held}
    for _ in range(100):
        name = rng.choice(names)
        if name.casefold() not in held:
            return name
    return name
