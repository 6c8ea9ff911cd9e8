"""The onboarding steps as the stewardship UI walks them for one upload: suggest and confirm a
mapping, profile, dry run, then load (in the background, telling its progress) and report."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from mdm.domain.entities import schema_for
from mdm.ingest.constants import check_constants
from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import ParsedExtract, read_extract
from mdm.onboarding.dry_run import dry_run, load_and_match
from mdm.onboarding.outcome import LoadOutcome
from mdm.onboarding.profile import ExtractProfile, profile_extract
from mdm.onboarding.suggestion import MappingSuggestion, suggest_mapping
from mdm.onboarding.workspace import Upload, Workspace
from mdm.runtime import Runtime
from mdm.unit_of_work import UnitOfWork

SUGGESTION = "suggestion.json"
PROGRESS = "progress.json"
DRY_RUN = "dry_run.json"
OUTCOME = "outcome.json"


def read(upload: Upload) -> ParsedExtract:
    return read_extract(upload.extract)


def suggestion(workspace: Workspace, upload: Upload) -> MappingSuggestion:
    """The mapping suggested for the upload: made from the extract once (which refuses a file
    that cannot be read), then kept with it, so the pages of later steps do not read the whole
    extract again for its header."""
    kept = workspace.read_json(upload, SUGGESTION)
    if kept is not None:
        return MappingSuggestion.from_dict(kept)
    found = suggest_mapping(read(upload), upload.entity)
    workspace.write_json(upload, SUGGESTION, found.to_dict())
    return found


def mapping_of(workspace: Workspace, upload: Upload) -> FieldMapping:
    """The confirmed mapping, else the suggested one."""
    return workspace.mapping(upload) or suggestion(workspace, upload).mapping()


def confirm_mapping(
    workspace: Workspace, upload: Upload, chosen: dict[str, str],
    constants: dict[str, str] | None = None,
) -> FieldMapping:  # fmt: skip
    """``chosen``: column -> field, or "" to ignore it (columns the extract lacks are dropped);
    ``constants``: field -> the value every row is given. A constant the field refuses, or
    for a field a column gives, is refused here (``ExtractError``), before it is kept."""
    header = [c.column for c in suggestion(workspace, upload).columns]
    mapping = FieldMapping(
        {c: f for c, f in chosen.items() if c in header and f},
        frozenset(c for c in header if not chosen.get(c)),
        {f: v.strip() for f, v in (constants or {}).items() if f},
    )
    schema = schema_for(upload.entity)
    check_constants(upload.file_name, schema, mapping.constants, mapping.columns)
    workspace.save_mapping(upload, mapping)
    return mapping


def profile(uow: UnitOfWork, workspace: Workspace, upload: Upload) -> ExtractProfile:
    """The upload's profile, its dates read with the orders its system's earlier extracts
    decided (``uow`` only reads them)."""
    remembered = uow.systems.date_orders_of(upload.source, upload.entity)
    return profile_extract(read(upload), upload.entity, mapping_of(workspace, upload), remembered)


def run_dry_run(uow: UnitOfWork, workspace: Workspace, upload: Upload) -> LoadOutcome:
    outcome = dry_run(
        uow, read(upload), system=upload.source, entity=upload.entity,
        mapping=mapping_of(workspace, upload),
    )  # fmt: skip
    workspace.write_json(upload, DRY_RUN, outcome.to_dict())
    return outcome


class _ProgressFile:
    """A :class:`~mdm.domain.progress.Progress` the UI polls: the stage, rows done and total."""

    def __init__(self, workspace: Workspace, upload: Upload) -> None:
        self.workspace, self.upload = workspace, upload

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        self.write({"stage": stage, "done": done, "total": total, "finished": False})

    def write(self, state: dict[str, Any]) -> None:
        at = datetime.now(UTC).isoformat()
        self.workspace.write_json(self.upload, PROGRESS, {**state, "at": at})


def start_load(runtime: Runtime, workspace: Workspace, upload: Upload) -> threading.Thread:
    """Load and match in the background; progress and outcome go to the upload's folder."""
    tell = _ProgressFile(workspace, upload)
    tell("queued")
    worker = threading.Thread(
        target=_load, args=(runtime, workspace, upload, tell), daemon=True,
        name=f"onboarding-load-{upload.id}",
    )  # fmt: skip
    worker.start()
    return worker


def _load(runtime: Runtime, workspace: Workspace, upload: Upload, tell: _ProgressFile) -> None:
    try:
        mapping = mapping_of(workspace, upload)
        with runtime.unit_of_work() as uow:
            outcome = load_and_match(
                uow, read(upload), system=upload.source, entity=upload.entity,
                mapping=mapping, progress=tell,
            )  # fmt: skip
        workspace.write_json(upload, OUTCOME, outcome.to_dict())
        tell.write({"stage": "loaded", "finished": True})
    except Exception as exc:  # the page must say why, not spin for ever
        tell.write({"stage": "failed", "finished": True, "error": str(exc)})
        raise
