"""The matching side of the bench database: a trained model and every record's blocking keys,
written with the hub's own resolver code (``mdm.resolve.models``, ``mdm.resolve.keys``)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from matching.engine import Matcher
from mdm.golden import history
from mdm.golden.history import Change
from mdm.resolve import keys, models, records
from mdm.runtime import Runtime

ENTITY = "customer"
IMPORT_ATTEMPTS = 5
IMPORT_PAUSE = 60.0  # matching/ is being tuned by another engineer: a broken import may heal


def customer_matcher() -> Matcher:
    """A matcher with the customer preset, retrying while ``matching.presets`` fails to import."""
    for attempt in range(IMPORT_ATTEMPTS):
        try:
            from matching.presets import settings_for

            return Matcher(settings_for(ENTITY))
        except (ImportError, SyntaxError) as error:
            if attempt == IMPORT_ATTEMPTS - 1:
                raise
            print(f"[bench] matching.presets: {error}; retrying in {IMPORT_PAUSE:.0f} s")
            time.sleep(IMPORT_PAUSE)
    raise AssertionError("unreachable")


def record_ids(session: Session, limit: int | None = None) -> list[int]:
    sql = "SELECT id FROM source_record WHERE entity = :e AND NOT is_deleted ORDER BY id"
    params: dict[str, object] = {"e": ENTITY}
    if limit is not None:
        sql += " LIMIT :n"
        params["n"] = limit
    return [r[0] for r in session.execute(text(sql), params)]


# What survivorship gives a golden record with one member (mdm.domain.survivorship.survive):
# every valid, non-blank value (source_id excepted), each with its provenance, rule only_source.
SINGLETONS_SQL = """
    CREATE TEMP TABLE singleton_tmp ON COMMIT DROP AS
    SELECT gen_random_uuid() AS gid, r.id AS rid, a.attrs,
           COALESCE((SELECT jsonb_object_agg(k, jsonb_build_object(
                        'version_id', v.id, 'system', s.name, 'source_id', r.source_id,
                        'rule', 'only_source'))
                     FROM jsonb_object_keys(a.attrs) AS k), '{}'::jsonb) AS lineage
    FROM source_record r
    JOIN source_system s ON s.id = r.system_id
    JOIN source_record_version v ON v.source_record_id = r.id AND v.version_no = r.version_no
    CROSS JOIN LATERAL (
        SELECT COALESCE(jsonb_object_agg(e.key, e.value), '{}'::jsonb) AS attrs
        FROM jsonb_each(v.canonical) AS e
        WHERE e.key <> 'source_id' AND e.value NOT IN ('null', '""', '[]')
          AND NOT v.invalid ? e.key
    ) a
    WHERE r.entity = :e AND NOT r.is_deleted AND r.id = ANY(:ids)
"""


def give_golden_records(runtime: Runtime, chunk: int) -> None:
    """Ingest leaves new records waiting for matching; the bench does not cluster 1 M records,
    so each gets a golden record of its own, as resolution writes one for a singleton cluster
    (golden record at version 1, xref, and through ``mdm.golden.history`` the version, audit
    entry and created event), in bulk SQL, one unit of work per chunk in id order (a resumed
    build starts with the records still without one). ``apply_partition`` would write the same
    but at ~500 records/s: over half an hour at 1 M."""
    with runtime.unit_of_work() as session:
        ids = [
            r[0]
            for r in session.execute(
                text(
                    "SELECT r.id FROM source_record r WHERE r.entity = :e AND NOT r.is_deleted "
                    "AND NOT EXISTS (SELECT 1 FROM xref x WHERE x.source_record_id = r.id "
                    "AND x.valid_to IS NULL) ORDER BY r.id"
                ),
                {"e": ENTITY},
            )
        ]
    for start in range(0, len(ids), chunk):
        with runtime.unit_of_work() as session:
            _singletons(session, ids[start : start + chunk])
        print(f"[bench] build: golden records {start + chunk:,}/{len(ids):,}", flush=True)


def _singletons(session: Session, ids: Sequence[int]) -> None:
    now = datetime.now(UTC)
    session.execute(text(SINGLETONS_SQL), {"e": ENTITY, "ids": list(ids)})
    session.execute(
        text(
            "INSERT INTO golden_record (id, entity, attributes, lineage, version, status, "
            "created_at, updated_at) SELECT gid, :e, attrs, lineage, 1, 'active', :now, :now "
            "FROM singleton_tmp"
        ),
        {"e": ENTITY, "now": now},
    )
    session.execute(
        text(
            "INSERT INTO xref (source_record_id, golden_id, valid_from) "
            "SELECT rid, gid, :now FROM singleton_tmp"
        ),
        {"now": now},
    )
    made = session.execute(
        text("SELECT gid, ARRAY(SELECT jsonb_object_keys(attrs) ORDER BY 1) FROM singleton_tmp")
    ).all()
    changes = [Change(gid, "created", changed=tuple(names)) for gid, names in made]
    history.record(session, changes, actor="bench", reason="singletons", now=now)
    session.execute(text("DROP TABLE singleton_tmp"))


def train(runtime: Runtime, matcher: Matcher, rows: int) -> None:
    """Train on the first ``rows`` records loaded and store the model as the hub would, with
    the population it scores among (all active records: the prior is per pair of records)."""
    with runtime.unit_of_work() as session:
        batch = records.records_by_id(session, ENTITY, record_ids(session, rows))
        model = matcher.train(matcher.prepare(batch))
        models.save(session, ENTITY, model, len(batch), datetime.now(UTC))
        models.record_population(session, ENTITY, records.count_active(session, ENTITY))


def write_keys(runtime: Runtime, matcher: Matcher, chunk: int) -> None:
    """Blocking keys of every record, one unit of work per chunk in id order (a resumed
    build starts after the last record with keys); then nothing is pending."""
    with runtime.unit_of_work() as session:
        done = session.execute(text("SELECT max(source_record_id) FROM blocking_key")).scalar()
        ids = [i for i in record_ids(session) if done is None or i > done]
    for start in range(0, len(ids), chunk):
        with runtime.unit_of_work() as session:
            _write_chunk(session, matcher, ids[start : start + chunk])
    with runtime.unit_of_work() as session:
        records.mark_resolved(session, ENTITY)


def _write_chunk(session: Session, matcher: Matcher, ids: Sequence[int]) -> None:
    prepared = matcher.prepare(records.records_by_id(session, ENTITY, ids))
    # These records have no keys yet, so nothing is replaced: passing their ids would only
    # add replace_keys' DELETE by source_record_id, which has no index (a scan of the whole
    # table per chunk; with stale statistics one index scan per id: minutes at 1 M records).
    keys.replace_keys(session, ENTITY, (), keys.keys_of_batch(matcher, prepared))
