"""What a careful Splink user would prepare from the synthetic records before linking.

Names folded to lower-case ASCII without punctuation; a name prefix for blocking; for every
identifier (tax id, employee number, email) a coarse "scheme" next to it — the digit pattern of
an id, the domain of an email — so a comparison can tell "another value in the same scheme"
(evidence of a different entity) from "values from different schemes" (no evidence).
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from tests.bench.generated_data import EntityData


def fold(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()
    return folded or None


def compact(value: object) -> str | None:
    folded = fold(value)
    return folded.replace(" ", "") if folded else None


def scheme(value: object) -> str | None:
    """The shape of an identifier: letters kept, every digit replaced by 9."""
    return re.sub(r"[0-9]", "9", value) if isinstance(value, str) else None


def email_domain(value: object) -> str | None:
    return value.rsplit("@", 1)[-1] if isinstance(value, str) and "@" in value else None


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series([None] * len(frame), index=frame.index)


def prefix(values: pd.Series, width: int) -> pd.Series:
    return values.map(lambda v: v[:width] if isinstance(v, str) else None)


def customer_frame(data: EntityData) -> pd.DataFrame:
    raw = data.frame
    name = column(raw, "name").fillna(column(raw, "legal_name")).map(fold)
    tax_id = column(raw, "tax_id").map(compact)
    return pd.DataFrame(
        {
            "unique_id": raw["id"],
            "name": name,
            "name_prefix": prefix(name, 4),
            "tax_id": tax_id,
            "tax_id_scheme": tax_id.map(scheme),
            "domain": column(raw, "website").fillna(column(raw, "email").map(email_domain)),
            "phone": column(raw, "phone"),
            "postcode": column(raw, "postal_code").map(compact),
            "city": column(raw, "city").map(fold),
            "country": column(raw, "country"),
        }
    )


def _split_full(full: object) -> tuple[str | None, str | None]:
    folded = fold(full)
    parts = folded.split() if folded else []
    return (parts[0], parts[-1]) if len(parts) > 1 else (None, parts[0] if parts else None)


def resource_frame(data: EntityData) -> pd.DataFrame:
    raw = data.frame
    split = column(raw, "full_name").map(_split_full)
    first = column(raw, "first_name").map(fold).fillna(split.map(lambda p: p[0]))
    last = column(raw, "last_name").map(fold).fillna(split.map(lambda p: p[1]))
    employee_number = column(raw, "employee_number").map(compact)
    email = column(raw, "email")
    return pd.DataFrame(
        {
            "unique_id": raw["id"],
            "first_name": first,
            "last_name": last,
            "last_prefix": prefix(last, 3),
            "email": email,
            "email_domain": email.map(email_domain),
            "phone": column(raw, "phone"),
            "employee_number": employee_number,
            "employee_number_scheme": employee_number.map(scheme),
            "city": column(raw, "location_city").map(fold),
            "country": column(raw, "country"),
        }
    )
