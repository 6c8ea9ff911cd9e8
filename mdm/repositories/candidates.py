"""The candidates of one probe record, read in one round trip: the records sharing a blocking
key with it (from the indexed ``blocking_key`` table), the best of them only (a budget, see
``CANDIDATES_SQL``), the golden record holding each, and the state of the entity's stored
model (so "does this exist?" knows whether its parsed model is still the stored one without
asking separately)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import TextualSelect, column, text
from sqlalchemy.orm import Session

from mdm.repositories import matching_records as records
from mdm.repositories.array_literals import int_array, text_array
from mdm.repositories.blocking_keys import COPIES_READ, key_blocks_sql
from mdm.repositories.fragments import live_xref
from mdm.repositories.match_models import STATE_COLUMNS, ModelState

# A probe's key pairs where a bulk run of the stored records and the probe would pair on it:
# held, the probe counted, by no more records than its rule's cap (:caps, one per key), a group
# of copies counted once where the key holds more records than its evidence cap (``found``:
# ``blocking_keys.KEY_BLOCKS_SQL``, as an incremental run counts them); and a record stands as
# a candidate where the keys it shares so with the probe that are evidence (held by no more
# records than :evidence, one per key) are of two families of rules or of one standing alone
# (:families, one per key; :needing, the families that need corroborating:
# matching.corroboration), or where it holds no key of the rules standing alone the probe
# holds keys of (:alone): nothing could have corroborated the pair. A record weighs the
# evidence of the keys it shares, each 1 + ln((:cap + 1) / n) for a key n records hold: the
# more keys and the rarer, the heavier (a key naming one record weighs 6.3 at a cap of 200,
# one the cap shares 1.0). Only the :budget heaviest records are read and scored: a key as
# common as a name word in a city brings up to :cap records, and reading and scoring them all
# would make each lookup grow with the hub. Each key is read no further than its rule's cap,
# not the entity's: a common name's key under a rule capped at 5 would read up to 201 index
# entries for nothing. No row at all: the entity has no model; one row with no record: a
# model and no candidates.
#
# Where the paths part: a key held by more units than the entity's window's ``full`` (and no
# more than its cap) pairs a record in a bulk or incremental run with its nearest units by
# name only (``matching.index_window``); here it brings every record holding it, ranked by the
# weight above instead, so a lookup finds every candidate a bulk run would compare and may
# score some it would not. The index holds keys, not the names a window orders by: ordering
# them would read every holder (up to :cap a key) where the budget reads 20. Generated
# customers (mdm.synthetic seed 20240607), 6,746 / 50,935 records: the pairs only an unthinned
# block gives are 105 of 5,623 / 733 of 48,048 (1.5% / 1.4% of records hold one), 1 / 0 of
# them linking, 0 / 10 in the review band. A lookup in a 150-record phone block: 14 ms.
CANDIDATES_SQL = f"""
    WITH wanted AS (
        SELECT * FROM unnest(
            CAST(:keys AS text[]), CAST(:caps AS int[]), CAST(:evidence AS int[]),
            CAST(:families AS text[])
        ) AS w(key, cap, evidence, family)
    ), {{blocks}}, pairing AS (
        SELECT key, wanted.family, 1 + ln((:cap + 1.0) / count(*)) AS weight,
            count(*) + 1 <= wanted.evidence AS evidence
        FROM found JOIN wanted USING (key)
        GROUP BY key, wanted.family, wanted.cap, wanted.evidence
        HAVING count(*) + 1 <= wanted.cap
    ), kept AS (
        SELECT found.id FROM found JOIN pairing USING (key)
        GROUP BY found.id
        HAVING count(DISTINCT pairing.family) FILTER (WHERE pairing.evidence) >= 2
            OR bool_or(pairing.evidence AND pairing.family <> ALL(CAST(:needing AS text[])))
            OR NOT EXISTS (
                SELECT 1 FROM blocking_key b WHERE b.source_record_id = found.id
                AND b.entity = :e AND split_part(b.key, ':', 1) = ANY(CAST(:alone AS text[]))
            )
        ORDER BY sum(pairing.weight) DESC, found.id LIMIT :budget
    ), candidate AS (
        SELECT c.*, x.golden_id
        FROM ({{records}}) AS c(id, system, canonical{{references}})
        {live_xref("c")}
    )
    SELECT {{state}}, candidate.* FROM match_model m
    LEFT JOIN candidate ON true
    WHERE m.entity = :e
"""


@dataclass(frozen=True)
class ProbeKeys:
    """A probe's keys (``rule:key``) with, for each, its rule's cap, evidence cap and family,
    the families whose pairs need corroborating and the rules standing alone the probe holds
    keys of (``Matcher.key_terms``)."""

    keys: list[str]
    caps: list[int]
    evidence: list[int]
    families: list[str]
    needing: list[str]
    alone: list[str]


@dataclass(frozen=True)
class Candidate:
    """A candidate record as the matcher sees it and the golden record holding it."""

    record: dict[str, object]
    golden_id: Any


@dataclass(frozen=True)
class Found:
    model: ModelState | None  # None: the entity has no stored model
    candidates: list[Candidate]


@cache
def _statement(entity: str) -> TextualSelect:
    """The entity's statement, made once; its columns are named so that SQLAlchemy keeps how it
    reads them with the cached compiled statement rather than working it out on every call."""
    where = "AND r.id IN (SELECT id FROM kept)"
    references = records.reference_fields(entity)
    state = [name.strip() for name in STATE_COLUMNS.split(",")]
    sql = CANDIDATES_SQL.format(
        blocks=key_blocks_sql(entity),
        records=records.select_sql(entity, where),
        references="".join(f", {name}" for name in references),
        state=", ".join(f"m.{name}" for name in state),
    )
    names = (*state, "id", "system", "canonical", *references, "golden_id")
    return text(one_line(sql)).columns(*(column(name) for name in names))


def one_line(sql: str) -> str:
    """``sql`` with each line break and the indentation around it made one space (the text
    holds no line comments, and no literal spans lines). psycopg keeps a statement's
    conversion to the server's placeholders only for statements of at most 4,096 bytes
    (``psycopg._queries.MAX_CACHED_STATEMENT_LENGTH``): indented, the customers' statement
    is 4,422 and was converted again on every lookup; on one line it is 3,909."""
    return _LINE_BREAK.sub(" ", sql).strip()


_LINE_BREAK = re.compile(r"\s*\n\s*")


def candidates_of(session: Session, entity: str, probe: ProbeKeys, cap: int, budget: int) -> Found:
    """The ``budget`` records sharing the most and rarest keys with the probe, of those a
    bulk run would pair it with (keys held by more records than their rule's cap are not
    read; a group of copies counts once, by its first record), that have a golden record (a
    record still waiting for matching is not an answer yet), and the stored model's state."""
    references = records.reference_fields(entity)
    caps = int_array(probe.caps)
    parameters = {
        "e": entity, "keys": text_array(probe.keys), "caps": caps,
        "evidence": int_array(probe.evidence), "families": text_array(probe.families),
        "needing": text_array(probe.needing), "alone": text_array(probe.alone), "cap": cap,
        "budget": budget, "probe": 1, "copies": COPIES_READ,  # the probe: not in the index
    }  # fmt: skip
    rows = session.execute(_statement(entity), parameters).all()
    if not rows:
        return Found(None, [])
    state = ModelState(*rows[0][:3])
    end = 6 + len(references)  # the model's state, the record as the matcher reads it
    found = [
        Candidate(records.as_record(references, r[3:end]), r[end]) for r in rows if r[3] is not None
    ]
    return Found(state, found)
