"""`/v1/{entity}/golden...` and `/v1/{entity}/xref...`: read golden records, their history,
their state at a time, search them, and find which golden record holds a source record."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Query, Response

from mdm.api.access import GOVERNED_RESPONSES, governed
from mdm.api.dependencies import REQUEST_UOW
from mdm.api.schemas import (
    ErrorOut,
    GoldenRecordOut,
    HistoryOut,
    SearchHitOut,
    SearchOut,
    SourceRecordRef,
    VersionOut,
    XrefOut,
)
from mdm.domain.entities import schema_for
from mdm.domain.errors import InvalidCursorError, NotFoundError
from mdm.golden import queries
from mdm.unit_of_work import UnitOfWork

router = APIRouter(
    prefix="/v1",
    tags=["golden records"],
    dependencies=governed("read"),
    responses=GOVERNED_RESPONSES,
)

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown entity, id or source record."}
}


def parse_id(entity: str, golden_id: str) -> uuid.UUID:
    """Golden ids are opaque: anything that is not one of ours is simply not found."""
    schema_for(entity)
    try:
        return uuid.UUID(golden_id)
    except ValueError:
        raise NotFoundError(f"no {entity} golden record {golden_id!r}") from None


def _location(entity: str, golden_id: uuid.UUID, at: datetime | None) -> str:
    path = f"/v1/{entity}/golden/{golden_id}"
    return path if at is None else f"{path}?at={at.isoformat()}"


@router.get("/{entity}/golden/{golden_id}", response_model=GoldenRecordOut, responses=NOT_FOUND)
def read_golden(
    entity: str,
    golden_id: str,
    response: Response,
    at: datetime | None = Query(None, description="ISO timestamp: the record as it was then."),
    uow: UnitOfWork = REQUEST_UOW,
) -> GoldenRecordOut:
    """A golden record. A merged-away id answers with its survivor (`redirected_from`,
    `Content-Location`)."""
    requested = parse_id(entity, golden_id)
    if at is not None:
        out = _read_at(uow, entity, requested, at if at.tzinfo else at.replace(tzinfo=UTC))
    else:
        out = _read_now(uow, entity, requested)
    if out.redirected_from is not None:
        response.headers["Content-Location"] = _location(entity, out.id, at)
    return out


def _read_now(uow: UnitOfWork, entity: str, requested: uuid.UUID) -> GoldenRecordOut:
    view = queries.current_record(uow, entity, requested)
    if view is None:
        raise NotFoundError(f"no {entity} golden record {requested}")
    out = GoldenRecordOut.of(view, requested if view.id != requested else None)
    if view.status == "split":
        return out.model_copy(update={"split_into": uow.golden.holders_now(view.id)})
    if out.redirected_from is not None:
        repointed = uow.golden.was_repointed(requested)
        out.redirect = "repointed_after_split" if repointed else "merged"
    return out


def _read_at(uow: UnitOfWork, entity: str, requested: uuid.UUID, at: datetime) -> GoldenRecordOut:
    found = queries.record_at(uow, entity, requested, at)
    current = queries.golden_record(uow, entity, found[0]) if found else None
    if found is None or current is None:
        raise NotFoundError(f"no {entity} golden record {requested} at {at.isoformat()}")
    golden_id, version = found
    return GoldenRecordOut(
        id=golden_id, entity=entity, version=version.version, status=version.status,
        attributes=version.attributes, lineage=version.lineage, created_at=current.created_at,
        updated_at=version.valid_from, merged_into=version.merged_into,
        source_records=[SourceRecordRef.of(m) for m in version.members],
        references=version.references,
        redirected_from=requested if golden_id != requested else None, as_of=at,
    )  # fmt: skip


@router.get("/{entity}/golden/{golden_id}/history", response_model=HistoryOut, responses=NOT_FOUND)
def read_history(entity: str, golden_id: str, uow: UnitOfWork = REQUEST_UOW) -> HistoryOut:
    """Every version of this id, oldest first (a merged-away id shows its own past)."""
    requested = parse_id(entity, golden_id)
    if not queries.exists(uow, entity, requested):
        raise NotFoundError(f"no {entity} golden record {requested}")
    versions = queries.history(uow, entity, requested)
    return HistoryOut(id=requested, entity=entity, versions=[VersionOut.of(v) for v in versions])


def encode_search_cursor(hit: queries.SearchHit) -> str:
    raw = json.dumps([hit.sort_key, str(hit.id)], ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_search_cursor(value: str) -> tuple[str, uuid.UUID]:
    try:
        padded = value + "=" * (-len(value) % 4)
        decoded = json.loads(base64.urlsafe_b64decode(padded))
    except (binascii.Error, ValueError, RecursionError) as exc:
        raise InvalidCursorError(f"not a search cursor: {value!r}") from exc
    match decoded:
        case [str(key), str(golden_id)] if "\x00" not in key:
            try:
                return key, uuid.UUID(golden_id)
            except ValueError:
                pass
    raise InvalidCursorError(f"not a search cursor: {value!r}")


@router.get("/{entity}/golden", response_model=SearchOut, responses=NOT_FOUND)
def search_golden(
    entity: str,
    q: str | None = Query(
        None,
        max_length=200,
        description="Words that must each appear in a name (any case), or part of a tax id or other identifier (spaces and punctuation ignored).",
    ),
    limit: int = Query(50, ge=1, le=500),
    cursor: str | None = Query(None, description="`next` of the previous page."),
    uow: UnitOfWork = REQUEST_UOW,
) -> SearchOut:
    """Active golden records whose name contains `q`, by name, in pages."""
    schema_for(entity)
    after = decode_search_cursor(cursor) if cursor else None
    hits = queries.search(uow, entity, q, limit + 1, after)
    page = hits[:limit]
    following = encode_search_cursor(page[-1]) if len(hits) > limit else None
    return SearchOut(results=[SearchHitOut.of(h) for h in page], next=following)


@router.get("/{entity}/xref/{source}/{source_id:path}", response_model=XrefOut, responses=NOT_FOUND)
def read_xref(entity: str, source: str, source_id: str, uow: UnitOfWork = REQUEST_UOW) -> XrefOut:
    """Which golden record holds this source record now."""
    schema_for(entity)
    view = queries.xref(uow, entity, source, source_id)
    if view is None:
        raise NotFoundError(f"no current {entity} record {source_id!r} from {source!r}")
    return XrefOut.of(entity, source, source_id, view)
