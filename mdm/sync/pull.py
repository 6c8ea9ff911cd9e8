"""Inbound: a connected system's changes since its cursor, recorded like an ingest.

What the hub wrote itself does not come back: the connector leaves out records its
integration user wrote, and a record whose content hashes to what the hub last wrote there
is an echo and is dropped. The target versions read are kept, so the next conditional write
is made against what the hub has seen (a conflict is read first, then written).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from connectors.config import SystemConfig
from connectors.fieldmap import outbound
from connectors.protocol import Connector, InboundRecord
from mdm.ingest.reader import ExtractRow, ParsedExtract
from mdm.ingest.service import IngestSummary, ingest_extract
from mdm.repositories import deliveries, subscriptions, sync_cursors
from mdm.repositories.systems import get_or_register
from mdm.sync.payload import content_hash


@dataclass(frozen=True)
class PullSummary:
    system: str
    entity: str
    read: int
    echoes: int
    inactive: int
    ingest: IngestSummary | None

    def describe(self) -> str:
        loaded = self.ingest
        if loaded is None:
            return (
                f"{self.system}/{self.entity}: {self.read} read, {self.echoes} echoes, "
                f"{self.inactive} inactive, nothing to load"
            )
        return (
            f"{self.system}/{self.entity}: {self.read} read, {self.echoes} echoes of the hub's "
            f"own writes, {self.inactive} inactive; {loaded.new} new, {loaded.changed} changed, {loaded.unchanged} "
            f"unchanged, {loaded.quarantined} quarantined"
        )


def _extract(name: str, records: list[InboundRecord]) -> ParsedExtract:
    fields = sorted({k for r in records for k in r.values})
    header = ("source_id", *fields)
    rows = [
        ExtractRow(
            i + 2, {"source_id": r.target_id, **{f: str(r.values.get(f) or "") for f in fields}}
        )
        for i, r in enumerate(records)
    ]
    return ParsedExtract(name=name, header=header, rows=rows)


def pull(
    session: Session, system: str, entity: str, config: SystemConfig, connector: Connector,
    now: datetime,
) -> PullSummary:  # fmt: skip
    source = get_or_register(session, system)
    state = sync_cursors.state_of(session, source.id, entity)
    result = connector.read(entity, state)
    subscribed = [s for s in subscriptions.listed(session, system) if s.entity == entity]
    fresh = list(result.records)
    echoes = 0
    if subscribed:
        sub_id = subscribed[0].id
        written = deliveries.crosswalk(session, sub_id, [r.target_id for r in fresh])
        versions = {r.target_id: r.target_version for r in fresh if r.target_version}
        deliveries.refresh_target_versions(session, sub_id, versions)
        fresh = [r for r in fresh if not _echo(config, r, written)]
        echoes = len(result.records) - len(fresh)
    inactive = sum(1 for r in fresh if not r.active)
    fresh = [r for r in fresh if r.active]  # deactivated there: not loaded as a record
    loaded = None
    if fresh:
        name = f"pull {system} {entity} {now:%Y-%m-%dT%H:%M:%SZ}"
        loaded = ingest_extract(session, _extract(name, fresh), system=system, entity=entity)
    sync_cursors.save(session, source.id, entity, result.state, now)
    return PullSummary(system, entity, len(result.records), echoes, inactive, loaded)


def _echo(
    config: SystemConfig, record: InboundRecord, written: Mapping[str, tuple[object, str | None]]
) -> bool:
    known = written.get(record.target_id)
    return known is not None and known[1] == content_hash(outbound(config, record.values))
