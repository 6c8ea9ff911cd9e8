"""The Learning page: what the matching model of an entity learnt from the stewards' decisions
(per comparison level, the weight before and after and the decided pairs that showed it; the
thresholds before and after), and the button that makes it learn again: the learning runs in
the background and the page follows it until it is done."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.domain.entities import ENTITY_NAMES
from mdm.domain.errors import NotFoundError
from mdm.resolve.lookup import NoModelError
from mdm.stewardship import learning, learning_jobs
from mdm.stewardship.learning_jobs import LearningJob
from mdm.tasks.dispatch import request_learning
from mdm.unit_of_work import UnitOfWork
from stewardship_ui.pages import is_htmx, redirect, render
from stewardship_ui.security import UiError, decider, known_entity, runtime_of, viewer

router = APIRouter()
HISTORY = 10


@router.get("/learning")
def learning_home(request: Request, user: Annotated[User, Depends(viewer)]) -> Response:
    return redirect(request, f"/ui/learning/{ENTITY_NAMES[0]}")


@router.get("/learning/{entity}")
def learning_page(
    request: Request, entity: str, user: Annotated[User, Depends(viewer)]
) -> Response:
    entity = known_entity(entity)
    runtime = runtime_of(request)
    with runtime.unit_of_work() as uow:
        # the job first: a learning that ends meanwhile then shows in what is read after it
        job = _followed(uow, entity, request.query_params.get("job"))
        learnt = learning_jobs.learning_of(uow, job) if job else None
        state = learning.teaching(uow, entity)
        history = learning.learnings(uow, entity, HISTORY)
    latest = history[0] if history else None
    context = {
        "user": user, "section": "learning", "entities": ENTITY_NAMES, "entity": entity,
        "state": state, "latest": latest, "history": history, "job": job,
        "shown": _shown(latest), "notice": _notice(learnt),
    }  # fmt: skip
    return render(request, "learning.html", context)


def _followed(uow: UnitOfWork, entity: str, job_id: str | None) -> LearningJob | None:
    """The job the page follows: the one named, else the one waiting or running."""
    if job_id:
        try:
            return learning_jobs.job(uow, entity, job_id)
        except NotFoundError:
            return None
    found = learning_jobs.latest(uow, entity)
    return found if found and not found.finished else None


def _shown(report: learning.LearningReport | None) -> list[learning.LevelChange]:
    """The levels worth a steward's look: those decided pairs showed or whose weight moved."""
    if report is None:
        return []
    moved = set(report.changed())
    return [c for c in report.changes if c.matches or c.non_matches or c in moved]


def _notice(learnt: learning.LearningReport | None) -> str | None:
    if learnt is None:
        return None
    return (
        f"Model version {learnt.model_version} learnt from {learnt.matches} merges and "
        f"{learnt.non_matches} 'not a match' decisions; every decision stays as it was."
    )


@router.get("/learning/{entity}/job/{job_id}")
def learning_job(
    request: Request, entity: str, job_id: str, user: Annotated[User, Depends(viewer)]
) -> Response:
    """The job as the page shows it while it runs; once it ended, htmx loads the whole page."""
    entity = known_entity(entity)
    with runtime_of(request).unit_of_work() as uow:
        try:
            job = learning_jobs.job(uow, entity, job_id)
        except NotFoundError as exc:
            raise UiError(404, str(exc)) from None
    if job.finished and is_htmx(request):
        target = f"/ui/learning/{entity}?job={job.id}"
        return Response(status_code=204, headers={"HX-Redirect": target})
    return render(request, "learning_job.html", {"user": user, "entity": entity, "job": job})


@router.post("/learning/{entity}")
def learn(request: Request, entity: str, user: Annotated[User, Depends(decider)]) -> Response:
    """Ask for a learning (the one waiting or running, if any) and follow it."""
    entity = known_entity(entity)
    runtime = runtime_of(request)
    try:
        with runtime.unit_of_work() as uow:
            job, start = learning_jobs.ask(uow, entity, f"steward:{user.name}")
    except (NoModelError, learning.NothingToLearnError) as exc:
        raise UiError(409, str(exc)) from None
    if start:
        request_learning(runtime, job.id)
    return redirect(request, f"/ui/learning/{entity}", job=job.id)
