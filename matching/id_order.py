"""The order of record ids that breaks ties (between links of one probability, records of one
rank in a window): ids written in digits by their number, others as text, digits first.

Ids are opaque here, but a database's are numbers from a sequence, and their order is all a
tie-break may rest on: a transaction rolled back (a dry run) moves the sequence on, so the
records the next load makes get other ids, in the same order. Read as text, "999" comes after
"1000", and an id crossing a digit boundary would turn ties the other way."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def id_key(record_id: str) -> tuple[int, int, str]:
    """Where ``record_id`` goes in id order (its text last, so that "07" and "7" differ)."""
    if record_id.isascii() and record_id.isdigit():
        return 0, int(record_id), record_id
    return 1, 0, record_id


def in_id_order(ids: Iterable[str]) -> list[str]:
    """The distinct ``ids`` in id order."""
    return sorted(set(ids), key=id_key)


def id_places(ids: Iterable[object]) -> np.ndarray:
    """Each of ``ids``' place in id order (equal ids in the order given)."""
    keys = [id_key(str(record_id)) for record_id in ids]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    place = np.empty(len(keys), dtype=np.int64)
    place[order] = np.arange(len(keys))
    return place
