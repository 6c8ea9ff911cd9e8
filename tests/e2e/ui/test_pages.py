"""The UI's pages and decisions through the app (TestClient): queue filters, the review screen,
the version check, defer, claim and assign, pins, bulk approval, golden pages, dashboard."""

from __future__ import annotations

import re
import uuid

from mdm.ingest.reader import parse_extract
from mdm.ingest.realtime import RecordWrite, write_records
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from tests.e2e.ui.conftest import Hub, csrf_of, signed_in
from tests.e2e.ui.data import open_task, open_tasks, task_between
from tests.singletons import give_singletons


def test_queue_counts_filters_and_empty_state(hub: Hub) -> None:
    client, _ = signed_in(hub, "alice")
    page = client.get("/ui/queue").text
    total = len(open_tasks(hub.runtime))
    assert f"All <strong>{total}</strong>" in page and "customer <strong>" in page
    likely = client.get("/ui/queue", params={"band": "likely"}).text
    shown = [float(p) for p in re.findall(r'class="num">([\d.]+) %</td>', likely)]
    assert shown and all(p >= 80 for p in shown)
    systems = re.compile(r"<td>((?:crm|erp|acquired)(?:<br>(?:crm|erp|acquired))*)</td>")
    everyone = systems.findall(page)
    assert any("erp" not in cell for cell in everyone)
    erp = systems.findall(client.get("/ui/queue", params={"system": "erp"}).text)
    assert erp and all("erp" in cell.split("<br>") for cell in erp)
    assert len(erp) < len(everyone)
    none = client.get("/ui/queue", params={"entity": "resource"}).text
    assert "Nothing to review here" in none and "Clear the filters" in none


def test_review_screen_shows_the_evidence_and_the_consequence(hub: Hub) -> None:
    client, _ = signed_in(hub, "alice")
    pair = task_between(hub.runtime, "A9", "B4")
    page = client.get(f"/ui/tasks/{pair.task_id}").text
    assert "Match probability" in page and "name: <span" in page
    assert "· null" not in page and "· else" not in page and "—</td><td>—" not in page
    # whatever the template's layout between cells: no row of two blanks, no level in code
    assert not re.search(r"<td>—</td>\s*<td>—</td>", page)
    assert not re.search(r'class="level level-[^"]+">(?:null|else)<', page)
    assert "Bluebell Catering Co" in page
    # the names compare the same once standardised: no "differs" badge beside that
    assert not re.search(r'class="differs">(?:(?!</tr>).)*level-exact', page, re.S)
    assert "If merged" in page and "source priority" in page.replace("_", " ")
    assert 'id="merge-button"' in page and 'id="not-a-match-button"' in page
    assert client.get("/ui/tasks/999999").status_code == 404


def test_a_stale_version_says_someone_else_decided_first(hub: Hub) -> None:
    alice, alice_token = signed_in(hub, "alice")
    bob, bob_token = signed_in(hub, "bob")
    pair = task_between(hub.runtime, "A6", "B6")
    form = {"version": 1, "comment": ""}
    first = bob.post(f"/ui/tasks/{pair.task_id}/merge", data={**form, "csrf_token": bob_token})
    assert first.status_code == 200 and "merged into golden record" in first.text
    late = alice.post(
        f"/ui/tasks/{pair.task_id}/not-a-match", data={**form, "csrf_token": alice_token}
    )
    assert late.status_code == 409
    assert "Someone else decided first (merged, by bob)" in late.text


def test_defer_needs_a_comment_then_leaves_the_queue(hub: Hub) -> None:
    client, token = signed_in(hub, "alice")
    pair = task_between(hub.runtime, "A8", "B3")
    url = f"/ui/tasks/{pair.task_id}/defer"
    empty = client.post(url, data={"csrf_token": token, "version": 1, "comment": " "})
    assert empty.status_code == 422 and "comment is required" in empty.text
    done = client.post(url, data={"csrf_token": token, "version": 1, "comment": "ask sales"})
    assert done.status_code == 200 and "deferred" in done.text
    assert pair.task_id not in [p.task_id for p in open_tasks(hub.runtime)]
    deferred = client.get("/ui/queue", params={"status": "deferred"}).text
    assert f"#{pair.task_id}<" in deferred


