"""Inbound: a connected system's changes since its cursor, recorded like an ingest.

What the hub wrote itself does not come back: the connector leaves out records its
integration user wrote, and a record that says what the hub last wrote there (the content
hash of its delivery, :mod:`mdm.sync.echoes`) is an echo and is dropped. The target versions
read are kept, so the next conditional write is made against what the hub has seen (a
conflict is read first, then written).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from connectors.protocol import Connector, InboundRecord
from mdm.ingest.reader import ExtractRow, ParsedExtract
from mdm.ingest.service import IngestSummary, ingest_extract
from mdm.sync import echoes
from mdm.unit_of_work import UnitOfWork


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


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _extract(name: str, records: list[InboundRecord]) -> ParsedExtract:
    fields = sorted({k for r in records for k in r.values})
    header = ("source_id", *fields)
    rows = [
        ExtractRow(i + 2, {"source_id": r.target_id, **{f: _text(r.values.get(f)) for f in fields}})
        for i, r in enumerate(records)
    ]
    return ParsedExtract(name=name, header=header, rows=rows)


def pull(
    uow: UnitOfWork, system: str, entity: str, connector: Connector, now: datetime
) -> PullSummary:
    source = uow.systems.get_or_register(system)
    state = uow.systems.cursor_of(source.id, entity)
    result = connector.read(entity, state)
    for sub in uow.systems.list_subscriptions(system):
        if sub.entity == entity:
            versions = {r.target_id: r.target_version for r in result.records if r.target_version}
            uow.systems.refresh_target_versions(sub.id, versions)
    live = [r for r in result.records if r.active]  # deactivated there: not loaded as a record
    said = {r.target_id: {k: _text(v) for k, v in r.values.items()} for r in live}
    echoed = echoes.find(uow, system, entity, said)
    fresh = [r for r in live if r.target_id not in echoed]
    loaded = None
    if fresh:
        name = f"pull {system} {entity} {now:%Y-%m-%dT%H:%M:%SZ}"
        loaded = ingest_extract(uow, _extract(name, fresh), system=system, entity=entity)
    uow.systems.save_cursor(source.id, entity, result.state, now)
    inactive = len(result.records) - len(live)
    return PullSummary(system, entity, len(result.records), len(echoed), inactive, loaded)
