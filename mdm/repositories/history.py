"""Every golden change leaves three traces in the same transaction: a version snapshot, an
audit entry and an outbox event (CloudEvents data, published later by the relay or the feed)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.db.bulk import INLINE_ROWS, as_json, copy_field, execute_staged, server_settings
from mdm.domain.entities import SCHEMAS
from mdm.repositories.fragments import SYSTEM, live, live_xref

EVENT_SOURCE = "/mdm/hub"

CHANGES_TABLE = "golden_change_tmp"


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _resolved(field: str, entity: str) -> str:
    """The golden id (text) a golden record's reference ``field`` resolves to, as the read API
    resolves it (mdm.golden.queries.references): the key, in the system of the member the
    value came from (its lineage), through that record's live cross-reference; members move
    to the survivor on a merge, so that is the record holding it now. Only looked up when
    the record holds the field."""
    name = _sql_text(field)
    return (
        f"CASE WHEN g.attributes ? {name} AND g.lineage -> {name} ? 'system' THEN "
        f"(SELECT x.golden_id::text FROM source_record r {SYSTEM} {live_xref()} "
        f"WHERE s.name = g.lineage -> {name} ->> 'system' AND r.entity = {_sql_text(entity)} "
        f"AND r.source_id = g.attributes ->> {name}) END"
    )


def _references_sql() -> str:
    """``{reference name: golden id or null}`` of each entity's references, by entity."""
    cases = []
    for schema in SCHEMAS.values():
        pairs = []
        for name in schema.references:
            reference = schema.reference_of(name)
            assert reference is not None
            pairs.append(f"{_sql_text(reference.name)}, {_resolved(name, reference.entity)}")
        if pairs:
            cases.append(
                f"WHEN {_sql_text(schema.name)} THEN jsonb_build_object({', '.join(pairs)})"
            )
    return f"CASE g.entity {' '.join(cases)} ELSE '{{}}'::jsonb END" if cases else "'{}'::jsonb"


# One statement writes all three traces from the stored golden records, so the snapshot is
# read once and no JSON travels back to Python: golden_version (the state), outbox_event
# (CloudEvents data, with each reference resolved to a golden id as it stood when the change
# was written) and audit_event (who, what, before and after).
RECORD_SQL = f"""
    WITH members AS (
        SELECT x.golden_id,
               to_jsonb(array_agg(x.source_record_id ORDER BY x.source_record_id)) AS ids
        FROM {CHANGES_TABLE} c
        JOIN xref x ON x.golden_id = c.golden_id AND {live()}
        GROUP BY x.golden_id
    ), snap AS MATERIALIZED (
        SELECT c.ord, c.kind, c.extra, c.changed, g.id, g.entity, g.version, g.status,
               g.merged_into, g.attributes, g.lineage, COALESCE(m.ids, '[]'::jsonb) AS members,
               {_references_sql()} AS refs
        FROM {CHANGES_TABLE} c
        JOIN golden_record g ON g.id = c.golden_id
        LEFT JOIN members m ON m.golden_id = c.golden_id
    ), versions AS (
        INSERT INTO golden_version (golden_id, version, entity, attributes, lineage, status,
                                    merged_into, members, valid_from, changed_by, reason)
        SELECT id, version, entity, attributes, lineage, status, merged_into, members,
               :now, :actor, :reason
        FROM snap ORDER BY ord
    ), events AS (
        INSERT INTO outbox_event (id, type, source, subject, entity, sequence, data, created_at)
        SELECT gen_random_uuid(), 'mdm.' || entity || '.' || kind || '.v1', :source, id::text,
               entity, version,
               jsonb_build_object('golden_id', id::text, 'entity', entity, 'version', version,
                                  'status', status, 'attributes', attributes,
                                  'changed_attributes', changed, 'references', refs)
               || CASE WHEN merged_into IS NULL THEN '{{}}'::jsonb
                       ELSE jsonb_build_object('merged_into', merged_into::text) END
               || extra,
               :now
        FROM snap ORDER BY ord
    )
    INSERT INTO audit_event (at, actor, action, subject_type, subject_id, reason, before, after)
    SELECT :now, :actor, 'golden.' || kind, 'golden_record', id::text, :reason,
           CASE WHEN version > 1 THEN jsonb_build_object('version', version - 1) END,
           jsonb_build_object('version', version, 'status', status, 'members', members) || extra
    FROM snap ORDER BY ord
    """
# For a bulk write (rows staged in a table): the planner counts a reference look-up for every
# row, so its estimate passes the JIT thresholds and the statement compiles code it runs once;
# its three sorts by ``ord`` (lineage included) spill to disk under the default 4 MB
# (EXPLAIN ANALYZE shows both; the scale section's "golden records" stage times the whole).
BULK_RECORD_SETTINGS = {"jit": "off", "work_mem": "256MB"}
# The staged changes' statistics the plan needs: their number and their golden ids (joined
# to xref and golden_record). Statistics of the JSON columns (extra, changed) took ten times
# as long to gather (0.5 s of 29,000 changes, each with its changed attributes) and no plan
# reads them.
ANALYZED = ("golden_id",)


@dataclass(frozen=True)
class Change:
    """Why a golden record changed: the event kind (created, updated, merged, split, deleted)."""

    golden_id: uuid.UUID
    kind: str
    extra: Mapping[str, Any] = field(default_factory=dict)
    changed: tuple[str, ...] = ()


def record(
    session: Session, changes: Sequence[Change], *, actor: str, reason: str, now: datetime
) -> None:
    if not changes:
        return
    by_id = {c.golden_id: c for c in changes}
    rows = [
        (i, c.golden_id, c.kind, _json(c.extra), _json(list(c.changed)))
        for i, c in enumerate(by_id.values())
    ]
    ddl = "ord int, golden_id uuid, kind text, extra jsonb, changed jsonb"
    params = {"now": now, "actor": actor, "reason": reason, "source": EVENT_SOURCE}
    tuned = BULK_RECORD_SETTINGS if len(rows) > INLINE_ROWS else {}
    with server_settings(session, tuned):
        execute_staged(
            session, RECORD_SQL, params, CHANGES_TABLE, ddl, rows, lines=lambda: map(_line, rows),
            analyze=ANALYZED,
        )  # fmt: skip


def _json(value: Any) -> str:
    return as_json(value) if value else ("{}" if isinstance(value, Mapping) else "[]")


def _line(row: tuple[int, uuid.UUID, str, str, str]) -> str:
    """A change as one line of COPY text."""
    i, golden_id, kind, extra, changed = row
    return f"{i}\t{golden_id}\t{copy_field(kind)}\t{copy_field(extra)}\t{copy_field(changed)}\n"


def audit(
    session: Session, *, actor: str, action: str, subject_type: str, subject_id: str,
    before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None,
    reason: str | None = None,
) -> None:  # fmt: skip
    """One audit entry for a decision that is not itself a golden change (tasks, pins)."""
    session.execute(
        text(
            "INSERT INTO audit_event (at, actor, action, subject_type, subject_id, reason, before, after) "
            "VALUES (now(), :actor, :action, :st, :sid, :reason, CAST(:b AS jsonb), CAST(:a AS jsonb))"
        ),
        {"actor": actor, "action": action, "st": subject_type, "sid": subject_id, "reason": reason,
         "b": as_json(before) if before is not None else None, "a": as_json(after) if after is not None else None},
    )  # fmt: skip
