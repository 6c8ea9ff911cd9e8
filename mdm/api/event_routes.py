"""`GET /v1/events`: the pull feed of golden-record events (CloudEvents JSON, commit order)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from mdm.api.access import GOVERNED_RESPONSES, governed
from mdm.api.dependencies import REQUEST_UOW, runtime_dependency
from mdm.api.schemas import EventFeedOut
from mdm.events import feed
from mdm.events.cloudevent import to_json_object
from mdm.runtime import Runtime
from mdm.unit_of_work import UnitOfWork

router = APIRouter(
    prefix="/v1",
    tags=["events"],
    dependencies=governed("read"),
    responses=GOVERNED_RESPONSES,
)


@router.get("/events", response_model=EventFeedOut)
def read_events(
    after: str | None = Query(None, description="`next` of the previous page; omit to start."),
    limit: int = Query(feed.DEFAULT_LIMIT, ge=1, le=feed.MAX_LIMIT),
    uow: UnitOfWork = REQUEST_UOW,
    runtime: Runtime = Depends(runtime_dependency),
) -> EventFeedOut:
    """Events after the cursor, in the order they committed. An event never appears behind a
    cursor a reader already holds, and nothing still running holds the feed back."""
    cursor = feed.FeedCursor.decode(after)
    page = feed.next_page(runtime.unit_of_work, uow, cursor, limit)
    next_cursor = after if page.next == cursor and after else page.next.encode()
    return EventFeedOut(events=[to_json_object(e) for e in page.events], next=next_cursor)
