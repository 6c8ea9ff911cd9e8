"""The key index a bulk run rebuilds beside the live one and swaps in."""

from __future__ import annotations

import numpy as np
import pytest
from psycopg.errors import UniqueViolation
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.repositories.blocking_keys import (
    blocks_for,
    replace_keys,
    stage_all_keys,
    swap_in_staged_keys,
)


def _indexes(session: Session) -> set[str]:
    found = session.execute(
        text("SELECT indexname FROM pg_indexes WHERE tablename = 'blocking_key'")
    )
    return set(found.scalars())


def test_staged_keys_replace_the_entitys_own_once_swapped_in(session: Session) -> None:
    replace_keys(session, "customer", [1, 2], [(1, "name:old"), (2, "name:old")])
    replace_keys(session, "resource", [3], [(3, "name:old")])

    keys = ["name:acme", "tax:x\t1"]  # each once, however many records hold it
    stage_all_keys(session, "customer", [(keys, np.array([0, 0, 1]), np.array([1, 2, 2]))])
    assert blocks_for(session, "customer", ["name:old", "name:acme"], [10] * 2) == {
        "name:old": [1, 2]
    }

    swap_in_staged_keys(session)
    assert blocks_for(session, "customer", ["name:old", "name:acme", "tax:x\t1"], [10] * 3) == {
        "name:acme": [1, 2],
        "tax:x\t1": [2],
    }
    assert blocks_for(session, "resource", ["name:old"], [10]) == {"name:old": [3]}
    assert _indexes(session) == {"pk_blocking_key", "ix_blocking_key_record"}

    replace_keys(session, "customer", [2], [(2, "name:acme corp")])  # found by its record
    assert blocks_for(session, "customer", ["name:acme", "name:acme corp"], [10] * 2) == {
        "name:acme": [1],
        "name:acme corp": [2],
    }
    with pytest.raises(UniqueViolation), session.begin_nested():
        replace_keys(session, "customer", [], [(1, "name:acme")])  # the key is unique again


def test_staged_keys_need_no_heap_visit_from_the_swap_on(session: Session) -> None:
    """Written frozen, every page of the staged keys is all-visible at once: lookups' index-only
    scans read the index alone, instead of the rows too until a vacuum has read them all."""
    keys = [f"name:{n}" for n in range(2_000)]
    records = np.arange(4_000)
    stage_all_keys(session, "customer", [(keys, records % 2_000, records)])
    pages, visible = session.execute(
        text("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'blocking_key_next'")
    ).one()
    assert pages > 1
    # PostgreSQL 18 (the embedded server) leaves each page on which one of COPY's batches of
    # 1,000 rows ends and the next begins not all-visible (measured: 2,000 rows 15 of 16
    # pages, 40,000 rows 295 of 320); PostgreSQL 15 marks every page
    batch_ends = -(-len(records) // 1_000) - 1
    assert visible >= pages - batch_ends
