"""The review screen of one task, and the decisions taken from it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from mdm.auth.users import User, list_users
from mdm.domain.entities import schema_for
from mdm.domain.errors import ConflictError
from mdm.golden import queries as golden_queries
from mdm.stewardship import decisions, queue
from mdm.stewardship.contradictions import SAID, ContradictionError
from mdm.unit_of_work import UnitOfWork
from stewardship_ui.evidence import evidence_rows, unknown_on_both_sides
from stewardship_ui.notices import notice_for
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import UiError, decider, runtime_of, task_errors, viewer

router = APIRouter()
NEIGHBOURS = 500


def review_context(uow: UnitOfWork, task_id: int) -> dict[str, Any]:
    with task_errors():
        task = queue.get_task(uow, task_id)
    schema = schema_for(task.entity)
    previous_id, next_id = neighbours(uow, task.entity, task_id)
    left, right = task.left.values, task.right.values
    rows = evidence_rows(schema.fields, left, right, task.explanation, schema.evidence)
    shown, idle = unknown_on_both_sides(rows)
    return {
        "task": task,
        "rows": shown,
        "idle_comparisons": idle,
        "preview": decisions.preview_merge(uow, task_id),
        "previous_id": previous_id,
        "next_id": next_id,
        "stewards": list_users(uow, deciding_only=True),
        "decidable": task.status in ("open", "deferred"),
        "left_members": _member_count(uow, task.left.golden_id),
        "right_members": _member_count(uow, task.right.golden_id),
    }


def _member_count(uow: UnitOfWork, golden_id: str | None) -> int:
    """How many source records the golden record holds (split out only from a shared one)."""
    if golden_id is None:
        return 0
    return len(golden_queries.current_members(uow, uuid.UUID(golden_id)))


def neighbours(uow: UnitOfWork, entity: str, task_id: int) -> tuple[int | None, int | None]:
    """The open tasks before and after this one in the queue's order (j / k on the keyboard);
    for a task no longer queued, the first open one is next."""
    ids = [t.id for t in queue.list_tasks(uow, entity=entity, limit=NEIGHBOURS)]
    if task_id not in ids:
        return None, ids[0] if ids else None
    at = ids.index(task_id)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)


@router.get("/tasks/{task_id}")
def review_page(request: Request, task_id: int, user: Annotated[User, Depends(viewer)]) -> Response:
    with runtime_of(request).unit_of_work() as uow:
        context = review_context(uow, task_id)
    notice = notice_for(dict(request.query_params))
    return render(request, "review.html", {**context, "user": user, "notice": notice})


Decision = Callable[[UnitOfWork, int, str, int, str | None, bool], Any]


def _merge(
    uow: UnitOfWork, task_id: int, user: str, version: int, comment: str | None, override: bool
) -> str:
    return decisions.merge(uow, task_id, user, version, comment, override=override)


def _not_a_match(
    uow: UnitOfWork, task_id: int, user: str, version: int, comment: str | None, override: bool
) -> None:
    decisions.not_a_match(uow, task_id, user, version, comment, override=override)


def _defer(
    uow: UnitOfWork, task_id: int, user: str, version: int, comment: str | None, override: bool
) -> None:
    decisions.defer(uow, task_id, user, version, comment or "")


DECISIONS: dict[str, Decision] = {
    "merge": _merge,
    "not_a_match": _not_a_match,
    "defer": _defer,
}


def _decide(
    request: Request, user: User, task_id: int, version: int, action: str, comment: str | None,
    override: bool = False,
) -> Response:  # fmt: skip
    """Decide at the version the steward saw; on a stale version, show who decided first; a
    decision that would undo an earlier one shows both and offers the explicit override."""
    runtime = runtime_of(request)
    try:
        with task_errors(), runtime.unit_of_work() as uow:
            entity = queue.get_task(uow, task_id).entity
            after = neighbours(uow, entity, task_id)[1]
            outcome = DECISIONS[action](uow, task_id, user.name, version, comment, override)
            emptied = not queue.queue_counts(uow).get(entity)
    except UiError as error:
        if isinstance(error.__cause__, ContradictionError):
            return _contradiction(request, user, task_id, action, error.__cause__, comment)
        if not isinstance(error.__cause__, ConflictError):
            raise
        return _conflict(request, user, task_id, version, error.message)
    if after is not None and after != task_id:
        return redirect(request, f"/ui/tasks/{after}", done=action, task=task_id, golden=outcome)
    last = 1 if emptied else None  # the queue says when nothing is left to review
    return redirect(request, "/ui/queue", done=action, task=task_id, golden=outcome, last=last)


def _conflict(request: Request, user: User, task_id: int, version: int, message: str) -> Response:
    with runtime_of(request).unit_of_work() as uow:
        context = review_context(uow, task_id)
    task = context["task"]
    if task.version != version:
        who = task.decided_by or task.assignee or "another steward"
        message = (
            f"Someone else decided first ({task.status.replace('_', ' ')}, by {who}): "
            "nothing was changed. Here is the task as it is now."
        )
    return render(request, "review.html", {**context, "user": user, "conflict": message}, 409)


def _contradiction(
    request: Request, user: User, task_id: int, action: str, refused: ContradictionError,
    comment: str | None,
) -> Response:  # fmt: skip
    with runtime_of(request).unit_of_work() as uow:
        context = review_context(uow, task_id)
    path = {"merge": "merge", "not_a_match": "not-a-match"}[action]
    form = {
        "action": f"/ui/tasks/{task_id}/{path}", "reason_field": "comment", "reason": comment,
        "hidden": [("version", context["task"].version)],
    }  # fmt: skip
    page = {**context, "user": user, "contradiction": refused, "override_form": form}
    return render(request, "review.html", {**page, "said": SAID}, 409)


def _decision_route(path: str, action: str, *, comment_required: str | None = None) -> None:
    """POST /tasks/{id}/<path>: take ``action`` on the task; ``comment_required`` is the error
    shown when the decision needs a comment and has none."""

    def decide(
        request: Request,
        task_id: int,
        user: Annotated[User, Depends(decider)],
        version: Annotated[int, Form()],
        comment: Annotated[str, Form()] = "",
        override: Annotated[str, Form()] = "",
    ) -> Response:
        reason = comment.strip()
        if comment_required and not reason:
            raise UiError(422, comment_required)
        return _decide(request, user, task_id, version, action, reason or None, override == "1")

    decide.__name__ = action
    router.post(f"/tasks/{{task_id}}/{path}", name=action)(decide)


_decision_route("merge", "merge")
_decision_route("not-a-match", "not_a_match")
_decision_route(
    "defer", "defer", comment_required="Say why the task is deferred: the comment is required."
)
