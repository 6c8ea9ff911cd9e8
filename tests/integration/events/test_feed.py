"""The pull feed against real PostgreSQL with committed data: commit order, cursors,
CloudEvents shape, and nothing marked as published."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.errors import InvalidCursorError
from mdm.events.cloudevent import OutboxRow, to_json_object
from mdm.events.feed import FeedCursor, FeedPage, read_feed
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.runtime import Runtime
from tests.conftest import committed_runtime
from tests.singletons import give_singletons

HEADER = "source_id,name,country\n"
WAIT_SECONDS = 120  # a writing transaction anywhere on the server holds the feed back


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_feed") as rt:
        yield rt


def load(session: Session, system: str, *source_ids: str, suffix: str = "") -> None:
    """Ingest one company per source id, each given its own golden record (or, for records
    already there, the golden record refreshed)."""
    body = HEADER + "".join(f"{s},Company {s}{suffix},GB\n" for s in source_ids)
    ingest_extract(
        session, parse_extract(f"{system}.csv", body.encode()), system=system, entity="customer"
    )
    give_singletons(session)


def read(runtime: Runtime, after: FeedCursor, limit: int = 100) -> FeedPage:
    with runtime.unit_of_work() as session:
        return read_feed(session, after, limit)


def drain(runtime: Runtime, after: FeedCursor, want: int, limit: int = 3) -> list[OutboxRow]:
    """Read pages until ``want`` events arrived, waiting out other transactions on the server."""
    events: list[OutboxRow] = []
    deadline = time.monotonic() + WAIT_SECONDS
    while len(events) < want and time.monotonic() < deadline:
        page = read(runtime, after, limit)
        events.extend(page.events)
        if not page.events:
            time.sleep(0.2)
        after = page.next
    return events


def committed_count(runtime: Runtime) -> int:
    with runtime.unit_of_work() as session:
        return int(session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one())


def test_cursor_round_trips_and_rejects_garbage() -> None:
    cursor = FeedCursor(123456789, 42)
    assert FeedCursor.decode(cursor.encode()) == cursor
    assert FeedCursor.decode(None) == FeedCursor(0, 0)
    for bad in ("not-a-cursor", "!!!", FeedCursor(-1, 2).encode()):
        with pytest.raises(InvalidCursorError):
            FeedCursor.decode(bad)


def test_events_are_cloudevents_with_a_per_subject_sequence(runtime: Runtime) -> None:
    start = FeedCursor.decode(None)
    with runtime.unit_of_work() as session:
        load(session, "shape", "S1")
    events = drain(runtime, start, committed_count(runtime))
    event = to_json_object(next(e for e in events if e.data["attributes"]["name"] == "Company S1"))
    assert event["specversion"] == "1.0" and event["type"] == "mdm.customer.created.v1"
    assert event["datacontenttype"] == "application/json"
    assert event["subject"] == event["data"]["golden_id"]
    assert int(event["sequence"]) == event["data"]["version"] == 1
    assert event["time"].endswith("Z") and event["source"]


def test_an_event_never_commits_behind_a_cursor(runtime: Runtime) -> None:
    """A transaction that started first but commits last must not be skipped by a reader."""
    with runtime.unit_of_work() as session:
        load(session, "slow", "A1", "A2")
    start = drain_to_end(runtime)
    slow = runtime.sessions()
    try:
        # the slow transaction changes two records (their golden records are refreshed) and
        # takes a transaction id, not committed yet; the fast one creates a golden record
        load(slow, "slow", "A1", "A2", suffix=" Renamed")
        with runtime.unit_of_work() as fast:
            load(fast, "fast", "B1")
        held_back = read(runtime, start)
        assert held_back.events == [] and held_back.next == start
        slow.commit()
    finally:
        slow.close()
    events = drain(runtime, start, 3, limit=1)
    names = [e.data["attributes"]["name"] for e in events]
    assert sorted(names[:2]) == ["Company A1 Renamed", "Company A2 Renamed"]
    assert names[2] == "Company B1"
    keys = [(e.txid, e.position) for e in events]
    assert keys == sorted(keys)


def drain_to_end(runtime: Runtime) -> FeedCursor:
    total = committed_count(runtime)
    after, seen = FeedCursor(), 0
    deadline = time.monotonic() + WAIT_SECONDS
    while seen < total and time.monotonic() < deadline:
        page = read(runtime, after, 1000)
        seen += len(page.events)
        after = page.next
        if not page.events:
            time.sleep(0.2)
    assert seen == total
    return after


def test_reading_marks_nothing_as_published_and_an_empty_page_keeps_the_cursor(
    runtime: Runtime,
) -> None:
    with runtime.unit_of_work() as session:
        load(session, "quiet", "Q1")
    end = drain_to_end(runtime)
    assert read(runtime, end).next == end
    with runtime.unit_of_work() as session:
        published = session.execute(
            text("SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL")
        ).scalar_one()
    assert published == 0
