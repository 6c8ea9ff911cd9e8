"""The pull feed against real PostgreSQL with committed data: commit order, cursors,
CloudEvents shape, nothing marked as published, and nothing running elsewhere holding it
back."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from mdm.domain.errors import InvalidCursorError
from mdm.events import relay
from mdm.events.cloudevent import OutboxRow, to_json_object
from mdm.events.feed import FeedCursor, FeedPage, next_page
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories.outbox import take_relay as outbox_lock
from mdm.runtime import Runtime
from mdm.unit_of_work import UnitOfWork
from tests.conftest import committed_runtime, drop_database, fresh_database_url
from tests.singletons import give_singletons

HEADER = "source_id,name,country\n"
WAIT_SECONDS = 30


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_feed") as rt:
        yield rt


def load(uow: UnitOfWork, system: str, *source_ids: str, suffix: str = "") -> None:
    """Ingest one company per source id, each given its own golden record (or, for records
    already there, the golden record refreshed)."""
    body = HEADER + "".join(f"{s},Company {s}{suffix},GB\n" for s in source_ids)
    ingest_extract(
        uow, parse_extract(f"{system}.csv", body.encode()), system=system, entity="customer"
    )
    give_singletons(uow)


def read(runtime: Runtime, after: FeedCursor, limit: int = 100) -> FeedPage:
    """What GET /v1/events does: the relay places what committed, then one page is read."""
    with runtime.unit_of_work() as uow:
        return next_page(runtime.unit_of_work, uow, after, limit)


def drain(runtime: Runtime, after: FeedCursor, want: int, limit: int = 3) -> list[OutboxRow]:
    """Read pages until ``want`` events arrived."""
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
    with runtime.unit_of_work() as uow:
        return int(uow.session.execute(text("SELECT count(*) FROM outbox_event")).scalar_one())


def test_cursor_round_trips_and_rejects_garbage() -> None:
    cursor = FeedCursor(123456789)
    assert FeedCursor.decode(cursor.encode()) == cursor
    assert FeedCursor.decode(None) == FeedCursor(0)
    for bad in ("not-a-cursor", "!!!", FeedCursor(-1).encode(), "djIuMS4y"):  # v2.1.2
        with pytest.raises(InvalidCursorError):
            FeedCursor.decode(bad)


def test_a_cursor_of_the_earlier_form_reads_on_from_where_it_stood(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        load(uow, "legacy", "L1", "L2")
    start = drain_to_end(runtime)
    with runtime.unit_of_work() as uow:
        load(uow, "legacy2", "L3")
    events = drain(runtime, start, 1)
    first = events[0]
    old_form = base64.urlsafe_b64encode(f"{first.txid}.{first.position}".encode()).decode()
    assert FeedCursor.decode(old_form).legacy == (first.txid, first.position)
    after_first = read(runtime, FeedCursor.decode(old_form))
    assert [e.id for e in after_first.events] == [e.id for e in events[1:]]


def test_events_are_cloudevents_with_a_per_subject_sequence(runtime: Runtime) -> None:
    start = FeedCursor.decode(None)
    with runtime.unit_of_work() as uow:
        load(uow, "shape", "S1")
    events = drain(runtime, start, committed_count(runtime))
    event = to_json_object(next(e for e in events if e.data["attributes"]["name"] == "Company S1"))
    assert event["specversion"] == "1.0" and event["type"] == "mdm.customer.created.v1"
    assert event["datacontenttype"] == "application/json"
    assert event["subject"] == event["data"]["golden_id"]
    assert int(event["sequence"]) == event["data"]["version"] == 1
    assert event["time"].endswith("Z") and event["source"]


def test_an_event_never_commits_behind_a_cursor(runtime: Runtime) -> None:
    """A transaction that started first but commits last is not skipped by a reader, and does
    not hold back the events of one that committed before it: the feed is in commit order."""
    with runtime.unit_of_work() as uow:
        load(uow, "slow", "A1", "A2")
    start = drain_to_end(runtime)
    slow = runtime.sessions()
    try:
        # the slow transaction changes two records (their golden records are refreshed) and
        # takes a transaction id, not committed yet; the fast one creates a golden record
        load(UnitOfWork(slow, runtime.context), "slow", "A1", "A2", suffix=" Renamed")
        with runtime.unit_of_work() as fast:
            load(fast, "fast", "B1")
        not_held = read(runtime, start)
        assert [e.data["attributes"]["name"] for e in not_held.events] == ["Company B1"]
        slow.commit()
    finally:
        slow.close()
    events = drain(runtime, start, 3, limit=1)
    names = [e.data["attributes"]["name"] for e in events]
    assert names[0] == "Company B1"
    assert sorted(names[1:]) == ["Company A1 Renamed", "Company A2 Renamed"]
    positions = [e.feed_position for e in events]
    assert positions == sorted(positions) == list(range(positions[0], positions[0] + 3))


def test_an_open_transaction_in_another_database_does_not_hold_the_feed_back(
    runtime: Runtime,
) -> None:
    """Before: the feed showed only transactions older than the oldest one running on the
    whole server, so a transaction open in another database held every reader back."""
    start = drain_to_end(runtime)
    other_url = fresh_database_url("mdm_feed_other")
    other = create_engine(other_url)
    try:
        with other.connect() as conn:
            conn.execute(text("SELECT pg_current_xact_id()"))  # holds a transaction id, open
            with runtime.unit_of_work() as uow:
                load(uow, "meanwhile", "M1")
            page = read(runtime, start)
            assert [e.data["attributes"]["name"] for e in page.events] == ["Company M1"]
            conn.rollback()
    finally:
        other.dispose()
        drop_database(other_url)


def test_an_open_writer_in_the_same_database_holds_back_only_its_own_events(
    runtime: Runtime,
) -> None:
    with runtime.unit_of_work() as uow:
        load(uow, "bulk", "K1")
    start = drain_to_end(runtime)
    long_running = runtime.sessions()  # e.g. a long bulk match, not committed yet
    try:
        load(UnitOfWork(long_running, runtime.context), "bulk", "K1", suffix=" Renamed")
        with runtime.unit_of_work() as uow:
            load(uow, "small", "S9")
        page = read(runtime, start)
        assert [e.data["attributes"]["name"] for e in page.events] == ["Company S9"]
    finally:
        long_running.rollback()
        long_running.close()


def test_the_relay_places_in_committed_chunks_and_one_at_a_time(runtime: Runtime) -> None:
    drain_to_end(runtime)
    with runtime.unit_of_work() as uow:
        load(uow, "chunks", *(f"C{i}" for i in range(7)))
    holder = runtime.sessions()
    try:
        assert outbox_lock(holder)
        assert relay.place_committed(runtime.unit_of_work, chunk=3) == 0  # another relay is at work
    finally:
        holder.rollback()
        holder.close()
    assert relay.place_committed(runtime.unit_of_work, chunk=3) == 7  # 3 + 3 + 1, each committed
    with runtime.unit_of_work() as uow:
        waiting = uow.session.execute(
            text("SELECT count(*) FROM outbox_event WHERE feed_position IS NULL")
        ).scalar_one()
    assert waiting == 0


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
    with runtime.unit_of_work() as uow:
        load(uow, "quiet", "Q1")
    end = drain_to_end(runtime)
    assert read(runtime, end).next == end
    with runtime.unit_of_work() as uow:
        published = uow.session.execute(
            text("SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL")
        ).scalar_one()
    assert published == 0
