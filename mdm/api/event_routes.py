"""`GET /v1/events`: the pull feed of golden-record events (CloudEvents JSON, commit order)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from mdm.api.access import GOVERNED_RESPONSES, governed
from mdm.api.app import session_dependency
from mdm.api.schemas import EventFeedOut
from mdm.events import feed
from mdm.events.cloudevent import to_json_object

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
    session: Session = Depends(session_dependency),
) -> EventFeedOut:
    """Events after the cursor, oldest first. Only transactions older than every running one
    are shown, so an event never appears behind a cursor a reader already holds."""
    cursor = feed.FeedCursor.decode(after)
    page = feed.read_feed(session, cursor, limit)
    next_cursor = after if page.next == cursor and after else page.next.encode()
    return EventFeedOut(events=[to_json_object(e) for e in page.events], next=next_cursor)
