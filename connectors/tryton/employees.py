"""Resources as Tryton employees (the ``company`` module): a person is a party (name, e-mail,
phone, the city and country they work from, and the golden id as an identifier, as for a
customer) and a ``company.employee`` of the configured company links it, starting at the hire
date. Tryton counts an employee active while its dates say so: deactivating one ends its
employment the day before and retires its party; writing it again takes the end away.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from connectors.protocol import (
    Deactivation,
    InboundRecord,
    OutboundRecord,
    Outcome,
    TargetUnavailable,
    WriteResult,
)
from connectors.tryton import changes, parties
from connectors.tryton.client import TrytonClient, TrytonError, decode_date, encode_date

EMPLOYEE = "company.employee"
ALL = {"active_test": False}
FIELDS = ["party", "start_date", "end_date", "write_date", "write_uid", "create_date", "create_uid"]
PERSON = ("full_name", "email", "phone", "location_city", "country", "hire_date")

Writer = Callable[[Sequence[OutboundRecord]], list[WriteResult]]
Retirer = Callable[[Sequence[Deactivation]], list[WriteResult]]


def person_name(values: Mapping[str, Any]) -> str:
    full = values.get("full_name")
    if full:
        return str(full)
    return " ".join(str(values[f]) for f in ("first_name", "last_name") if values.get(f))


def as_party(values: Mapping[str, Any]) -> dict[str, Any]:
    """A resource's values in the shape :mod:`connectors.tryton.parties` writes."""
    party = {
        "name": person_name(values), "email": values.get("email"),
        "phone": values.get("phone"), "city": values.get("location_city"),
        "country": values.get("country"),
    }  # fmt: skip
    return {k: v for k, v in party.items() if v}