def test_claim_and_assign(hub: Hub) -> None:
    client, token = signed_in(hub, "alice")
    pair = open_tasks(hub.runtime)[-1]
    claimed = client.post(
        f"/ui/tasks/{pair.task_id}/claim",
        data={"csrf_token": token, "version": 1, "back": "/ui/queue?assignee=me"},
    )
    assert claimed.status_code == 200 and f"#{pair.task_id}<" in claimed.text
    assigned = client.post(
        f"/ui/tasks/{pair.task_id}/assign",
        data={"csrf_token": token, "version": 2, "assignee": "bob"},
    )
    assert assigned.status_code == 200 and "assigned to bob" in assigned.text
    stale = client.post(f"/ui/tasks/{pair.task_id}/claim", data={"csrf_token": token, "version": 1})
    assert stale.status_code == 409


def test_golden_search_page_pin_and_unpin(hub: Hub) -> None:
    client, token = signed_in(hub, "alice")
    results = client.get("/ui/golden", params={"entity": "customer", "q": "northwind"}).text
    link = re.search(r'href="(/ui/golden/customer/[0-9a-f-]{36})"', results)
    assert link, results
    assert "Northwind Logistics" in results and "<td>London, GB</td>" in results  # name, place
    page = client.get(link.group(1)).text
    assert "Source records (2)" in page and "History" in page and "crm</strong> A1" in page
    assert '<th scope="row">address line 1</th>' in page  # the field's label, declared with it
    trace = client.get(f"{link.group(1)}/trace")
    assert trace.status_code == 200 and "Match decisions" in trace.text
    assert re.search(r"crm\.csv, line \d+ \(ingest run \d+\)", trace.text), trace.text
    assert "mdm.customer.created.v1" in trace.text
    pinned = client.post(
        f"{link.group(1)}/pin",
        data={
            "csrf_token": token,
            "attribute": "name",
            "value": "Northwind",
            "reason": "short name",
        },
    )
    assert pinned.status_code == 200 and "Value of name pinned" in pinned.text
    assert "steward pin" in pinned.text and "pinned by alice: short name" in pinned.text
    refused = client.post(
        f"{link.group(1)}/pin",
        data={"csrf_token": token, "attribute": "email", "value": "nope", "reason": "x"},
    )
    assert refused.status_code == 422
    assert "Not pinned: email: not a valid e-mail address: &#39;nope&#39;" in refused.text
    other = client.post(
        link.group(1).replace("/customer/", "/resource/") + "/pin",
        data={"csrf_token": token, "attribute": "cost_rate", "value": "9999", "reason": "x"},
    )
    assert other.status_code == 404
    assert 'value="parent_source_id"' not in page and 'value="industry"' in page
    unpinned = client.post(
        f"{link.group(1)}/unpin", data={"csrf_token": token, "attribute": "name"}
    )
    assert "Pin removed" in unpinned.text and "steward pin" not in unpinned.text
    empty = client.get("/ui/golden", params={"entity": "customer", "q": "zzzz"}).text
    assert "No golden records match" in empty


