"""The Learning page: what the matching model of an entity learnt from the stewards' decisions
(per comparison level, the weight before and after and the decided pairs that showed it; the
thresholds before and after), and the button that makes it learn again."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from mdm.auth.users import User
from mdm.domain.entities import ENTITY_NAMES
from mdm.resolve.lookup import NoModelError
from mdm.stewardship import learning
from stewardship_ui.pages import redirect, render
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
        state = learning.teaching(uow, entity)
        history = learning.learnings(uow, entity, HISTORY)
    latest = history[0] if history else None
    context = {
        "user": user, "section": "learning", "entities": ENTITY_NAMES, "entity": entity,
        "state": state, "latest": latest, "history": history,
        "shown": _shown(latest), "notice": _notice(request, latest),
    }  # fmt: skip
    return render(request, "learning.html", context)


def _shown(report: learning.LearningReport | None) -> list[learning.LevelChange]:
    """The levels worth a steward's look: those decided pairs showed or whose weight moved."""
    if report is None:
        return []
    moved = set(report.changed())
    return [c for c in report.changes if c.matches or c.non_matches or c in moved]


def _notice(request: Request, latest: learning.LearningReport | None) -> str | None:
    if request.query_params.get("done") != "learnt" or latest is None:
        return None
    return (
        f"Model version {latest.model_version} learnt from {latest.matches} merges and "
        f"{latest.non_matches} 'not a match' decisions; every decision stays as it was."
    )


@router.post("/learning/{entity}")
def learn(request: Request, entity: str, user: Annotated[User, Depends(decider)]) -> Response:
    entity = known_entity(entity)
    runtime = runtime_of(request)
    try:
        with runtime.unit_of_work() as uow:
            learning.learn(uow, entity, f"steward:{user.name}")
    except (NoModelError, learning.NothingToLearnError) as exc:
        raise UiError(409, str(exc)) from None
    return redirect(request, f"/ui/learning/{entity}", done="learnt")
