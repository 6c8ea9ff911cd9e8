"""Request and response models of the real-time record writes (pydantic, at the edge only)."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field, RootModel

from mdm.ingest.realtime import MAX_BATCH, WriteResult


class RecordIn(RootModel[dict[str, str]]):
    """One record as a canonical JSON object (canonical field names, as ``mdm fields`` lists them, every value text)."""


class RecordBatchIn(BaseModel):
    records: list[dict[str, str]] = Field(
        min_length=1, max_length=MAX_BATCH,
        description="Canonical JSON objects, each with its `source_id`; at most 1,000.",
    )  # fmt: skip


class FlaggedValue(BaseModel):
    field: str
    reason: str = Field(description="Why the value could not be read, quoting it.")


FLAGGED = (
    "Values of the record's current version the hub could not read: the record is kept whole "
    "(the value with it), but a flagged value never reaches the golden record. Correct it in "
    "the source and write the record again."
)


def flagged_list(flagged: dict[str, str]) -> list[FlaggedValue]:
    return [FlaggedValue(field=f, reason=r) for f, r in sorted(flagged.items())]


class RecordWriteOut(BaseModel):
    entity: str
    source: str
    source_id: str
    outcome: Literal["created", "updated", "unchanged", "deleted"]
    version: int = Field(description="The record's version now; send it as If-Match.")
    golden_id: uuid.UUID | None = Field(description="Its golden record; null while queued.")
    status: Literal["resolved", "queued", "deleted"]
    status_url: str = Field(description="Where the record's state (and golden id) can be read.")
    flagged: list[FlaggedValue] = Field(default_factory=list, description=FLAGGED)

    @classmethod
    def of(cls, entity: str, source: str, result: WriteResult) -> RecordWriteOut:
        status = "queued" if result.queued else "resolved"
        return cls(
            entity=entity, source=source, source_id=result.source_id, outcome=result.outcome,
            version=result.version, golden_id=result.golden_id,
            status="deleted" if result.outcome == "deleted" else status,
            status_url=f"/v1/{entity}/records/{source}/{result.source_id}",
            flagged=flagged_list(result.flagged),
        )  # fmt: skip


class RecordBatchOut(BaseModel):
    results: list[RecordWriteOut]


class RecordStateOut(BaseModel):
    entity: str
    source: str
    source_id: str
    version: int
    deleted: bool
    golden_id: uuid.UUID | None
    status: Literal["resolved", "queued", "deleted"]
    flagged: list[FlaggedValue] = Field(default_factory=list, description=FLAGGED)
