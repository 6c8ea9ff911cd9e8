"""Reads of golden records for the read side: one record, its members now or at a time, its
versions, search with keyset paging, cross-reference look-ups. Rows only; the golden read
service (``mdm.golden.queries``) makes views of them."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.entities import SCHEMAS, schema_for
from mdm.repositories.fragments import SYSTEM, current_version, live, live_xref, name_of, value_of

# name-like values searched per entity (each of the entity's search names), and the expression
# search results are ordered by (the first known of them, lower-cased)
NAME_FIELDS: dict[str, tuple[str, ...]] = {
    entity: tuple(name_of("g.attributes", name) for name in schema.search.names)
    for entity, schema in SCHEMAS.items()
}
SORT_KEY: dict[str, str] = {
    entity: f"lower(coalesce({', '.join(names)}, ''))" for entity, names in NAME_FIELDS.items()
}


def status_row(session: Session, entity: str, golden_id: uuid.UUID) -> Any | None:
    """(status, merged_into) of one golden record."""
    return session.execute(
        text("SELECT status, merged_into FROM golden_record WHERE id = :id AND entity = :e"),
        {"id": golden_id, "e": entity},
    ).first()


def record_row(session: Session, entity: str, golden_id: uuid.UUID) -> Any | None:
    return session.execute(
        text(
            "SELECT id, entity, version, status, attributes, lineage, created_at, updated_at, "
            "merged_into FROM golden_record WHERE id = :id AND entity = :e"
        ),
        {"id": golden_id, "e": entity},
    ).first()


CURRENT_MEMBERS_SQL = f"""
    SELECT s.name, r.source_id, x.valid_from, r.is_deleted, v.id, v.version_no
    FROM xref x JOIN source_record r ON r.id = x.source_record_id {SYSTEM} {current_version()}
    WHERE x.golden_id = :id AND {live()}
    ORDER BY s.name, r.source_id
"""


def current_member_rows(session: Session, golden_id: uuid.UUID) -> list[Any]:
    """(system, source id, since, deleted, current version id, its number) of each member."""
    return list(session.execute(text(CURRENT_MEMBERS_SQL), {"id": golden_id}).all())


MEMBERS_AT_SQL = f"""
    SELECT s.name, r.source_id, x.valid_from, r.is_deleted
    FROM xref x JOIN source_record r ON r.id = x.source_record_id {SYSTEM}
    WHERE x.golden_id = :id AND x.valid_from <= :at AND (x.valid_to IS NULL OR x.valid_to > :at)
    ORDER BY s.name, r.source_id
"""


def member_rows_at(session: Session, golden_id: uuid.UUID, at: datetime) -> list[Any]:
    """The source records the golden record held at ``at`` (xref validity windows)."""
    return list(session.execute(text(MEMBERS_AT_SQL), {"id": golden_id, "at": at}).all())


def version_numbers(session: Session, version_ids: Collection[int]) -> dict[int, int]:
    """Source version numbers of the version rows ``version_ids``, in one query."""
    if not version_ids:
        return {}
    rows = session.execute(
        text("SELECT id, version_no FROM source_record_version WHERE id = ANY(:ids)"),
        {"ids": sorted(version_ids)},
    )
    return {r[0]: r[1] for r in rows}


VERSIONS_SQL = f"""
    SELECT v.version, v.valid_from, v.status, v.merged_into, v.changed_by, v.reason,
           v.attributes, v.lineage,
           COALESCE((SELECT json_agg(json_build_array(s.name, r.source_id)
                                     ORDER BY s.name, r.source_id)
                     FROM source_record r {SYSTEM}
                     WHERE r.id IN (SELECT jsonb_array_elements_text(v.members)::bigint)),
                    '[]'::json)
    FROM golden_version v
    WHERE v.golden_id = :id AND v.entity = :e {{where}}
    ORDER BY v.version {{order}}
"""


def version_rows(session: Session, entity: str, golden_id: uuid.UUID) -> list[Any]:
    """Every version of the record, oldest first."""
    sql = VERSIONS_SQL.format(where="", order="ASC")
    return list(session.execute(text(sql), {"id": golden_id, "e": entity}).all())


def version_row_at(session: Session, entity: str, golden_id: uuid.UUID, at: datetime) -> Any | None:
    """The latest version with valid_from ≤ ``at``."""
    sql = VERSIONS_SQL.format(where="AND v.valid_from <= :at", order="DESC LIMIT 1")
    return session.execute(text(sql), {"id": golden_id, "e": entity, "at": at}).first()


def exists(session: Session, entity: str, golden_id: uuid.UUID) -> bool:
    sql = "SELECT 1 FROM golden_record WHERE id = :id AND entity = :e"
    return session.execute(text(sql), {"id": golden_id, "e": entity}).first() is not None


MAX_TOKENS = 8


def _identifier(entity: str, text: str, key: str, params: dict[str, Any]) -> list[str]:
    """``text`` as part of one of the entity's identifiers (a steward may paste one into the
    search box), spaces and punctuation ignored (when it has a digit)."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    if not any(ch.isdigit() for ch in compact):
        return []
    params[key] = f"%{compact}%"
    return [
        f"upper(regexp_replace({value_of('g.attributes', f)}, '[^0-9A-Za-z]', '', 'g')) LIKE :{key}"
        for f in schema_for(entity).identifiers
    ]