def hire_date(values: Mapping[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(values["hire_date"])) if values.get("hire_date") else None
    except ValueError:
        return None


def canonical_of(
    party: Mapping[str, Any], employee: Mapping[str, Any]
) -> tuple[str | None, dict[str, Any]]:
    """A party and its employee read back as (golden id, canonical resource values)."""
    golden, values = parties.canonical_of(party)
    person = {
        "full_name": values.get("name"), "email": values.get("email"),
        "phone": values.get("phone"), "location_city": values.get("city"),
        "country": values.get("country"),
    }  # fmt: skip
    started = decode_date(employee.get("start_date"))
    if started:
        person["hire_date"] = started.isoformat()
    return golden, {k: v for k, v in person.items() if v}


def active(employee: Mapping[str, Any], today: date) -> bool:
    start = decode_date(employee.get("start_date")) or date.min
    end = decode_date(employee.get("end_date")) or date.max
    return start <= today <= end


def company_id(client: TrytonClient, name: str | None) -> int:
    """The company employees belong to: the one named, or the only one there is."""
    domain = [["party.name", "=", name]] if name else []
    found = client.model("company.company", "search", domain, 0, 2, None)
    if len(found) == 1:
        return int(found[0])
    if name:
        reason = f"Tryton has no company named {name!r}"
    else:
        reason = f"Tryton has {len(found) or 'no'} companies: name one with 'company:'"
    raise TargetUnavailable(reason + " (resources are employees of a company)")


def of_company(
    client: TrytonClient, company: int, party_ids: Sequence[int] | None = None
) -> dict[int, dict[str, Any]]:
    """The company's employees by party (of ``party_ids`` only, when given)."""
    domain: list[Any] = [["company", "=", company]]
    if party_ids is not None:
        domain.append(["party", "in", list(party_ids)])
    rows = client.model(EMPLOYEE, "search_read", domain, 0, None, [["id", "ASC"]], FIELDS,
                        context=ALL)  # fmt: skip
    found: dict[int, dict[str, Any]] = {}
    for row in rows:
        found.setdefault(int(row["party"]), row)
    return found


def not_customers(client: TrytonClient) -> list[int]:
    """The parties of employees and of companies: people and the firm itself."""
    staff = client.model(EMPLOYEE, "search_read", [], 0, None, None, ["party"], context=ALL)
    firms = client.model("company.company", "search_read", [], 0, None, None, ["party"])
    return sorted({int(row["party"]) for row in [*staff, *firms]})


def _encoded(day: date | None) -> dict[str, Any] | None:
    return encode_date(day) if day else None


@dataclass
class Staff:
    """Writes resources through the connector's party writes, then their employees."""

    client: TrytonClient
    company: int
    write_parties: Writer
    retire_parties: Retirer

    def write(self, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        people = [replace(r, values=as_party(r.values)) for r in batch]
        results = self.write_parties(people)
        hired = {r.golden_id: hire_date(r.values) for r in batch}
        landed = {
            int(r.target_id): r.golden_id for r in results if r.outcome.landed and r.target_id
        }
        created, refused = self._employ({p: hired[g] for p, g in landed.items()})
        done = []
        for r in results:
            party = int(r.target_id) if r.target_id else None
            if party in refused:
                reason = f"the employee could not be written: {refused[party]}"
                r = WriteResult(r.golden_id, Outcome.REJECTED, r.target_id, reason=reason)
            elif party in created:
                r = replace(r, outcome=Outcome.CREATED)
            done.append(r)
        return done

    def _employ(self, hired: Mapping[int, date | None]) -> tuple[set[int], dict[int, str]]:
        """Each party an employee from its hire date, not ended: all at once, each alone when
        Tryton refuses. The parties whose employee was created, and those refused (why)."""
        try:
            return self._employ_all(hired), {}
        except TrytonError as exc:
            if len(hired) == 1:
                return set(), {party: exc.message for party in hired}
        created: set[int] = set()
        refused: dict[int, str] = {}
        for party, day in hired.items():
            try:
                created |= self._employ_all({party: day})
            except TrytonError as exc:
                refused[party] = exc.message
        return created, refused

    def _employ_all(self, hired: Mapping[int, date | None]) -> set[int]:
        if not hired:
            return set()
        existing = of_company(self.client, self.company, list(hired))
        creates = [
            {"party": p, "company": self.company, "start_date": _encoded(day)}
            for p, day in hired.items()
            if p not in existing
        ]
        writes: list[Any] = []
        for party, row in existing.items():
            if decode_date(row.get("start_date")) != hired[party] or row.get("end_date"):
                writes += [[row["id"]], {"start_date": _encoded(hired[party]), "end_date": None}]
        if creates:
            self.client.model(EMPLOYEE, "create", creates)
        if writes:
            self.client.model(EMPLOYEE, "write", *writes)
        return {p for p in hired if p not in existing}

    def read(self, since: datetime | None, hub: int) -> tuple[list[InboundRecord], datetime | None]:
        """The company's employees whose employee record or party was changed since ``since``
        by anyone but the hub, and the next cursor."""
        staff = of_company(self.client, self.company)
        if not staff:
            return [], since
        domain: list[Any] = [["id", "in", list(staff)]]
        if since is not None:
            moved = [p for p, row in staff.items() if changes.touched(row, since)]
            domain.append(["OR", ["id", "in", moved], changes.changed_since(since)])
        today = datetime.now(UTC).date()
        records, parts = [], []
        for row in parties.read(self.client, domain):
            employee = staff[int(row["id"])]
            mine = [*changes.party_parts(row), employee]
            parts += mine
            if not changes.changed_by_others(mine, since, hub):
                continue
            golden, values = canonical_of(row, employee)
            live = bool(row["active"]) and active(employee, today)
            records.append(
                InboundRecord(str(row["id"]), values, golden, row.get("_timestamp"), live)
            )
        return records, changes.latest(parts, since)

    def retire(self, batch: Sequence[Deactivation]) -> list[WriteResult]:
        """Parties retired, then their employment ended the day before today."""
        results = self.retire_parties(batch)
        gone = [int(r.target_id) for r in results if r.outcome.landed and r.target_id]
        last = datetime.now(UTC).date() - timedelta(days=1)
        writes: list[Any] = []
        for row in of_company(self.client, self.company, gone).values() if gone else ():
            ended = decode_date(row.get("end_date"))
            if ended is not None and ended <= last:
                continue
            values: dict[str, Any] = {"end_date": encode_date(last)}
            started = decode_date(row.get("start_date"))
            if started and started > last:
                values["start_date"] = encode_date(last)
            writes += [[row["id"]], values]
        if not writes:
            return results
        try:
            self.client.model(EMPLOYEE, "write", *writes)
        except TrytonError as exc:
            reason = f"the employment could not be ended: {exc.message}"
            return [
                WriteResult(r.golden_id, Outcome.REJECTED, r.target_id, reason=reason)
                if r.outcome.landed else r
                for r in results
            ]  # fmt: skip
        return results
