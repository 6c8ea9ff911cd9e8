"""Resources as Tryton employees, against an in-memory stand-in for Tryton's employee model:
one employee Tryton refuses rejects that person only (with Tryton's reason), a batch of one
as well; retiring ends employment the day before, moving a start date still to come."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from connectors.protocol import Deactivation, OutboundRecord, Outcome, WriteResult
from connectors.tryton.client import TrytonError, decode_date, encode_date
from connectors.tryton.employees import Staff


class Employees:
    """``company.employee`` as the connector calls it: search_read, create, write."""

    def __init__(self, refuse: int | None = None) -> None:
        self.rows: list[dict[str, Any]] = []
        self.refuse = refuse  # a party whose employee Tryton refuses

    def model(self, model: str, method: str, *params: Any, context: Any = None) -> Any:
        assert model == "company.employee"
        if method == "search_read":
            parties = next((c[2] for c in params[0] if c[0] == "party"), None)
            return [dict(r) for r in self.rows if parties is None or r["party"] in parties]
        if method == "create":
            if any(v["party"] == self.refuse for v in params[0]):
                raise TrytonError("UserError", "The employee's start date is not valid.")
            self.rows += [{"id": len(self.rows) + i + 1, **v} for i, v in enumerate(params[0])]
            return [r["id"] for r in self.rows[-len(params[0]) :]]
        assert method == "write"
        for ids, values in zip(params[::2], params[1::2], strict=True):
            for row in self.rows:
                if row["id"] in ids:
                    row.update(values)
        return None


def parties_written(records: Sequence[OutboundRecord]) -> list[WriteResult]:
    return [WriteResult(r.golden_id, Outcome.UPDATED, str(i + 1)) for i, r in enumerate(records)]


def retired(batch: Sequence[Deactivation]) -> list[WriteResult]:
    return [WriteResult(d.golden_id, Outcome.DEACTIVATED, d.target_id) for d in batch]


def person(n: int, hired: str = "2021-03-15") -> OutboundRecord:
    return OutboundRecord(f"g{n}", {"first_name": "P", "last_name": str(n), "hire_date": hired})


def staff(tryton: Employees) -> Staff:
    return Staff(tryton, 7, parties_written, retired)  # type: ignore[arg-type]


def test_an_employee_tryton_refuses_rejects_that_person_only() -> None:
    tryton = Employees(refuse=2)
    results = staff(tryton).write([person(1), person(2), person(3)])
    assert [r.outcome for r in results] == [Outcome.CREATED, Outcome.REJECTED, Outcome.CREATED]
    assert results[1].reason and "start date is not valid" in results[1].reason
    assert sorted(r["party"] for r in tryton.rows) == [1, 3]
    assert {decode_date(r["start_date"]) for r in tryton.rows} == {date(2021, 3, 15)}
    [alone] = staff(Employees(refuse=1)).write([person(1)])
    assert alone.outcome is Outcome.REJECTED  # a batch of one is answered, not raised


def test_written_again_an_existing_employee_is_updated_and_its_end_taken_away() -> None:
    tryton = Employees()
    staff(tryton).write([person(1)])
    tryton.rows[0]["end_date"] = encode_date(date(2024, 1, 31))
    [again] = staff(tryton).write([person(1, "2020-01-06")])
    assert again.outcome is Outcome.UPDATED and len(tryton.rows) == 1
    assert decode_date(tryton.rows[0]["start_date"]) == date(2020, 1, 6)
    assert tryton.rows[0]["end_date"] is None


def test_retiring_ends_employment_the_day_before_even_one_not_started_yet() -> None:
    tryton = Employees()
    soon = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    staff(tryton).write([person(1), person(2, soon)])
    results = staff(tryton).retire([Deactivation("g1", "1"), Deactivation("g2", "2")])
    assert [r.outcome for r in results] == [Outcome.DEACTIVATED, Outcome.DEACTIVATED]
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    for row in tryton.rows:
        assert decode_date(row["end_date"]) == yesterday
        assert decode_date(row["start_date"]) <= yesterday  # type: ignore[operator]
