"""``/v1/{entity}/records/{source}...``: a system writes its own records in real time (one per
call, or up to 1,000 in a batch), deletes them, and reads where each stands."""

from __future__ import annotations

import re
from typing import Any

import orjson
from fastapi import APIRouter, BackgroundTasks, Depends, Header, Request, Response
from starlette.concurrency import run_in_threadpool

from mdm.api import idempotency
from mdm.api.access import GOVERNED_RESPONSES, caller, check_writes_for, governed
from mdm.api.dependencies import REQUEST_UOW
from mdm.api.record_schemas import (
    RecordBatchIn,
    RecordBatchOut,
    RecordIn,
    RecordStateOut,
    RecordWriteOut,
    flagged_list,
)
from mdm.api.schemas import ErrorOut
from mdm.auth.api_keys import ApiKey
from mdm.domain.issues import FieldIssue
from mdm.ingest import realtime
from mdm.ingest.realtime import RecordWrite, StaleVersionError, WriteResult
from mdm.resolve.lookup import InvalidRecordError
from mdm.runtime import Runtime
from mdm.tasks.dispatch import request_resolution
from mdm.unit_of_work import UnitOfWork


def own_system(source: str, key: ApiKey = Depends(caller)) -> None:
    """Before the body is read: a key writes its own system's records only."""
    check_writes_for(key, source)


router = APIRouter(
    prefix="/v1",
    tags=["records"],
    dependencies=[*governed("write"), Depends(own_system)],
    responses=GOVERNED_RESPONSES,
)
reading = APIRouter(
    prefix="/v1", tags=["records"], dependencies=governed("read"), responses=GOVERNED_RESPONSES
)
RECORD = "/{entity}/records/{source}/{source_id}"
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": RecordWriteOut, "description": "Updated, unchanged or deleted."},
    201: {"model": RecordWriteOut, "description": "Created and resolved: its golden id."},
    202: {"model": RecordWriteOut, "description": "Written; matching queued (see status_url)."},
    412: {"model": ErrorOut, "description": "If-Match names a version the record no longer has."},
}
_VERSION = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def _if_match(value: str | None) -> int | None:
    if value is None:
        return None
    found = _VERSION.match(value)
    if found is None:
        raise StaleVersionError(f"If-Match {value!r} is not a version of this record")
    return int(found.group(1))


def _answer(entity: str, source: str, results: list[WriteResult], batch: bool) -> Response:
    outs = [RecordWriteOut.of(entity, source, r) for r in results]
    queued = any(o.status == "queued" for o in outs)
    if batch:
        body = RecordBatchOut(results=outs).model_dump(mode="json")
        status = 202 if queued else 200
        return Response(orjson.dumps(body), status, media_type="application/json")
    (out,) = outs
    status = 202 if queued else 201 if out.outcome == "created" else 200
    headers = {"ETag": f'"{out.version}"', "Location": out.status_url}
    return Response(
        orjson.dumps(out.model_dump(mode="json")), status, headers, media_type="application/json"
    )


def _write(
    runtime: Runtime, key: ApiKey, idempotency_key: str | None, digest: bytes,
    entity: str, source: str, writes: list[RecordWrite], if_match: int | None, batch: bool,
) -> Response:  # fmt: skip
    with runtime.unit_of_work() as uow:
        uow.limit_statements(runtime.settings.request_timeout_seconds)

        def work() -> Response:
            results = realtime.write_records(
                uow, source, entity, writes, if_match=if_match, batch=batch
            )
            return _answer(entity, source, results, batch)

        return idempotency.answer_once(uow, key.id, idempotency_key, digest, work)


async def _run(
    request: Request, tasks: BackgroundTasks, key: ApiKey, idempotency_key: str | None,
    entity: str, source: str, writes: list[RecordWrite], if_match: int | None = None,
    batch: bool = False,
) -> Response:  # fmt: skip
    runtime: Runtime = request.app.state.runtime
    digest = idempotency.request_hash(request.method, request.url.path, await request.body())
    response = await run_in_threadpool(
        _write, runtime, key, idempotency_key, digest, entity, source, writes, if_match, batch
    )
    if response.status_code == 202 and "Idempotent-Replayed" not in response.headers:
        tasks.add_task(request_resolution, runtime, entity)
    return response


def _one(source_id: str, values: dict[str, str]) -> RecordWrite:
    given = values.get("source_id", source_id)
    if given != source_id:
        raise InvalidRecordError((FieldIssue("source_id", "differs from the one in the path"),))
    return RecordWrite(source_id, {k: v for k, v in values.items() if k != "source_id"})


IF_MATCH = Header(
    None,
    pattern=r'^(W/)?"?[0-9]{1,9}"?$',
    description='The version you read (its ETag, e.g. `"3"`): 412 when it is stale.',
)
IDEMPOTENCY = Header(None, description="A key of yours: a retry replays the first answer.")


@router.put(RECORD, responses=WRITE_RESPONSES, response_model=RecordWriteOut, status_code=201)
async def put_record(
    entity: str, source: str, source_id: str, body: RecordIn, request: Request,
    tasks: BackgroundTasks, key: ApiKey = Depends(caller),
    if_match: str | None = IF_MATCH, idempotency_key: str | None = IDEMPOTENCY,
) -> Response:  # fmt: skip
    """Create or replace one record of the key's own system, validated as ingest validates;
    answers with its version and golden id (202 while matching is queued)."""
    write = _one(source_id, body.root)
    version = _if_match(if_match)
    return await _run(request, tasks, key, idempotency_key, entity, source, [write], version)


@router.delete(RECORD, responses=WRITE_RESPONSES, response_model=RecordWriteOut)
async def delete_record(
    entity: str, source: str, source_id: str, request: Request, tasks: BackgroundTasks,
    key: ApiKey = Depends(caller), if_match: str | None = IF_MATCH,
    idempotency_key: str | None = IDEMPOTENCY,
) -> Response:  # fmt: skip
    """Delete one record: a tombstone version; its golden record loses it."""
    write = RecordWrite(source_id, None)
    version = _if_match(if_match)
    return await _run(request, tasks, key, idempotency_key, entity, source, [write], version)


@router.post("/{entity}/records/{source}", responses=WRITE_RESPONSES, response_model=RecordBatchOut)
async def write_batch(
    entity: str, source: str, body: RecordBatchIn, request: Request, tasks: BackgroundTasks,
    key: ApiKey = Depends(caller), idempotency_key: str | None = IDEMPOTENCY,
) -> Response:  # fmt: skip
    """Create or replace up to 1,000 records at once: all of them, or (422) none."""
    writes = [
        RecordWrite(r.get("source_id", ""), {k: v for k, v in r.items() if k != "source_id"})
        for r in body.records
    ]
    return await _run(request, tasks, key, idempotency_key, entity, source, writes, batch=True)


@reading.get(RECORD, response_model=RecordStateOut)
def read_record(
    entity: str, source: str, source_id: str, response: Response,
    uow: UnitOfWork = REQUEST_UOW,
) -> RecordStateOut:  # fmt: skip
    """Where a record stands: version (also as ETag), deleted or not, golden id once matched."""
    state = realtime.record_state(uow, source, entity, source_id)
    response.headers["ETag"] = f'"{state.version}"'
    status = "deleted" if state.deleted else "resolved" if state.golden_id else "queued"
    return RecordStateOut(
        entity=entity, source=source, source_id=source_id, version=state.version,
        deleted=state.deleted, golden_id=state.golden_id, status=status,
        flagged=flagged_list(state.flagged),
    )  # fmt: skip
