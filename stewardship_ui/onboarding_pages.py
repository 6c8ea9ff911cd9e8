"""Onboarding an acquired system's extract, step by step for an M&A analyst: upload, confirm the
suggested mapping, profile, dry run, load (with its progress), then the acquisition's
scoreboard and its review queue."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from mdm.auth.users import User
from mdm.domain.entities import ENTITY_NAMES, UnknownEntityError, schema_for
from mdm.domain.errors import NotFoundError
from mdm.ingest.errors import ExtractError
from mdm.onboarding import steps
from mdm.onboarding.scoreboard import scoreboard
from mdm.onboarding.workspace import Upload, UploadError, Workspace
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import UiError, decider, runtime_of, viewer

router = APIRouter()
MAX_UPLOAD = 200 * 1024 * 1024


def workspace_of(request: Request) -> Workspace:
    return Workspace(runtime_of(request).settings.home / "onboarding")


@contextmanager
def onboarding_errors() -> Iterator[None]:
    """What the analyst can fix, said on the page: a bad file, name or entity; an unknown id."""
    try:
        yield
    except NotFoundError as exc:
        raise UiError(404, str(exc)) from exc
    except (UploadError, ExtractError, UnknownEntityError) as exc:
        raise UiError(422, str(exc)) from exc


def _upload(request: Request, upload_id: str) -> tuple[Workspace, Upload]:
    workspace = workspace_of(request)
    with onboarding_errors():
        return workspace, workspace.get(upload_id)


def _page(
    request: Request, user: User, template: str, upload: Upload | None, **extra: object
) -> Response:
    context = {"user": user, "section": "onboarding", "upload": upload, **extra}
    return render(request, template, context)


@router.get("/onboarding")
def start_page(request: Request, user: Annotated[User, Depends(viewer)]) -> Response:
    return _page(request, user, "onboarding.html", None, entities=ENTITY_NAMES)


@router.post("/onboarding")
async def upload_extract(
    request: Request,
    user: Annotated[User, Depends(decider)],
    file: UploadFile,
    source: Annotated[str, Form()],
    entity: Annotated[str, Form()],
) -> Response:
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise UiError(422, f"{file.filename}: larger than {MAX_UPLOAD // 2**20} MiB")
    workspace = workspace_of(request)
    with onboarding_errors():
        upload = workspace.create(file.filename or "", data, source.strip(), entity)
        # refuse an unreadable file now; the suggestion is kept for the next steps
        await run_in_threadpool(steps.suggestion, workspace, upload)
    return redirect(request, f"/ui/onboarding/{upload.id}")


@router.get("/onboarding/{upload_id}")
def mapping_page(
    request: Request, user: Annotated[User, Depends(viewer)], upload_id: str
) -> Response:
    workspace, upload = _upload(request, upload_id)
    with onboarding_errors():
        suggested = steps.suggestion(workspace, upload)
        confirmed = workspace.mapping(upload)
    chosen = {c.column: c.field or "" for c in suggested.columns}
    constants = suggested.mapping().constants
    if confirmed is not None:
        chosen = {c.column: confirmed.columns.get(c.column, "") for c in suggested.columns}
        constants = confirmed.constants
    why = {c.field: c.evidence for c in suggested.constants}
    fields = schema_for(upload.entity).fields
    return _page(request, user, "onboarding_mapping.html", upload, suggested=suggested,
                 chosen=chosen, constants=constants, why=why, fields=fields,
                 step="mapping")  # fmt: skip


@router.post("/onboarding/{upload_id}/mapping")
async def confirm_mapping(
    request: Request, user: Annotated[User, Depends(decider)], upload_id: str
) -> Response:
    workspace, upload = _upload(request, upload_id)
    form = await request.form()
    columns = form.getlist("column")
    targets = form.getlist("field")
    chosen = {str(c): str(f) for c, f in zip(columns, targets, strict=False)}
    given = zip(form.getlist("constant_field"), form.getlist("constant_value"), strict=False)
    constants = {str(f): str(v) for f, v in given if f}
    with onboarding_errors():
        await run_in_threadpool(steps.confirm_mapping, workspace, upload, chosen, constants)
    return redirect(request, f"/ui/onboarding/{upload.id}/profile")


@router.get("/onboarding/{upload_id}/profile")
def profile_page(
    request: Request, user: Annotated[User, Depends(viewer)], upload_id: str
) -> Response:
    workspace, upload = _upload(request, upload_id)
    with onboarding_errors(), runtime_of(request).unit_of_work() as uow:
        uow.read_outside_transactions()  # one read: the system's remembered date orders
        found = steps.profile(uow, workspace, upload)
    return _page(request, user, "onboarding_profile.html", upload, profile=found, step="profile")


@router.post("/onboarding/{upload_id}/dry-run")
def dry_run(request: Request, user: Annotated[User, Depends(decider)], upload_id: str) -> Response:
    workspace, upload = _upload(request, upload_id)
    runtime = runtime_of(request)
    with onboarding_errors(), runtime.unit_of_work() as uow:
        steps.run_dry_run(uow, workspace, upload)
        uow.rollback()  # a dry run keeps nothing
    return redirect(request, f"/ui/onboarding/{upload.id}/report")


@router.get("/onboarding/{upload_id}/report")
def report_page(
    request: Request, user: Annotated[User, Depends(viewer)], upload_id: str
) -> Response:
    workspace, upload = _upload(request, upload_id)
    report = workspace.read_json(upload, steps.DRY_RUN)
    return _page(request, user, "onboarding_report.html", upload, report=report, step="report")


@router.post("/onboarding/{upload_id}/load")
def load(request: Request, user: Annotated[User, Depends(decider)], upload_id: str) -> Response:
    workspace, upload = _upload(request, upload_id)
    state = workspace.read_json(upload, steps.PROGRESS)
    if state is None or (state.get("finished") and state.get("error")):
        steps.start_load(runtime_of(request), workspace, upload)
    return redirect(request, f"/ui/onboarding/{upload.id}/load")


def _progress_context(request: Request, upload_id: str) -> dict[str, object]:
    workspace, upload = _upload(request, upload_id)
    state = workspace.read_json(upload, steps.PROGRESS) or {"stage": "not started"}
    outcome = workspace.read_json(upload, steps.OUTCOME) if state.get("finished") else None
    return {"upload": upload, "state": state, "outcome": outcome}


@router.get("/onboarding/{upload_id}/load")
def load_page(request: Request, user: Annotated[User, Depends(viewer)], upload_id: str) -> Response:
    context = _progress_context(request, upload_id)
    return render(
        request,
        "onboarding_load.html",
        {"user": user, "section": "onboarding", "step": "load", **context},
    )


@router.get("/onboarding/{upload_id}/progress")
def progress(request: Request, user: Annotated[User, Depends(viewer)], upload_id: str) -> Response:
    return render(
        request, "onboarding_progress.html", {"user": user, **_progress_context(request, upload_id)}
    )


@router.get("/scoreboard")
def scoreboard_page(
    request: Request, user: Annotated[User, Depends(viewer)], system: str = ""
) -> Response:
    with runtime_of(request).unit_of_work() as uow:
        scores = scoreboard(uow, system or None)
    return _page(request, user, "scoreboard.html", None, scores=scores, system=system)
