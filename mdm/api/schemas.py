"""Response models of the golden-record and event-feed API (pydantic, at the edge only)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from mdm.golden.queries import GoldenView, Member, SearchHit, VersionView, XrefView


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: list[Any]


class ErrorOut(BaseModel):
    error: ErrorDetail


class SourceRecordRef(BaseModel):
    source: str = Field(description="Name of the source system.")
    source_id: str = Field(description="The record's key in its own system.")
    since: datetime | None = Field(default=None, description="Held by this golden record since.")
    deleted: bool = Field(default=False, description="Deleted in the source (a tombstone).")

    @classmethod
    def of(cls, member: Member) -> SourceRecordRef:
        return cls(
            source=member.source, source_id=member.source_id, since=member.since,
            deleted=member.deleted,
        )  # fmt: skip


class GoldenRecordOut(BaseModel):
    id: uuid.UUID
    entity: str
    version: int
    status: str = Field(
        description="active, merged (see merged_into), split (see split_into) or retired."
    )
    attributes: dict[str, Any]
    lineage: dict[str, Any] = Field(description="Per attribute: source, source_id, version, rule.")
    created_at: datetime
    updated_at: datetime
    merged_into: uuid.UUID | None = None
    references: dict[str, uuid.UUID | None] = Field(
        default_factory=dict,
        description="The records this one names, as golden ids: a customer's parent, a "
        "resource's manager, a rate line's customer (null: names none, or one not loaded or "
        "matched yet). Resolved in the system the named key came from, following merges; "
        "not given with ?at=.",
    )
    source_records: list[SourceRecordRef]
    redirected_from: uuid.UUID | None = Field(
        default=None, description="The id asked for, when it was merged into this record."
    )
    redirect: Literal["merged", "repointed_after_split"] | None = Field(
        default=None,
        description="Why the id asked for answers with this record: it was merged into it, or "
        "its redirect was re-pointed here when the records it held were split out.",
    )
    split_into: list[uuid.UUID] | None = Field(
        default=None,
        description="For an id whose records a split divided (status split): the golden "
        "records that hold them now. Read one of those.",
    )
    as_of: datetime | None = Field(default=None, description="Set when answering ?at=.")

    @classmethod
    def of(cls, view: GoldenView, redirected_from: uuid.UUID | None) -> GoldenRecordOut:
        return cls(
            id=view.id, entity=view.entity, version=view.version, status=view.status,
            attributes=view.attributes, lineage=view.lineage, created_at=view.created_at,
            updated_at=view.updated_at, merged_into=view.merged_into, references=view.references,
            source_records=[SourceRecordRef.of(m) for m in view.members],
            redirected_from=redirected_from,
        )  # fmt: skip


class VersionOut(BaseModel):
    version: int
    valid_from: datetime
    status: str
    merged_into: uuid.UUID | None = None
    changed_by: str
    reason: str
    attributes: dict[str, Any]
    lineage: dict[str, Any]
    members: list[SourceRecordRef]

    @classmethod
    def of(cls, view: VersionView) -> VersionOut:
        return cls(
            version=view.version, valid_from=view.valid_from, status=view.status,
            merged_into=view.merged_into, changed_by=view.changed_by, reason=view.reason,
            attributes=view.attributes, lineage=view.lineage,
            members=[SourceRecordRef(source=m.source, source_id=m.source_id) for m in view.members],
        )  # fmt: skip


class HistoryOut(BaseModel):
    id: uuid.UUID
    entity: str
    versions: list[VersionOut] = Field(description="Oldest first.")


class SearchHitOut(BaseModel):
    id: uuid.UUID
    version: int
    attributes: dict[str, Any]
    updated_at: datetime

    @classmethod
    def of(cls, hit: SearchHit) -> SearchHitOut:
        return cls(
            id=hit.id, version=hit.version, attributes=hit.attributes, updated_at=hit.updated_at
        )


class SearchOut(BaseModel):
    results: list[SearchHitOut]
    next: str | None = Field(description="Cursor of the next page; null on the last page.")


class XrefOut(BaseModel):
    entity: str
    source: str
    source_id: str
    golden_id: uuid.UUID
    golden_status: str
    since: datetime
    deleted: bool

    @classmethod
    def of(cls, entity: str, source: str, source_id: str, view: XrefView) -> XrefOut:
        return cls(
            entity=entity, source=source, source_id=source_id, golden_id=view.golden_id,
            golden_status=view.golden_status, since=view.since, deleted=view.deleted,
        )  # fmt: skip


class EventFeedOut(BaseModel):
    events: list[dict[str, Any]] = Field(
        description="CloudEvents 1.0 in structured JSON mode, in commit order."
    )
    next: str = Field(description="Pass as `after` to continue; equals `after` when nothing new.")
