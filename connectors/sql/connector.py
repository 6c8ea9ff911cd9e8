"""A SQL table as a target (a legacy finance system's customer table, say).

Rows are keyed by a column holding the golden id; a batch is written in one transaction
(existing keys updated, new ones inserted, the same statements on every dialect), and when
the database refuses the batch each row is written alone so one bad row does not hold back
the others. The hub marks its rows in a ``writer`` column, so reading changes by the
updated-at column leaves its own writes out.

The updated-at column is also the row's version: a row the hub wrote carries the value it had
after that write, and with ``conditional_write`` (the default) a row someone changed since is
not overwritten but answered as a conflict (the hub reads the change first, then writes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, MetaData, Table, bindparam, create_engine, select
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from connectors import fieldmap
from connectors.config import SystemConfig
from connectors.protocol import (
    Capabilities,
    CheckResult,
    Deactivation,
    EntityFields,
    InboundRecord,
    OutboundRecord,
    Outcome,
    ReadResult,
    TargetUnavailable,
    WriteResult,
)

HUB_WRITER = "mdm-hub"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(min_length=1, description="SQLAlchemy URL")
    table: str = Field(min_length=1)
    key_column: str = "golden_id"
    updated_at_column: str = "updated_at"
    writer_column: str = "updated_by"
    active_column: str | None = "active"
    batch_size: int = Field(default=500, ge=1, le=10_000)
    conditional_write: bool = True  # a row changed there since the hub's write is a conflict


def make(settings: Settings, config: SystemConfig) -> SqlConnector:
    mapped = set(fieldmap.targets(config))
    columns = frozenset(mapped - set(config.owns)) if mapped else None
    engine = create_engine(settings.url, pool_pre_ping=True)
    return SqlConnector(settings, engine, columns, config)


class SqlConnector:
    """``columns``: what the hub writes (the mapped fields, owned ones left out); a value the
    golden record no longer has is written as NULL. Without it, what each batch carries.
    ``config``: its ``fields`` map names the columns a read gives back canonically."""

    def __init__(
        self, settings: Settings, engine: Engine, columns: frozenset[str] | None = None,
        config: SystemConfig | None = None,
    ) -> None:  # fmt: skip
        self.settings = settings
        self._config = config
        self.engine = engine
        self.columns = columns
        self.capabilities = Capabilities(
            batch_size=settings.batch_size, upsert_by_external_id=True, can_read=True,
            conditional_write=settings.conditional_write,
        )  # fmt: skip
        self._table: Table | None = None

    def close(self) -> None:
        self.engine.dispose()

    @property
    def table(self) -> Table:
        if self._table is None:
            try:
                self._table = Table(self.settings.table, MetaData(), autoload_with=self.engine)
            except OperationalError as exc:
                raise TargetUnavailable(f"database unreachable: {exc.orig}") from None
        return self._table

    def _meta(self) -> set[str]:
        s = self.settings
        return {s.key_column, s.updated_at_column, s.writer_column, s.active_column or ""}

    def check(self) -> CheckResult:
        columns = [c.name for c in self.table.columns]
        return CheckResult(True, f"table {self.table.name}", {"columns": columns})

    def discover(self) -> Sequence[EntityFields]:
        fields = tuple(c.name for c in self.table.columns if c.name not in self._meta())
        return [EntityFields(self.settings.table, fields, key=self.settings.key_column)]

    def _row(
        self, golden_id: str, values: Mapping[str, Any], columns: set[str], now: datetime
    ) -> dict[str, Any]:
        s = self.settings
        row = {k: values.get(k) for k in columns}
        row.update({s.key_column: golden_id, s.updated_at_column: now, s.writer_column: HUB_WRITER})
        if s.active_column:
            row[s.active_column] = True
        return row

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        now = datetime.now(UTC).replace(tzinfo=None)
        wanted = (
            set(self.columns) if self.columns is not None else {k for r in batch for k in r.values}
        )
        columns = {k for k in wanted if k in self.table.c and k not in self._meta()}
        rows = {r.golden_id: self._row(r.golden_id, r.values, columns, now) for r in batch}
        seen = {r.golden_id: r.target_version for r in batch if r.target_version}
        versions = seen if self.settings.conditional_write else {}
        try:
            return self._write_rows(rows, versions)
        except OperationalError as exc:
            raise TargetUnavailable(f"database unreachable: {exc.orig}") from None
        except DBAPIError:
            return [self._write_alone(g, row, versions) for g, row in rows.items()]

    def _write_alone(
        self, golden_id: str, row: dict[str, Any], versions: Mapping[str, str]
    ) -> WriteResult:
        try:
            return self._write_rows({golden_id: row}, versions)[0]
        except OperationalError as exc:
            raise TargetUnavailable(f"database unreachable: {exc.orig}") from None
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", exc)).splitlines()[0]
            return WriteResult(golden_id, Outcome.REJECTED, reason=reason)

    def _write_rows(
        self, rows: Mapping[str, dict[str, Any]], versions: Mapping[str, str]
    ) -> list[WriteResult]:
        """Insert new keys, update known ones, in one transaction; a known row whose version
        is not the one in ``versions`` (the hub's last write) is left as it is: a conflict."""
        s = self.settings
        key, stamp = self.table.c[s.key_column], self.table.c[s.updated_at_column]
        with self.engine.begin() as conn:
            held = {
                str(k): _version(v)
                for k, v in conn.execute(
                    select(key, stamp).where(key.in_(list(rows))).with_for_update()
                )
            }
            stale = {g for g, v in versions.items() if g in held and held[g] != v}
            updates = [{"_key": g, **r} for g, r in rows.items() if g in held and g not in stale]
            inserts = [row for g, row in rows.items() if g not in held]
            if updates:
                conn.execute(self.table.update().where(key == bindparam("_key")), updates)
            if inserts:
                conn.execute(self.table.insert(), inserts)
            written = [g for g in rows if g not in stale]
            after = {
                str(k): _version(v)
                for k, v in conn.execute(select(key, stamp).where(key.in_(written or [""])))
            }
        return [
            WriteResult(g, Outcome.CONFLICT, g, held[g], reason=(
                f"the row changed there since the hub's last write "
                f"({s.updated_at_column} {held[g]}, the hub wrote {versions[g]})"))
            if g in stale
            else WriteResult(g, Outcome.UPDATED if g in held else Outcome.CREATED, g, after.get(g))
            for g in rows
        ]  # fmt: skip

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        """Rows marked inactive (deleted without an active column), with their versions."""
        s = self.settings
        key, stamp = self.table.c[s.key_column], self.table.c[s.updated_at_column]
        now = datetime.now(UTC).replace(tzinfo=None)
        ids = [d.golden_id for d in batch]
        after: dict[str, str] = {}
        try:
            with self.engine.begin() as conn:
                if s.active_column:
                    values = {
                        s.active_column: False,
                        s.updated_at_column: now,
                        s.writer_column: HUB_WRITER,
                    }
                    conn.execute(self.table.update().where(key.in_(ids)).values(values))
                    found = conn.execute(select(key, stamp).where(key.in_(ids)))
                    after = {str(k): _version(v) for k, v in found}
                else:
                    conn.execute(self.table.delete().where(key.in_(ids)))
        except OperationalError as exc:
            raise TargetUnavailable(f"database unreachable: {exc.orig}") from None
        return [WriteResult(g, Outcome.DEACTIVATED, g, after.get(g)) for g in ids]

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult:
        """Rows changed after the cursor by anyone but the hub, oldest first."""
        s = self.settings
        changed = self.table.c[s.updated_at_column]
        query = select(self.table).order_by(changed)
        if state.get("since"):
            query = query.where(changed > datetime.fromisoformat(state["since"]))
        try:
            with self.engine.connect() as conn:
                rows = [dict(r._mapping) for r in conn.execute(query)]
        except OperationalError as exc:
            raise TargetUnavailable(f"database unreachable: {exc.orig}") from None
        records = [
            InboundRecord(
                str(row[s.key_column]),
                {k: v for k, v in row.items() if k not in self._meta() and v is not None},
                str(row[s.key_column]),
                _version(row[s.updated_at_column]),
                active=bool(row[s.active_column]) if s.active_column else True,
            )
            for row in rows
            if row.get(s.writer_column) != HUB_WRITER
        ]
        last = rows[-1][s.updated_at_column].isoformat() if rows else state.get("since")
        return ReadResult(
            fieldmap.canonical(self._config, records), {"since": last} if last else {}
        )


def _version(value: Any) -> str:
    """A row's version: its updated-at value as the database holds it."""
    return value.isoformat() if isinstance(value, datetime) else str(value)
