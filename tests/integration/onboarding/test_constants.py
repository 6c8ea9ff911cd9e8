"""Onboarding a rate-card extract whose unit is in its header ("Tagessatz"): the suggested
mapping gives the unit as a constant, the analyst can change or drop it, the profile and dry
run read the rows with it, and the load keeps the rates per day."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.ingest.errors import HeaderError
from mdm.onboarding import steps
from mdm.onboarding.workspace import Upload, Workspace
from mdm.unit_of_work import UnitOfWork

BODY = (
    "ID,Rolle,Tagessatz,Währung,Gültig ab\n"
    "T1,Berater,960,EUR,2024-01-01\n"
    "T2,Architekt,1280,EUR,2024-01-01\n"
    "T3,Entwickler,880,EUR,2024-01-01\n"
)


@pytest.fixture
def upload(tmp_path: Path) -> tuple[Workspace, Upload]:
    workspace = Workspace(tmp_path / "onboarding")
    return workspace, workspace.create("tagessaetze.csv", BODY.encode(), "acq_psa", "rate_card")


def units(session: Session) -> dict[str, str]:
    rows = session.execute(
        text(
            "SELECT r.source_id, v.canonical->>'unit' FROM source_record r "
            "JOIN source_record_version v ON v.source_record_id = r.id "
            "WHERE r.entity = 'rate_card' AND v.version_no = r.version_no"
        )
    ).all()
    return dict(rows)  # type: ignore[arg-type]


def test_the_suggested_unit_reaches_the_profile_the_dry_run_and_the_load(
    session: Session, uow: UnitOfWork, upload: tuple[Workspace, Upload]
) -> None:
    workspace, found = upload
    suggested = steps.suggestion(workspace, found)
    assert {c.column: c.field for c in suggested.columns}["Tagessatz"] == "rate"
    assert steps.mapping_of(workspace, found).constants == {"unit": "day"}
    profile = steps.profile(uow, workspace, found)
    assert profile.accepted == 3
    unit = next(f for f in profile.fields if f.field == "unit")
    assert unit.top == (("day", 3),)
    dry = steps.run_dry_run(uow, workspace, found)
    assert dry.records == 3 and dry.rejected == 0
    assert any("unit 'day'" in note for note in dry.notes)
    assert units(session) == {}  # the dry run kept nothing
    steps.confirm_mapping(workspace, found, _chosen(suggested), {"unit": "day"})
    outcome = steps.load_and_match(
        uow, steps.read(found), system=found.source, entity=found.entity,
        mapping=steps.mapping_of(workspace, found),
    )  # fmt: skip
    assert outcome.rejected == 0
    assert units(session) == {"T1": "day", "T2": "day", "T3": "day"}


def test_the_analyst_changes_or_drops_the_constant_and_a_bad_one_is_refused(
    upload: tuple[Workspace, Upload],
) -> None:
    workspace, found = upload
    chosen = _chosen(steps.suggestion(workspace, found))
    steps.confirm_mapping(workspace, found, chosen, {"unit": "hour"})
    assert workspace.mapping(found).constants == {"unit": "hour"}  # type: ignore[union-attr]
    steps.confirm_mapping(workspace, found, chosen, {})
    assert workspace.mapping(found).constants == {}  # type: ignore[union-attr]
    with pytest.raises(HeaderError, match="constant unit: unit must be hour or day"):
        steps.confirm_mapping(workspace, found, chosen, {"unit": "fortnight"})
    with pytest.raises(HeaderError, match="constant currency: column 'Währung' also gives"):
        steps.confirm_mapping(workspace, found, chosen, {"currency": "EUR"})
    assert workspace.mapping(found).constants == {}  # type: ignore[union-attr]


def _chosen(suggested: steps.MappingSuggestion) -> dict[str, str]:
    return {c.column: c.field or "" for c in suggested.columns}
