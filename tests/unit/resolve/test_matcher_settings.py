"""The hub's matching settings follow its configuration: a source whose working day differs
(``MDM_SOURCE_HOURS_PER_DAY``) has its day rates converted at its own hours."""

from __future__ import annotations

from typing import Any

from mdm.resolve.matcher_settings import matcher_settings
from mdm.settings import Settings
from mdm.unit_of_work import Context, UnitOfWork


def _uow(**configured: Any) -> UnitOfWork:
    settings = Settings(database_url="postgresql://unused@127.0.0.1:1/none", **configured)
    return UnitOfWork(None, Context.of(settings))  # type: ignore[arg-type]


def test_a_sources_day_rates_are_converted_at_its_configured_hours() -> None:
    features = matcher_settings(_uow(source_hours_per_day={"billing": 7.5}), "rate_card").features
    hourly = next(f for f in features if f.name == "hourly_rate")
    day_rate = {"rate": "1350", "unit": "day"}
    assert hourly.derive({**day_rate, "source": "billing"}) == 180.0
    assert hourly.derive({**day_rate, "source": "erp"}) == 168.75
