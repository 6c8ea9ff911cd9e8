"""Property: after any sequence of loads, matches, merges, splits and pins, every golden record
equals what its rules compute from scratch from its current source records and pins."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.golden.verify import mismatches
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.stewardship import decisions, pins
from mdm.unit_of_work import UnitOfWork

HEADER = "source_id,name,legal_name,country,city,phone,email,industry\n"
NAMES = ["Acme Ltd", "ACME LIMITED", "Acme Holdings Ltd", "Zenith GmbH", "Zenith AG", "Orbit SAS"]
CITIES = ["London", "Leeds", "Berlin", "Paris"]

row = st.tuples(
    st.integers(0, 5),
    st.sampled_from(NAMES),
    st.sampled_from(CITIES),
    st.sampled_from(["", "x@acme.com", "bad@"]),
)
step = st.one_of(
    st.tuples(
        st.just("load"),
        st.sampled_from(["crm", "erp", "beta_crm"]),
        st.lists(row, min_size=1, max_size=4, unique_by=lambda r: r[0]),
    ),
    st.tuples(st.just("match"), st.booleans(), st.just([])),
    st.tuples(st.just("split"), st.integers(0, 20), st.just([])),
    st.tuples(st.just("pin"), st.integers(0, 20), st.just([])),
)


def _load(uow: UnitOfWork, system: str, rows: list[tuple[int, str, str, str]]) -> None:
    body = "".join(f"S{i},{name},,GB,{city},,{email},consulting\n" for i, name, city, email in rows)
    ingest_extract(
        uow, parse_extract("x.csv", (HEADER + body).encode()), system=system, entity="customer"
    )


def _golden_with_members(session: Session, pick: int) -> tuple[str, list[int]] | None:
    rows = session.execute(
        text(
            "SELECT golden_id, array_agg(source_record_id ORDER BY source_record_id) FROM xref "
            "WHERE valid_to IS NULL GROUP BY golden_id HAVING count(*) > 1 ORDER BY golden_id"
        )
    ).all()
    if not rows:
        return None
    golden, members = rows[pick % len(rows)]
    return str(golden), list(members)


def _apply(
    uow: UnitOfWork,
    action: str,
    arg: object,
    rows: list[tuple[int, str, str, str]],
) -> None:
    if action == "load":
        _load(uow, str(arg), rows)
    elif action == "match":
        resolve_pending(uow, "customer", force_bulk=bool(arg))
    else:
        found = _golden_with_members(uow.session, int(arg))  # type: ignore[call-overload]
        if found is None:
            return
        golden, members = found
        if action == "split":
            decisions.split(uow, golden, members[-1:], "prop", "property test")
        else:
            pins.pin(uow, golden, "industry", "pinned industry", "prop", "test")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(step, min_size=1, max_size=6))
def test_goldens_always_equal_a_recomputation(
    session: Session,
    uow: UnitOfWork,
    steps: list[tuple[str, object, list[tuple[int, str, str, str]]]],
) -> None:
    savepoint = session.begin_nested()
    try:
        for action, arg, rows in steps:
            _apply(uow, action, arg, rows)
        assert mismatches(uow, "customer") == []
    finally:
        savepoint.rollback()
