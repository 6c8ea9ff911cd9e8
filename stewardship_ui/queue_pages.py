"""The merge queue: filters, counts per entity, claim and assign."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.domain.entities import ENTITY_NAMES
from mdm.stewardship import queue
from stewardship_ui.filters import BANDS, QueueFilter
from stewardship_ui.notices import notice_for
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import decider, runtime_of, task_errors, viewer

router = APIRouter()
PAGE_SIZE = 50


@router.get("/queue")
def queue_page(request: Request, user: Annotated[User, Depends(viewer)]) -> Response:
    chosen = QueueFilter.from_query(dict(request.query_params))
    with runtime_of(request).unit_of_work() as uow:
        tasks = queue.list_tasks(uow, **chosen.service_arguments(user.name), limit=PAGE_SIZE)
        counts = queue.queue_counts(uow)
        system_names = queue.source_system_names(uow)
    context = {
        "user": user,
        "tasks": tasks,
        "counts": counts,
        "total": sum(counts.values()),
        "filter": chosen,
        "back": _queue_url(chosen),
        "entities": ENTITY_NAMES,
        "systems": system_names,
        "bands": BANDS,
        "notice": notice_for(dict(request.query_params)),
    }
    return render(request, "queue.html", context)


def _queue_url(chosen: QueueFilter) -> str:
    query = urlencode(chosen.query())
    return "/ui/queue" + (f"?{query}" if query else "")


def safe_back(back: str | None, default: str = "/ui/queue") -> str:
    return back if back and back.startswith("/ui/") else default


@router.post("/tasks/{task_id}/claim")
def claim(
    request: Request,
    task_id: int,
    user: Annotated[User, Depends(decider)],
    version: Annotated[int, Form()],
    back: Annotated[str | None, Form()] = None,
) -> Response:
    with task_errors(), runtime_of(request).unit_of_work() as uow:
        queue.claim(uow, task_id, user.name, version)
    return redirect(request, safe_back(back))


@router.post("/tasks/{task_id}/assign")
def assign(
    request: Request,
    task_id: int,
    user: Annotated[User, Depends(decider)],
    version: Annotated[int, Form()],
    assignee: Annotated[str, Form()] = "",
    back: Annotated[str | None, Form()] = None,
) -> Response:
    with task_errors(), runtime_of(request).unit_of_work() as uow:
        queue.assign(uow, task_id, assignee.strip() or None, user.name, version)
    return redirect(request, safe_back(back, f"/ui/tasks/{task_id}"))
