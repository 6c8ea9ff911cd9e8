"""`mdm ingest --help` names the canonical fields a header may use, for every entity."""

from __future__ import annotations

import pytest

from mdm.cli.commands import build_parser
from mdm.domain.entities import ENTITY_NAMES, schema_for


def test_ingest_help_lists_every_canonical_field(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ingest", "--help"])
    shown = capsys.readouterr().out
    for entity in ENTITY_NAMES:
        line = next(x for x in shown.splitlines() if x.strip().startswith(f"{entity}:"))
        block = shown[shown.index(line) :]
        for field in schema_for(entity).fields:
            assert field in block, (entity, field)
    assert "source_id*" in shown
