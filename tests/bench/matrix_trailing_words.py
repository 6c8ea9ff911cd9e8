"""The matrix's cell of names written with a trailing word naming the customer's group or one
of its offices ("Harlow Dynamics Group", "Harlow Dynamics Holdings Ltd", "Harlow Dynamics HQ",
"Harlow Dynamics Ltd - London Office", "Harlow Dynamics (UK Branch)"): customers only, as one
system names the account by the site it deals with or by its group."""

from __future__ import annotations

import random
from dataclasses import replace

from tests.bench.generated_data import EntityData

GROUP_WORDS = ("Group", "Holdings")
"""Written before the legal form ("Harlow Dynamics Holdings Ltd")."""
SITE_ENDINGS = ("HQ", "Office", "- {city} Office", "({country} Branch)", ", {city} branch")
"""Written after it ("Harlow Dynamics Ltd - London Office")."""
_FORM_ENDINGS = frozenset(
    {"ltd", "limited", "inc", "llc", "plc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv",
     "srl", "spa", "sl", "ab", "as", "oy", "kk", "corp", "co", "llp", "pty ltd", "sp zoo",
     "gmbh & co kg", "aps", "sro", "kft", "doo", "pte ltd", "sdn bhd", "ltda", "lda"}
)  # fmt: skip
"""Legal forms as the generator writes them, dots aside ("S.r.l." -> "srl")."""


def trailing_words(data: EntityData, share: float, seed: int = 8) -> EntityData:
    """``share`` of the customers' records hold their name with a group word before its
    legal form (one the name does not hold already) or a site after it (``GROUP_WORDS``,
    ``SITE_ENDINGS``); people unchanged."""
    if data.entity != "customer":
        return data
    rng = random.Random(seed)
    records = []
    for record in data.records:
        changed = dict(record)
        if changed.get("name") and rng.random() < share:
            changed["name"] = _with_trailing_word(str(changed["name"]), changed, rng)
        records.append(changed)
    return replace(data, records=tuple(records))


def _with_trailing_word(name: str, record: dict[str, str | None], rng: random.Random) -> str:
    held = set(name.lower().split())
    ending = rng.choice([e for e in GROUP_WORDS + SITE_ENDINGS if e.lower() not in held])
    if ending in GROUP_WORDS:
        words = name.split()
        at = len(words) - _form_words(words)
        return " ".join([*words[:at], ending, *words[at:]])
    place = ending.format(
        city=record.get("city") or "London", country=record.get("country") or "UK"
    )
    return f"{name}{'' if place.startswith(',') else ' '}{place}"


def _form_words(words: list[str]) -> int:
    """How many of the last words of a name are its legal form (0 if none), never all."""
    for size in range(min(4, len(words) - 1), 0, -1):
        if " ".join(words[-size:]).lower().replace(".", "") in _FORM_ENDINGS:
            return size
    return 0
