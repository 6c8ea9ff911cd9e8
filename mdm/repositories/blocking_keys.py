"""Blocking keys indexed in PostgreSQL: how a new record finds its candidates quickly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import copy_field, copy_lines, copy_rows
from mdm.repositories.matching_records import equal_records, select_sql


def replace_keys(
    session: Session, entity: str, record_ids: Sequence[int], keys: Sequence[tuple[int, str]]
) -> None:
    session.execute(
        text("DELETE FROM blocking_key WHERE entity = :e AND source_record_id = ANY(:ids)"),
        {"e": entity, "ids": list(record_ids)},
    )
    copy_rows(
        session,
        "blocking_key",
        ("entity", "key", "source_record_id"),
        ((entity, k, r) for r, k in keys),
    )


# A bulk rebuild writes the whole index beside the live one, indexes it once the rows are in
# (a sorted build, not every row inserted into both indexes in turn: the inserts into the index
# by record came in no order and grew worse than linearly with the rows), then swaps it in.
NEXT = "blocking_key_next"


KeyColumns = tuple[Sequence[str], np.ndarray, np.ndarray]
"""Keys as columns: the keys (each once), and per row the key's place among them and the id
of the record filed under it (each key and record once)."""


def stage_all_keys(session: Session, entity: str, keys: Iterable[KeyColumns]) -> None:
    """Bulk resolution's whole key index of ``entity``, with the other entities' keys as they
    are, written and indexed beside the live one for ``swap_in_staged_keys``. Lookups read the
    live index meanwhile; writers of keys (any entity's) wait until the transaction ends, so
    that no key written in between is lost by the swap."""
    session.execute(text("LOCK TABLE blocking_key IN SHARE ROW EXCLUSIVE MODE"))
    session.execute(text(f"CREATE TABLE {NEXT} (LIKE blocking_key INCLUDING DEFAULTS)"))
    session.execute(
        text(f"INSERT INTO {NEXT} SELECT * FROM blocking_key WHERE entity <> :e"), {"e": entity}
    )
    prefix = f"{copy_field(entity)}\t"
    copy_lines(  # frozen: lookups' index-only scans read no heap page from the swap on
        session,
        NEXT,
        ("entity", "key", "source_record_id"),
        (line for columns in keys for line in _key_lines(prefix, *columns)),
        frozen=True,
        overlapped=True,  # the server stores a rule's keys while the next rule's are written
    )
    session.execute(
        text(
            f"ALTER TABLE {NEXT} ADD CONSTRAINT pk_{NEXT} "
            "PRIMARY KEY (entity, key, source_record_id)"
        )
    )
    session.execute(text(f"CREATE INDEX ix_{NEXT}_record ON {NEXT} (source_record_id)"))
    session.execute(text(f"ANALYZE {NEXT}"))


def _key_lines(
    prefix: str, keys: Sequence[str], codes: np.ndarray, record_ids: np.ndarray
) -> list[str]:
    """COPY lines of keys as columns: each key escaped once, however many records hold it."""
    starts = np.array([f"{prefix}{copy_field(key)}\t" for key in keys], dtype=object)
    lines: list[str] = (starts[codes] + record_ids.astype(str).astype(object) + "\n").tolist()
    return lines


# The staged indexes are built by CREATE INDEX, which writes their pages past the server's
# cache: until lookups have read a page once, a new probe's keys are read from the files (at
# best through the machine's file cache), and most of the pages a lookup reads after a bulk run
# that are not in the cache are this index's. They are loaded into the cache before the swap
# (lookups still read the live index meanwhile) when the server has pg_prewarm (migration 0019)
# and they take at most half of its shared buffers: larger, they would push out what lookups
# read besides, and be pushed out in turn.
WARM_STAGED_SQL = f"""
    WITH staged AS (
        SELECT oid FROM pg_class
        WHERE oid IN (to_regclass('pk_{NEXT}'), to_regclass('ix_{NEXT}_record'))
    )
    SELECT coalesce(sum(pg_prewarm(oid)), 0) FROM staged
    WHERE (SELECT sum(pg_relation_size(oid)) FROM staged)
        <= pg_size_bytes(current_setting('shared_buffers')) / 2
"""
PREWARM = "to_regprocedure('pg_prewarm(regclass, text, text, bigint, bigint)')"


def warm_staged_keys(session: Session) -> int:
    """Load the staged key indexes into the server's cache (see ``WARM_STAGED_SQL``); the
    pages loaded, 0 when the server cannot or they would not fit."""
    if not session.execute(text(f"SELECT {PREWARM} IS NOT NULL")).scalar_one():
        return 0
    return int(session.execute(text(WARM_STAGED_SQL)).scalar_one())


def swap_in_staged_keys(session: Session) -> None:
    """The index ``stage_all_keys`` wrote takes the live one's place and names. Lookups wait
    for it from here until the transaction ends: a bulk run swaps last."""
    session.execute(text("DROP TABLE blocking_key"))
    session.execute(text(f"ALTER TABLE {NEXT} RENAME TO blocking_key"))
    session.execute(
        text(f"ALTER TABLE blocking_key RENAME CONSTRAINT pk_{NEXT} TO pk_blocking_key")
    )
    session.execute(text(f"ALTER INDEX ix_{NEXT}_record RENAME TO ix_blocking_key_record"))


def replace_all_from_run(session: Session, entity: str, run_id: object) -> None:
    """``replace_all_keys`` with the keys the blocks of a bulk run staged (match_work_key)."""
    session.execute(text("DELETE FROM blocking_key WHERE entity = :e"), {"e": entity})
    session.execute(
        text(
            "INSERT INTO blocking_key (entity, key, source_record_id) "
            "SELECT DISTINCT :e, key, source_record_id FROM match_work_key WHERE run_id = :run "
            "ORDER BY key, source_record_id"  # the index takes them page after page
        ),
        {"e": entity, "run": run_id},
    )


# The records holding each of :keys, reading at most :reads index entries for the key beside
# it (one past the most holders a caller can use: a key held by more is too common to be
# evidence, and the callers leave it out).
KEY_LOOKUP_SQL = """
    SELECT k.key, b.source_record_id AS id
    FROM unnest(CAST(:keys AS text[]), CAST(:reads AS int[])) AS k(key, reads)
    CROSS JOIN LATERAL (
        SELECT source_record_id FROM blocking_key
        WHERE entity = :e AND key = k.key LIMIT k.reads
    ) b
"""


def blocks_for(
    session: Session, entity: str, keys: Sequence[str], cap: int
) -> dict[str, list[int]]:
    """The records holding each of ``keys``, found by reading at most ``cap + 1`` index
    entries; keys held by more than ``cap`` records are left out (too common to be
    evidence) unless copies among them (``equal_records``) leave no more than ``cap``
    groups, counted once as the bulk run counts them (``_copy_groups``)."""
    if not keys:
        return {}
    holders = _holders(session, entity, keys, cap + 1)
    blocks = {key: members for key, members in holders.items() if len(members) <= cap}
    crowded = [key for key, members in holders.items() if len(members) > cap]
    return {**blocks, **_copy_groups(session, entity, crowded, cap)} if crowded else blocks


def _holders(
    session: Session, entity: str, keys: Sequence[str], reads: int
) -> dict[str, list[int]]:
    """The records holding each of ``keys``, at most ``reads`` of them each."""
    rows = session.execute(
        text(KEY_LOOKUP_SQL), {"e": entity, "keys": list(keys), "reads": [reads] * len(keys)}
    ).all()
    per_key: dict[str, list[int]] = {}
    for key, record_id in rows:
        per_key.setdefault(key, []).append(record_id)
    return per_key


# How far a key held by more records than its cap is read to count its groups of copies:
# this many times the cap's entries (a group of copies larger than that leaves it out).
COPIES_READ = 20


def _copy_groups(
    session: Session, entity: str, keys: Sequence[str], cap: int
) -> dict[str, list[int]]:
    """Of ``keys``, those whose holders (every one read: at most ``COPIES_READ`` times
    ``cap + 1`` index entries) fall into no more than ``cap`` groups of equal active
    records (``equal_records``), each with the first record of each group: the bulk run
    pairs a group of copies as its representative, and the others follow it. The first
    ``cap + 1`` holders are grouped first: when no two of them are equal the key is too
    common however far it is read."""
    found: dict[str, list[int]] = {}
    for reads in (cap + 1, COPIES_READ * (cap + 1)):
        if not keys:
            break
        groups = _group_firsts(session, entity, keys, reads)
        few = {
            key: (firsts, whole) for key, (firsts, whole) in groups.items() if len(firsts) <= cap
        }
        found.update({key: firsts for key, (firsts, whole) in few.items() if whole})
        keys = [key for key, (_, whole) in few.items() if not whole]
    return found


def group_firsts_sql(entity: str, holders: str) -> str:
    """The first record (``first``, the smallest id) of each group of equal active records
    (``equal_records``) among those the subquery ``holders`` names: how a key's holders
    count, copies once, as the bulk run counts them."""
    return select_sql(
        entity, f"AND r.id IN ({holders}) {equal_records(entity)}", "min(r.id) AS first"
    )


# For each of :keys, the first record of each group of equal active records among the first
# :reads records holding it, and how many index entries were read (fewer than :reads: all).
KEY_GROUPS_SQL = """
    SELECT k.key, g.first, c.entries
    FROM unnest(CAST(:keys AS text[])) AS k(key)
    CROSS JOIN LATERAL (
        SELECT count(*) AS entries FROM (
            SELECT 1 FROM blocking_key WHERE entity = :e AND key = k.key LIMIT :reads
        ) held
    ) c
    CROSS JOIN LATERAL ({grouped}) g
"""


def _group_firsts(
    session: Session, entity: str, keys: Sequence[str], reads: int
) -> dict[str, tuple[list[int], bool]]:
    """For each of ``keys``, the first record of each group of equal records among the first
    ``reads`` holding it (in order), and whether those were all its holders."""
    holders = "SELECT source_record_id FROM blocking_key WHERE entity = :e AND key = k.key"
    grouped = group_firsts_sql(entity, f"{holders} LIMIT :reads")
    rows = session.execute(
        text(KEY_GROUPS_SQL.format(grouped=grouped)),
        {"e": entity, "keys": list(keys), "reads": reads},
    ).all()
    per_key: dict[str, tuple[list[int], bool]] = {}
    for key, first, entries in rows:
        per_key.setdefault(key, ([], entries < reads))[0].append(int(first))
    return {key: (sorted(firsts), whole) for key, (firsts, whole) in per_key.items()}