def test_bulk_approval_previews_then_merges_exactly_those(hub: Hub) -> None:
    client, token = signed_in(hub, "alice")
    overview = client.get("/ui/bulk", params={"entity": "customer"}).text
    assert "Only the legal form differs" in overview
    preview = client.get(
        "/ui/bulk", params={"entity": "customer", "pattern": "legal_form_only"}
    ).text
    ids = [int(i) for i in re.findall(r'name="task_ids" value="(\d+)"', preview)]
    assert ids, "the fixture has pairs whose names differ only in the legal form"
    assert f"Merge these {len(ids)} task" in preview
    done = client.post(
        "/ui/bulk/approve",
        data={
            "csrf_token": token,
            "entity": "customer",
            "pattern": "legal_form_only",
            "task_ids": ids,
        },
    )
    merged = re.search(r"(\d+) tasks merged(?:; (\d+) more were answered)?", done.text)
    assert done.status_code == 200 and merged, done.text
    assert int(merged.group(1)) + int(merged.group(2) or 0) == len(ids)
    assert not set(ids) & {p.task_id for p in open_tasks(hub.runtime)}


def test_dashboard_and_static_files(hub: Hub) -> None:
    client, _ = signed_in(hub, "vera")
    page = client.get("/ui/dashboard").text
    for heading in ("Queue per entity", "Auto-link rate", "Decisions per day", "per source system"):
        assert heading in page
    assert "acquired" in page
    script = client.get("/ui/vendor/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text[:2000]
    assert client.get("/ui/static/ui.css").status_code == 200
    assert csrf_of(page)


def test_unpinning_an_unknown_golden_record_is_a_404_page(hub: Hub) -> None:
    client, token = signed_in(hub, "alice")
    answer = client.post(
        f"/ui/golden/customer/{uuid.uuid4()}/unpin",
        data={"csrf_token": token, "attribute": "name"},
    )
    assert answer.status_code == 404 and "Not found" in answer.text


def test_a_source_records_unreadable_values_show_on_its_golden_record(hub: Hub) -> None:
    """A value the hub could not read (kept with the record, never in the golden record) is
    named on the golden record's page beside the source record holding it, with the reason."""
    values = {"name": "Quillfeather Analytics GmbH", "country": "DE", "currency": "EURO$"}
    with hub.runtime.unit_of_work() as uow:
        (written,) = write_records(uow, "ui_api", "customer", [RecordWrite("Q1", values)])
    if written.golden_id is None:  # queued: resolved by the bulk run the hub would start
        with hub.runtime.unit_of_work() as uow:
            resolve_pending(uow, "customer")
    client, _ = signed_in(hub, "vera")
    results = client.get("/ui/golden", params={"entity": "customer", "q": "quillfeather"}).text
    link = re.search(r'href="(/ui/golden/customer/[0-9a-f-]{36})"', results)
    assert link, results
    page = client.get(link.group(1)).text
    assert 'class="flagged"' in page and "ui_api</strong> Q1" in page
    assert "<strong>currency</strong>: unknown currency: &#39;EURO$&#39;" in page
    northwind = client.get("/ui/golden", params={"entity": "customer", "q": "northwind"}).text
    other = re.search(r'href="(/ui/golden/customer/[0-9a-f-]{36})"', northwind)
    assert other and 'class="flagged"' not in client.get(other.group(1)).text


def test_the_review_screen_names_the_values_a_record_could_not_read(hub: Hub) -> None:
    """A record whose currency could not be read shows no currency beside the other's, and
    the screen says why, naming the record: a blank is not mistaken for a missing value."""
    rows = "source_id,name,city,country,currency\nT1,Tamarind Studio,Leeds,GB,POUNDS?\n"
    rows += "T2,Tamarind Studio Ltd,Leeds,GB,GBP\n"
    with hub.runtime.unit_of_work() as uow:
        extract = parse_extract("tam.csv", rows.encode())
        ingest_extract(uow, extract, system="tam", entity="customer")
        give_singletons(uow)
    task = open_task(hub.runtime, ("tam", "T1"), ("tam", "T2"), 0.7)
    client, _ = signed_in(hub, "alice")
    page = client.get(f"/ui/tasks/{task}").text
    assert "Not read in tam T1" in page and "Not read in tam T2" not in page
    assert "<strong>currency</strong>: unknown currency: &#39;POUNDS?&#39;" in page
