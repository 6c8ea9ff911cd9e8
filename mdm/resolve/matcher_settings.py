"""An entity's matching settings as this hub is configured: the entity's preset, with the
hours per day (``MDM_HOURS_PER_DAY``, and ``MDM_SOURCE_HOURS_PER_DAY`` for the sources whose
day differs) that turn a day rate into an hourly one and the firm's own role spellings
(``MDM_ROLE_VOCABULARY``), read from the settings the unit of work carries, so resolution and
"does this record exist?" compare rate lines the same way."""

from __future__ import annotations

from matching import EntitySettings, settings_for
from mdm.domain.entities import schema_for
from mdm.unit_of_work import UnitOfWork


def matcher_settings(uow: UnitOfWork, entity: str) -> EntitySettings:
    settings = uow.settings
    return settings_for(
        schema_for(entity).preset,
        hours_per_day=settings.hours_per_day,
        role_vocabulary=settings.role_vocabulary,
        source_hours=tuple(sorted(settings.source_hours_per_day.items())),
    )
