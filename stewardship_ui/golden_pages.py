"""Golden record pages: search, one record (values, lineage, source records, history), and the
steward's changes made from there: split a record out (unmerge), pin and unpin a value."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.domain.entities import ENTITY_NAMES, schema_for
from mdm.golden import queries
from mdm.stewardship import decisions, pins, queue, split_redirects
from mdm.stewardship.contradictions import SAID, ContradictionError
from mdm.unit_of_work import UnitOfWork
from stewardship_ui.notices import notice_for
from stewardship_ui.pages import redirect, render
from stewardship_ui.security import UiError, decider, known_entity, runtime_of, task_errors, viewer

router = APIRouter()
SEARCH_LIMIT = 50


def _golden_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value.strip())
    except ValueError as exc:
        raise UiError(404, f"{value!r} is not a golden record id") from exc


@router.get("/golden")
def search_page(
    request: Request,
    user: Annotated[User, Depends(viewer)],
    entity: str = "customer",
    q: str = "",
) -> Response:
    entity = known_entity(entity)
    if _looks_like_id(q):
        return redirect(request, f"/ui/golden/{entity}/{q.strip()}")
    with runtime_of(request).unit_of_work() as uow:
        hits = queries.search(uow, entity, q.strip() or None, SEARCH_LIMIT)
    context = {"user": user, "section": "golden", "entity": entity, "q": q, "hits": hits}
    context["search"] = schema_for(entity).search  # what names a hit, where it is, its key
    return render(request, "golden_search.html", {**context, "entities": ENTITY_NAMES})


def _looks_like_id(q: str) -> bool:
    try:
        uuid.UUID(q.strip())
    except ValueError:
        return False
    return True


def golden_context(uow: UnitOfWork, entity: str, golden_id: uuid.UUID) -> dict[str, Any]:
    view = queries.golden_record(uow, entity, golden_id)
    if view is None:
        raise UiError(404, f"no {entity} golden record {golden_id}")
    survivor = queries.survivor_of(uow, entity, golden_id) if view.status == "merged" else None
    return {
        "split_into": split_redirects.split_into(uow, golden_id) if view.status == "split" else [],
        "repointed": survivor is not None and split_redirects.was_repointed(uow, golden_id),
        "golden": view,
        "survivor": survivor,
        "fields": [f for f in schema_for(entity).fields if f in view.attributes],
        "references": _reference_links(entity, view.references),
        "all_fields": pins.pinnable(entity),
        "members": queue.golden_members(uow, golden_id),
        "history": list(reversed(queries.history(uow, entity, golden_id))),
    }


def _reference_links(
    entity: str, resolved: dict[str, uuid.UUID | None]
) -> dict[str, dict[str, Any]]:
    """Reference field (``parent_source_id``) → the golden record it resolves to, to link."""
    schema = schema_for(entity)
    links: dict[str, dict[str, Any]] = {}
    for name in schema.references:
        reference = schema.reference_of(name)
        if reference is not None and resolved.get(reference.name) is not None:
            target = resolved[reference.name]
            links[name] = {"entity": reference.entity, "id": target, "name": reference.name}
    return links


@router.get("/golden/{entity}/{golden_id}")
def golden_page(
    request: Request, entity: str, golden_id: str, user: Annotated[User, Depends(viewer)]
) -> Response:
    entity, key = known_entity(entity), _golden_id(golden_id)
    with runtime_of(request).unit_of_work() as uow:
        context = golden_context(uow, entity, key)
    notice = notice_for(dict(request.query_params))
    return render(
        request, "golden.html", {**context, "user": user, "section": "golden", "notice": notice}
    )


@router.post("/golden/{entity}/{golden_id}/split")
def split(
    request: Request,
    entity: str,
    golden_id: str,
    user: Annotated[User, Depends(decider)],
    record_ids: Annotated[list[int], Form()],
    reason: Annotated[str, Form()] = "",
    override: Annotated[str, Form()] = "",
) -> Response:
    """Split records out; a split that would undo a steward's merge shows both decisions and
    offers the explicit override."""
    entity, key = known_entity(entity), _golden_id(golden_id)
    why = reason.strip() or "split by a steward"
    runtime = runtime_of(request)
    try:
        with task_errors(), runtime.unit_of_work() as uow:
            _same_entity(uow, entity, key)
            new_id = decisions.split(
                uow, str(key), record_ids, user.name, why, override=override == "1"
            )
    except UiError as error:
        if not isinstance(error.__cause__, ContradictionError):
            raise
        return _refused_split(request, user, entity, key, record_ids, reason, error.__cause__)
    return redirect(request, f"/ui/golden/{entity}/{new_id}", done="split", golden=new_id)


def _refused_split(
    request: Request, user: User, entity: str, key: uuid.UUID, record_ids: list[int],
    reason: str, refused: ContradictionError,
) -> Response:  # fmt: skip
    with runtime_of(request).unit_of_work() as uow:
        context = golden_context(uow, entity, key)
    form = {
        "action": f"/ui/golden/{entity}/{key}/split", "reason_field": "reason",
        "reason": reason.strip(), "hidden": [("record_ids", r) for r in record_ids],
    }  # fmt: skip
    page = {**context, "user": user, "section": "golden", "said": SAID}
    return render(
        request, "golden.html", {**page, "contradiction": refused, "override_form": form}, 409
    )


@router.post("/golden/{entity}/{golden_id}/pin")
def pin(
    request: Request,
    entity: str,
    golden_id: str,
    user: Annotated[User, Depends(decider)],
    attribute: Annotated[str, Form()],
    value: Annotated[str, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Pin a value checked as ingest checks it; a refused one shows the page again with the
    field's reason. A merged-away id pins its survivor."""
    entity, key = known_entity(entity), _golden_id(golden_id)
    runtime = runtime_of(request)
    try:
        with task_errors(), runtime.unit_of_work() as uow:
            _same_entity(uow, entity, key)
            done = pins.pin(uow, str(key), attribute, value, user.name, reason)
    except pins.InvalidPinError as refused:
        with runtime.unit_of_work() as uow:
            context = golden_context(uow, entity, key)
        problem = {"field": refused.issue.field, "reason": refused.issue.reason}
        form = {"attribute": attribute, "value": value, "reason": reason}
        page = {**context, "user": user, "section": "golden", "pin_error": problem}
        return render(request, "golden.html", {**page, "pin_form": form}, 422)
    code = "pin_survivor" if done.redirected_from else "pin"
    target = f"/ui/golden/{entity}/{done.golden_id}"
    return redirect(request, target, done=code, attribute=attribute, task=done.redirected_from)


def _same_entity(uow: UnitOfWork, entity: str, key: uuid.UUID) -> None:
    """A customer's id under /golden/resource/... is not a resource: not found, nothing done."""
    if queries.golden_record(uow, entity, key) is None:
        raise UiError(404, f"no {entity} golden record {key}")


@router.post("/golden/{entity}/{golden_id}/unpin")
def unpin(
    request: Request,
    entity: str,
    golden_id: str,
    user: Annotated[User, Depends(decider)],
    attribute: Annotated[str, Form()],
) -> Response:
    entity, key = known_entity(entity), _golden_id(golden_id)
    with task_errors(), runtime_of(request).unit_of_work() as uow:
        _same_entity(uow, entity, key)
        target = pins.unpin(uow, str(key), attribute, user.name)
    return redirect(request, f"/ui/golden/{entity}/{target}", done="unpin")
