"""The report of what a load or a dry run did (``run_outcomes``) reads tens of thousands of
records the run wrote in the same transaction, which the planner takes for one row. It joins
each record to its links on one side at a time (an index each), not on either side at once,
and asks whether a golden record holds a record the run did not write through that record's
versions, not by scanning the run's records once per member."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mdm.unit_of_work import UnitOfWork
from tests.integration.repositories.plans import plan_of


def test_the_run_outcomes_reach_links_and_members_through_indexes(
    session: Session, uow: UnitOfWork
) -> None:
    plan = plan_of(session, lambda: uow.reports.run_outcomes(1))
    assert " OR " not in plan  # (m.rid = l.left_record_id) OR (m.rid = l.right_record_id)
    _, _, subplans = plan.partition("SubPlan")
    assert subplans  # whether the golden record holds another record
    assert "CTE Scan on mine" not in subplans
