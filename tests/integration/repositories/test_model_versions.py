"""The parsed model is kept under the version whose parameters were read: a lookup reads the
model's state with its candidates and its parameters after, outside a transaction, so a model
stored in between must not be kept as the older version."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from matching import Matcher, ModelParameters
from matching.presets.customer import customer_settings
from mdm.repositories import match_models
from mdm.repositories.match_models import ModelCache, ModelState
from mdm.unit_of_work import UnitOfWork
from tests.unit.matching.test_customer_sparse import _companies


def _model() -> ModelParameters:
    matcher = Matcher(customer_settings())
    return matcher.train(matcher.prepare(_companies()))


def test_a_model_stored_after_its_state_was_read_is_kept_as_its_own_version(
    uow: UnitOfWork,
) -> None:
    uow.session.execute(text("DELETE FROM match_model WHERE entity = 'customer'"))
    model, earlier = _model(), datetime(2026, 1, 5, tzinfo=UTC)
    uow.models.save("customer", model, 100, earlier)
    state = ModelState(earlier, 100, 100)  # read with the candidates ...
    later = earlier + timedelta(hours=1)
    uow.models.save("customer", model, 120, later)  # ... then a newer model is stored
    cache = ModelCache()
    comparisons = customer_settings().comparisons
    assert match_models.load_as(uow.session, cache, "customer", comparisons, state) is not None
    assert cache.get("customer", earlier) is None
    assert cache.get("customer", later) is not None
