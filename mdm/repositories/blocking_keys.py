"""Blocking keys indexed in PostgreSQL: how a new record finds its candidates quickly."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import numpy as np
from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from mdm.db.bulk import copy_field, copy_lines, copy_rows
from mdm.repositories.array_literals import int_array, text_array
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


# How far a key held by more records than its cap is read to count its groups of copies:
# this many times the cap's entries (a group of copies larger than that leaves it out).
COPIES_READ = 20

# The records of each key of ``wanted`` (key, cap, evidence: the most records a key of its
# rule may hold and pair, and be evidence) that a bulk run of the records holding it would
# count (``found``: key, id), :probe more records counted (a lookup's probe, not in the index:
# 1; an incremental run's pending records are filed: 0), as ``key_blocks_sql`` gives them to
# an entity. A key is read no further than its cap (enough to tell a key held by fewer records
# than the cap from one that is not). A bulk run pairs a group of copies (records equal in
# their system and every value, ``matching.copies``) as one record, its representative: a key
# held by more records than its evidence cap (crowded) counts each group of equal active
# records once, by its first record (``FIRST``; ``equal_records``). A crowded key read
# whole is so counted; one read past its cap is read further (:copies times its cap and one
# entries, a larger group leaving it out) unless the records read are all unlike (a common
# key, however far it is read). A key pairs where its groups and :probe stay within its cap.
# The records read are grouped once for all the keys holding them (equal records hold the
# same keys), not key by key: a batch's keys share their holders (grouped key by key, an
# incremental run of 50 records with copies among the holders took ten times as long).
# The keys read whole are those not crowded: an anti-join (NOT EXISTS), which the planner hashes
# however many keys a batch holds, where NOT IN over a subquery estimated past work_mem is read
# once per held row (an incremental run of a large load sends tens of thousands of keys).
KEY_BLOCKS_SQL = """
    held AS (
        SELECT w.key, b.source_record_id AS id FROM wanted w
        CROSS JOIN LATERAL (
            SELECT source_record_id FROM blocking_key
            WHERE entity = :e AND key = w.key LIMIT w.cap + 1 - :probe
        ) b
    ), crowded AS (
        SELECT key, wanted.cap, count(*) AS entries FROM held JOIN wanted USING (key)
        GROUP BY key, wanted.cap, wanted.evidence HAVING count(*) + :probe > wanted.evidence
    ), read_firsts AS ({read_firsts}), firsts AS (
        SELECT DISTINCT c.key, c.cap, c.entries, f.first
        FROM crowded c JOIN held USING (key) JOIN read_firsts f USING (id)
    ), further AS (
        SELECT key, cap FROM firsts GROUP BY key, cap, entries
        HAVING entries + :probe > cap AND count(*) + :probe <= cap
    ), further_held AS (
        SELECT c.key, b.source_record_id AS id FROM further c
        CROSS JOIN LATERAL (
            SELECT source_record_id FROM blocking_key
            WHERE entity = :e AND key = c.key LIMIT :copies * (c.cap + 1)
        ) b
    ), whole AS (
        SELECT key FROM further_held JOIN further USING (key)
        GROUP BY key, further.cap HAVING count(*) < :copies * (further.cap + 1)
    ), further_firsts AS ({further_firsts}), groups AS (
        SELECT key, first AS id FROM firsts WHERE entries + :probe <= cap
        UNION ALL
        SELECT DISTINCT key, f.first
        FROM further_held JOIN whole USING (key) JOIN further_firsts f USING (id)
    ), found AS (
        SELECT key, id FROM held WHERE NOT EXISTS (SELECT FROM crowded c WHERE c.key = held.key)
        UNION ALL
        SELECT key, id FROM (
            SELECT key, id, count(*) OVER (PARTITION BY key) AS n FROM groups
        ) g JOIN wanted USING (key) WHERE g.n + :probe <= wanted.cap
    )
