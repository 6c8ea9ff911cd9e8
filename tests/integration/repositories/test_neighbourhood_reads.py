"""An incremental run reads the links and the pairs held apart among its neighbourhood's
records (``stored_links``, ``stored_apart``): a list of 100,000 ids and more after a large
load. Each is read as a semi-join on the list's elements, not compared with every element of
the list row by row (``= ANY``)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from mdm.unit_of_work import UnitOfWork
from tests.integration.repositories.plans import plan_of

NEIGHBOURHOOD = list(range(1, 100_001))


@pytest.mark.parametrize("read", ["stored_links", "stored_apart"])
def test_a_large_neighbourhood_is_read_as_a_semi_join(
    session: Session, uow: UnitOfWork, read: str
) -> None:
    """The links among the records (``stored_links``) and the pairs held apart among them
    (``stored_apart``) alike."""
    plan = plan_of(session, lambda: getattr(uow.matches, read)("customer", NEIGHBOURHOOD))
    assert "ANY (" not in plan
    assert "unnest" in plan