def _query_clause(entity: str, q: str, params: dict[str, Any]) -> str:
    """Every word in a name-like value (or, with a digit, in an identifier), or the whole
    query as an identifier written with spaces (``GB 885 310 515``)."""
    words = []
    for n, token in enumerate(q.split()[:MAX_TOKENS]):
        params[f"q{n}"] = like_pattern(token)
        found = [f"{f} ILIKE :q{n}" for f in NAME_FIELDS[entity]]
        found += _identifier(entity, token, f"k{n}", params)
        words.append(f"({' OR '.join(found)})")
    whole = _identifier(entity, q, "k_all", params) if len(q.split()) > 1 else []
    return f"(({' AND '.join(words)}){''.join(' OR ' + w for w in whole)})"


def like_pattern(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_rows(
    session: Session, entity: str, q: str | None, limit: int,
    after: tuple[str, uuid.UUID] | None = None,
) -> list[Any]:  # fmt: skip
    """(id, sort key, version, attributes, updated at) of active records whose name-like
    attribute contains ``q`` (any case), ordered by (lower-cased name, id); ``after`` is the
    last (sort key, id) of the previous page."""
    key = SORT_KEY[entity]
    clauses = ["g.entity = :e", "g.status = 'active'"]
    params: dict[str, Any] = {"e": entity, "limit": limit}
    if q and q.split():
        clauses.append(_query_clause(entity, q, params))
    if after is not None:
        clauses.append(f"({key}, g.id) > (:after_key, :after_id)")
        params.update(after_key=after[0], after_id=after[1])
    sql = (
        f"SELECT g.id, {key}, g.version, g.attributes, g.updated_at FROM golden_record g "
        f"WHERE {' AND '.join(clauses)} ORDER BY {key}, g.id LIMIT :limit"
    )
    return list(session.execute(text(sql), params).all())


XREF_SQL = f"""
    SELECT g.id, g.status, x.valid_from, r.is_deleted FROM source_record r {SYSTEM}
    {live_xref()} JOIN golden_record g ON g.id = x.golden_id
    WHERE s.name = :s AND r.entity = :e AND r.source_id = :sid
"""


def xref_row(session: Session, entity: str, source: str, source_id: str) -> Any | None:
    """(golden id, its status, since, deleted) of the golden record holding a source record."""
    params = {"s": source, "e": entity, "sid": source_id}
    return session.execute(text(XREF_SQL), params).first()


XREF_AT_SQL = f"""
    SELECT x.golden_id FROM source_record r {SYSTEM} JOIN xref x ON x.source_record_id = r.id
    WHERE s.name = :s AND r.entity = :e AND r.source_id = :sid
      AND x.valid_from <= :at AND (x.valid_to IS NULL OR x.valid_to > :at)
"""


def xref_golden_at(
    session: Session, entity: str, source: str, source_id: str, at: datetime
) -> uuid.UUID | None:
    """The golden record that held a source record at ``at`` (xref validity windows)."""
    params = {"s": source, "e": entity, "sid": source_id, "at": at}
    found = session.execute(text(XREF_AT_SQL), params).scalar()
    return None if found is None else uuid.UUID(str(found))


def active_attributes(session: Session, entity: str | None = None) -> dict[str, dict[str, Any]]:
    """Every active golden record: id → attributes (what a replayed event feed must equal)."""
    sql = "SELECT id, attributes FROM golden_record WHERE status = 'active'"
    params: dict[str, Any] = {}
    if entity is not None:
        sql += " AND entity = :e"
        params["e"] = entity
    return {str(r[0]): r[1] for r in session.execute(text(sql), params)}


# Exports: every active record once (not matched yet: no golden id), and every active golden
# record with its sources
EXPORT_XREF_SQL = f"""
    SELECT s.name, r.source_id, x.golden_id
    FROM source_record r {SYSTEM} {live_xref(outer=True)}
    WHERE r.entity = :e AND NOT r.is_deleted
    ORDER BY s.name, r.source_id
"""
EXPORT_GOLDEN_SQL = f"""
    SELECT g.id, g.version, g.attributes, g.lineage, g.updated_at,
           COALESCE(json_agg(json_build_object('source', s.name, 'source_id', r.source_id)
                    ORDER BY s.name, r.source_id) FILTER (WHERE r.id IS NOT NULL), '[]')
    FROM golden_record g
    LEFT JOIN xref x ON x.golden_id = g.id AND {live()}
    LEFT JOIN source_record r ON r.id = x.source_record_id AND NOT r.is_deleted
    LEFT JOIN source_system s ON s.id = r.system_id
    WHERE g.entity = :e AND g.status = 'active'
    GROUP BY g.id ORDER BY g.created_at, g.id
"""


def export_xref_rows(session: Session, entity: str) -> Any:
    """(system, source id, golden id or None) of every active record of ``entity``."""
    return session.execute(text(EXPORT_XREF_SQL), {"e": entity})


def export_golden_rows(session: Session, entity: str) -> Any:
    """(id, version, attributes, lineage, updated at, sources) of every active golden record,
    streamed."""
    return session.execute(text(EXPORT_GOLDEN_SQL), {"e": entity}).yield_per(2000)
