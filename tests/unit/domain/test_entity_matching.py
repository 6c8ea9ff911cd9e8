"""Each entity's matching preset and the review screen's evidence map agree: the map names
exactly the preset's comparisons (a renamed or added comparison fails here until the entity
says which fields it looks at), and each of them only fields the entity has."""

from __future__ import annotations

import pytest

from matching.presets import settings_for
from mdm.domain.entities import SCHEMAS, schema_for

ENTITIES = sorted(SCHEMAS)


@pytest.mark.parametrize("entity", ENTITIES)
def test_the_evidence_map_names_the_comparisons_of_the_preset(entity: str) -> None:
    schema = schema_for(entity)
    comparisons = [c.name for c in settings_for(schema.preset).comparisons]
    assert sorted(schema.evidence) == sorted(comparisons)
    for name, fields in schema.evidence.items():
        assert fields and set(fields) <= set(schema.fields), name


@pytest.mark.parametrize("entity", ENTITIES)
def test_the_preset_is_the_entitys_own(entity: str) -> None:
    assert settings_for(schema_for(entity).preset).entity == entity
