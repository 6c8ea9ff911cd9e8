"""Bulk approval: the patterns the hub recognises in open tasks, a preview of how many and which,
then one decision for all of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.domain.entities import ENTITY_NAMES
from mdm.stewardship import bulk, queue
from stewardship_ui.notices import notice_for
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import UiError, decider, known_entity, runtime_of, task_errors, viewer

router = APIRouter()
PREVIEW_LIMIT = 1000


@router.get("/bulk")
def bulk_page(
    request: Request,
    user: Annotated[User, Depends(viewer)],
    entity: str = "customer",
    pattern: str = "",
) -> Response:
    entity = known_entity(entity)
    with runtime_of(request).unit_of_work() as uow:
        patterns = bulk.bulk_patterns(uow, entity)
        chosen = next((p for p in patterns if p.key == pattern), None)
        tasks = []
        if chosen is not None and chosen.task_ids:
            ids = set(chosen.task_ids)
            listed = queue.list_tasks(uow, entity=entity, limit=PREVIEW_LIMIT)
            tasks = [t for t in listed if t.id in ids]
    context = {
        "user": user, "section": "bulk", "entity": entity, "entities": ENTITY_NAMES,
        "patterns": patterns, "chosen": chosen, "tasks": tasks,
        "notice": notice_for(dict(request.query_params)),
    }  # fmt: skip
    return render(request, "bulk.html", context)


@router.post("/bulk/approve")
def approve(
    request: Request,
    user: Annotated[User, Depends(decider)],
    entity: Annotated[str, Form()],
    pattern: Annotated[str, Form()],
    task_ids: Annotated[list[int], Form()],
) -> Response:
    """Merge the previewed tasks that still fit the pattern (nothing the preview did not show)."""
    entity = known_entity(entity)
    with task_errors(), runtime_of(request).unit_of_work() as uow:
        current = next((p for p in bulk.bulk_patterns(uow, entity) if p.key == pattern), None)
        if current is None:
            raise UiError(404, f"no bulk pattern {pattern!r} for {entity}")
        still = sorted(set(task_ids) & set(current.task_ids))
        count = bulk.bulk_merge(uow, still, user.name) if still else 0
    answered = len(still) - count  # closed by the batch's own merges: both records now one
    return redirect(
        request, "/ui/bulk", entity=entity, done="bulk", count=count, task=answered or None
    )
