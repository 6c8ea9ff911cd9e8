"""The matching side of the bench database: a trained model and every record's blocking keys,
written with the hub's own resolver code (``mdm.repositories.match_models``) and the
matcher's own keys (``Matcher.indexed_keys``)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden.partition_apply import apply_partition
from mdm.repositories import blocking_keys
from mdm.repositories import golden as golden_repo
from mdm.repositories import matching_records as records
from mdm.runtime import Runtime

if TYPE_CHECKING:
    from matching import Matcher

ENTITY = "customer"
IMPORT_ATTEMPTS = 5
IMPORT_PAUSE = 60.0  # matching/ is being tuned by another engineer: a broken import may heal


def customer_matcher() -> Matcher:
    """A matcher with the customer preset, retrying while ``matching`` fails to import."""
    for attempt in range(IMPORT_ATTEMPTS):
        try:
            from matching import Matcher, settings_for

            return Matcher(settings_for(ENTITY))
        except (ImportError, SyntaxError) as error:
            if attempt == IMPORT_ATTEMPTS - 1:
                raise
            print(f"[bench] matching: {error}; retrying in {IMPORT_PAUSE:.0f} s")
            time.sleep(IMPORT_PAUSE)
    raise AssertionError("unreachable")


def record_ids(session: Session, limit: int | None = None) -> list[int]:
    sql = "SELECT id FROM source_record WHERE entity = :e AND NOT is_deleted ORDER BY id"
    params: dict[str, object] = {"e": ENTITY}
    if limit is not None:
        sql += " LIMIT :n"
        params["n"] = limit
    return [r[0] for r in session.execute(text(sql), params)]


def give_golden_records(runtime: Runtime, chunk: int) -> None:
    """Ingest leaves new records waiting for matching; the bench does not cluster 1 M records,
    so each gets a golden record of its own through the hub's own path for a new cluster
    (``apply_partition`` with singleton clusters: golden record at version 1 by survivorship,
    xref, version, audit entry and created event), one unit of work per chunk in id order (a
    resumed build starts with the records still without one)."""
    with runtime.unit_of_work() as uow:
        ids = [
            r[0]
            for r in uow.session.execute(
                text(
                    "SELECT r.id FROM source_record r WHERE r.entity = :e AND NOT r.is_deleted "
                    "AND NOT EXISTS (SELECT 1 FROM xref x WHERE x.source_record_id = r.id "
                    "AND x.valid_to IS NULL) ORDER BY r.id"
                ),
                {"e": ENTITY},
            )
        ]
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        with runtime.unit_of_work() as uow:
            members = golden_repo.live_members(uow.session, part)
            apply_partition(
                uow, ENTITY, [[r] for r in part], actor="bench", reason="singletons",
                now=datetime.now(UTC), members=members,
            )  # fmt: skip
        print(f"[bench] build: golden records {start + len(part):,}/{len(ids):,}", flush=True)


def train(runtime: Runtime, matcher: Matcher, rows: int) -> None:
    """Train on the first ``rows`` records loaded and store the model as the hub would, with
    the population it scores among (all active records: the prior is per pair of records)."""
    with runtime.unit_of_work() as uow:
        batch = records.records_by_id(uow.session, ENTITY, record_ids(uow.session, rows))
        model = matcher.train(matcher.prepare(batch))
        uow.models.save(ENTITY, model, len(batch), datetime.now(UTC))
        uow.models.record_population(ENTITY, records.count_active(uow.session, ENTITY))


def write_keys(runtime: Runtime, matcher: Matcher, chunk: int) -> None:
    """Blocking keys of every record, one unit of work per chunk in id order (a resumed
    build starts after the last record with keys); then nothing is pending."""
    with runtime.unit_of_work() as uow:
        done = uow.session.execute(text("SELECT max(source_record_id) FROM blocking_key")).scalar()
        ids = [i for i in record_ids(uow.session) if done is None or i > done]
    for start in range(0, len(ids), chunk):
        with runtime.unit_of_work() as uow:
            _write_chunk(uow.session, matcher, ids[start : start + chunk])
    with runtime.unit_of_work() as uow:
        records.mark_resolved(uow.session, ENTITY)


def _write_chunk(session: Session, matcher: Matcher, ids: Sequence[int]) -> None:
    prepared = matcher.prepare(records.records_by_id(session, ENTITY, ids))
    # These records have no keys yet, so nothing is replaced: passing their ids would only
    # add replace_keys' DELETE by source_record_id, which has no index (a scan of the whole
    # table per chunk; with stale statistics one index scan per id: minutes at 1 M records).
    filed = [(int(record), key) for record, key in matcher.indexed_keys(prepared)]
    blocking_keys.replace_keys(session, ENTITY, (), filed)
