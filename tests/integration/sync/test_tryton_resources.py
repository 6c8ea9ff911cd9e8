"""Golden resources syndicated to a real Tryton as employees of its company: one employee per
golden record (its party carrying the golden id, named as the golden record, starting at the
hire date), nothing written twice, a merge retiring the merged-away employee, a clerk's edit
coming back through a pull and the hub's own writes not; customers synced beside them leave
the people's and the company's parties out of their reads."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from connectors.tryton.client import decode_date
from connectors.tryton.employees import person_name
from connectors.tryton.parties import is_golden_code
from mdm.runtime import Runtime
from mdm.sync import service
from tests.integration.sync.scenario import (
    CRM,
    FIELDS,
    HR,
    PEOPLE_FIELDS,
    PSA,
    PSA_CORRECTED,
    connect_tryton,
    golden_people,
    ingest,
    ingest_people,
)
from tests.tryton_server import CLERK_PASSWORD, CLERK_USER, Tryton

BOTH = {"entities": ["customer", "resource"], "fields": {f: f for f in [*FIELDS, *PEOPLE_FIELDS]}}


def employees_by_golden(server: Tryton) -> dict[str, list[dict[str, Any]]]:
    """golden id -> the employees whose party carries it, with the party's name and state."""
    admin = server.admin()
    staff = admin.call(
        "model.company.employee.search_read", [], 0, None, [["id", "ASC"]],
        ["party", "company", "start_date", "end_date", "active"], {"active_test": False},
    )  # fmt: skip
    parties = {p["id"]: p for p in admin.parties("identifiers.active")}
    found: dict[str, list[dict[str, Any]]] = {}
    for employee in staff:
        party = parties[employee["party"]]
        for ident in party["identifiers."]:
            if is_golden_code(ident["code"]) and ident["active"]:
                found.setdefault(ident["code"], []).append(
                    {**employee, "name": party["name"], "party_active": party["active"]}
                )
    return found


def employees_match_golden(hub: Runtime, server: Tryton) -> None:
    golden = golden_people(hub)
    staff = employees_by_golden(server)
    assert set(staff) == set(golden)
    today = datetime.now(UTC).date()
    for golden_id, (status, attributes) in golden.items():
        [employee] = staff[golden_id]  # one employee per golden id, never two
        if status == "active":
            assert employee["active"] and employee["party_active"]
            assert employee["name"] == person_name(attributes)
            hired = attributes.get("hire_date")
            assert decode_date(employee["start_date"]) == (
                date.fromisoformat(hired) if hired else None
            )
        else:  # merged away: employment ended before today, party retired
            assert not employee["active"] and not employee["party_active"]
            assert decode_date(employee["end_date"]) < today


def test_golden_resources_become_employees_once_and_a_merge_retires_the_merged_away(
    hub: Runtime, tryton: Tryton
) -> None:
    company = tryton.add_company()
    ingest(hub, "crm", CRM)
    ingest_people(hub, "hr", HR)
    ingest_people(hub, "psa", PSA)
    connect_tryton(hub, tryton, **BOTH)
    first = {r.entity: r for r in service.run(hub)}
    assert first["resource"].outcomes == {"created": 7} and first["resource"].dead == 0
    assert first["customer"].outcomes == {"created": 4}
    employees_match_golden(hub, tryton)
    assert {e["company"] for es in employees_by_golden(tryton).values() for e in es} == {company}

    assert [r.outcomes for r in service.run(hub)] == [{}, {}]  # nothing due: nothing written
    before = employees_by_golden(tryton)
    assert service.replay(hub, "erp_tryton", since=service.utc_now().replace(year=2000)) == 11
    again = {r.entity: r.outcomes for r in service.run(hub)}
    assert again == {"customer": {"updated": 4}, "resource": {"updated": 7}}
    assert employees_by_golden(tryton) == before  # the same employees, the same parties

    # the hub's own writes, the people's parties and the company's do not come back
    for entity in ("customer", "resource"):
        assert service.pull_changes(hub, "erp_tryton", entity).read == 0

    ingest_people(hub, "psa", PSA_CORRECTED)
    merged = [g for g, (status, _) in golden_people(hub).items() if status == "merged"]
    assert len(merged) == 2
    third = {r.entity: r for r in service.run(hub)}
    assert third["resource"].outcomes.get("deactivated") == 2 and third["resource"].dead == 0
    employees_match_golden(hub, tryton)


def test_a_clerks_edit_of_an_employee_comes_back_and_the_hubs_writes_do_not(
    hub: Runtime, tryton: Tryton
) -> None:
    tryton.add_company()
    ingest_people(hub, "hr", HR)
    connect_tryton(hub, tryton, **BOTH)
    service.run(hub)
    assert service.pull_changes(hub, "erp_tryton", "resource").read == 0
    clerk = tryton.login(CLERK_USER, CLERK_PASSWORD)
    employee = next(iter(employees_by_golden(tryton).values()))[0]
    clerk.call("model.party.party.write", [employee["party"]], {"name": "Maria Johnson"}, {})
    pulled = service.pull_changes(hub, "erp_tryton", "resource")
    assert pulled.read == 1 and pulled.ingest is not None and pulled.ingest.new == 1
    assert service.pull_changes(hub, "erp_tryton", "customer").read == 0  # a person, not a customer
    clerk.call(
        "model.company.employee.write", [employee["id"]],
        {"start_date": {"__class__": "date", "year": 2020, "month": 1, "day": 6}}, {},
    )  # fmt: skip
    moved = service.pull_changes(hub, "erp_tryton", "resource")
    assert moved.read == 1 and moved.ingest is not None and moved.ingest.changed == 1
    assert service.pull_changes(hub, "erp_tryton", "resource").read == 0  # the cursor moved on


def test_without_a_company_resources_wait_and_say_why(hub: Runtime, tryton: Tryton) -> None:
    ingest_people(hub, "hr", HR)
    connect_tryton(hub, tryton, **BOTH)
    [report] = [r for r in service.run(hub) if r.entity == "resource"]
    assert report.stopped is not None and "no companies" in report.stopped
    assert report.retrying == 4 and report.dead == 0
