"""An incremental run's writes to the pairs of its pending records (``supersede_stale``,
``forget_apart``) and its read of the review-band links among its clusters
(``open_review_tasks``) take lists of tens of thousands of ids after a large load. Each reads
the list as a semi-join on its elements, on each side's own index for a pair with a record of
the list on either side, and never compares rows with every element of the list (``= ANY``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from mdm.unit_of_work import UnitOfWork
from tests.integration.repositories.plans import plan_of

PENDING = list(range(1, 100_001))
COMPARED = "ANY ('{1,2,3,"  # the list as an = ANY operand, each row compared with it
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("write", ["supersede_stale", "forget_apart"])
def test_the_pairs_of_many_records_are_found_on_either_side_by_a_semi_join(
    session: Session, uow: UnitOfWork, write: str
) -> None:
    """The links superseded (``supersede_stale``) and the pairs held apart forgotten
    (``forget_apart``) alike: one semi-join per side, no OR of two ``= ANY``."""
    if write == "supersede_stale":
        plan = plan_of(session, lambda: uow.matches.supersede_stale("customer", PENDING, NOW))
    else:
        plan = plan_of(session, lambda: uow.matches.forget_apart("customer", PENDING))
    assert COMPARED not in plan
    assert "unnest" in plan


def test_the_review_band_links_among_many_clustered_records_are_read_as_a_semi_join(
    session: Session, uow: UnitOfWork
) -> None:
    cluster_of = {record: record for record in PENDING}
    plan = plan_of(session, lambda: uow.matches.open_review_tasks("customer", cluster_of, NOW))
    assert COMPARED not in plan
    assert "unnest" in plan