"""


def key_blocks_sql(entity: str) -> str:
    """``KEY_BLOCKS_SQL`` for ``entity``: the CTEs ``held`` to ``found``, after a CTE
    ``wanted`` (key, cap, evidence), with parameters :e, :probe and :copies."""
    crowded = "SELECT id FROM held WHERE key IN (SELECT key FROM crowded)"
    further = "SELECT id FROM further_held WHERE key IN (SELECT key FROM whole)"
    return KEY_BLOCKS_SQL.format(
        read_firsts=member_firsts_sql(entity, crowded),
        further_firsts=member_firsts_sql(entity, further),
    )


# A group's first record: its smallest id of those already resolved, where it holds any. A
# bulk run would make its smallest id its representative, but a pending record (a record that
# changed into a copy of stored ones) named for its group would hide the stored copies from an
# incremental run, which pairs and reads only what is not pending (and from a lookup, which
# answers only with records in a golden record); the group counts once either way, and the
# neighbourhood makes the stored first its representative (``resolve_around``).
FIRST = "coalesce(min(r.id) FILTER (WHERE NOT r.pending_match), min(r.id))"


def member_firsts_sql(entity: str, holders: str) -> str:
    """(``id``, ``first``): each active record of those the subquery ``holders`` names, with
    the first record (``FIRST``) of its group of equal records among them
    (``equal_records``): how a key's holders count, copies once, as the bulk run counts them."""
    grouped = select_sql(
        entity,
        f"AND r.id IN ({holders}) {equal_records(entity)}",
        f"{FIRST} AS first, array_agg(r.id) AS members",
    )
    return f"SELECT unnest(g.members) AS id, g.first FROM ({grouped}) g"


# The records holding each of :keys, at most :reads index entries each (one past its cap).
HOLDERS_SQL = text("""
    SELECT k.key, b.source_record_id FROM unnest(CAST(:keys AS text[]), CAST(:reads AS int[]))
        AS k(key, reads)
    CROSS JOIN LATERAL (
        SELECT source_record_id FROM blocking_key WHERE entity = :e AND key = k.key LIMIT k.reads
    ) b
""")
BLOCKS_SQL = """
    WITH wanted AS (
        SELECT * FROM unnest(
            CAST(:keys AS text[]), CAST(:caps AS int[]), CAST(:evidence AS int[])
        ) AS w(key, cap, evidence)
    ), {blocks}
    SELECT key, id FROM found
"""


@cache
def _blocks_statement(entity: str) -> TextClause:
    return text(BLOCKS_SQL.format(blocks=key_blocks_sql(entity)))


def blocks_for(
    session: Session,
    entity: str,
    keys: Sequence[str],
    caps: Sequence[int],
    evidence: Sequence[int] | None = None,
) -> dict[str, list[int]]:
    """The records holding each of ``keys`` as a bulk run of them counts them
    (``KEY_BLOCKS_SQL``), each key's ``caps`` (the most records it may hold and pair) and
    ``evidence`` (the most it may hold and be evidence; by default its cap) beside it: a group
    of copies counted once, by its first record, where the key is held by more records than
    its evidence cap; keys held by more than their cap are left out (too common to pair). The
    keys are read first (``HOLDERS_SQL``); only those held by more records than their
    evidence cap are counted again by ``KEY_BLOCKS_SQL``, whose planning alone costs a few
    times reading a record's keys."""
    if not keys:
        return {}
    evidence = caps if evidence is None else evidence
    reads = {"keys": text_array(keys), "reads": int_array(cap + 1 for cap in caps)}
    holders = _per_key(session.execute(HOLDERS_SQL, {"e": entity, **reads}))
    crowded = [n for n, key in enumerate(keys) if len(holders.get(key, ())) > evidence[n]]
    if not crowded:
        return holders
    blocks = dict(holders)
    for n in crowded:
        blocks.pop(keys[n], None)
    parameters = {
        "e": entity, "keys": text_array(keys[n] for n in crowded),
        "caps": int_array(caps[n] for n in crowded),
        "evidence": int_array(evidence[n] for n in crowded), "probe": 0, "copies": COPIES_READ,
    }  # fmt: skip
    return {**blocks, **_per_key(session.execute(_blocks_statement(entity), parameters))}


def _per_key(rows: Iterable[Sequence[Any]]) -> dict[str, list[int]]:
    """(key, record id) rows as each key's record ids, in order."""
    per_key: dict[str, list[int]] = {}
    for key, record_id in rows:
        per_key.setdefault(key, []).append(int(record_id))
    return {key: sorted(members) for key, members in per_key.items()}
