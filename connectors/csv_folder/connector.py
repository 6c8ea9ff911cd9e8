"""A folder of CSV files as a system: what the hub writes goes to ``outbox/`` one file per
batch, written under a temporary name, flushed to disk and renamed, so a reader never sees
half a file; files dropped into ``inbox/`` are read once, in name order (the cursor is the
last file read).

An outgoing file's columns: ``golden_id``, ``op`` (``upsert`` or ``deactivate``),
``merged_into``, then the fields. An incoming file's: ``source_id``, ``golden_id`` (optional)
and canonical fields.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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

HEAD = ("golden_id", "op", "merged_into")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    folder: Path
    batch_size: int = Field(default=1000, ge=1, le=1_000_000)


def make(settings: Settings, config: SystemConfig) -> CsvFolderConnector:
    return CsvFolderConnector(settings.folder, settings.batch_size)


class CsvFolderConnector:
    def __init__(self, folder: Path, batch_size: int = 1000) -> None:
        self.outbox = folder / "outbox"
        self.inbox = folder / "inbox"
        self.capabilities = Capabilities(batch_size=batch_size, can_read=True)
        self._sequence = itertools.count(1)

    def close(self) -> None:
        return None

    def check(self) -> CheckResult:
        self._folders()
        return CheckResult(True, f"writes to {self.outbox}, reads {self.inbox}")

    def discover(self) -> Sequence[EntityFields]:
        return []

    def _folders(self) -> None:
        try:
            self.outbox.mkdir(parents=True, exist_ok=True)
            self.inbox.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TargetUnavailable(f"folder unavailable: {exc}") from None

    def _drop(self, entity: str, rows: list[dict[str, Any]]) -> Path:
        """Write ``rows`` as one file, atomically: a temporary name, fsync, rename."""
        self._folders()
        fields = sorted({k for row in rows for k in row} - set(HEAD))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, [*HEAD, *fields], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        final = self.outbox / f"{entity}-{stamp}-{os.getpid()}-{next(self._sequence):04d}.csv"
        partial = final.with_name(f".{final.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as out:
                out.write(buffer.getvalue())
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, final)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise TargetUnavailable(f"cannot write {final.name}: {exc}") from None
        return final

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        rows = [{"golden_id": r.golden_id, "op": "upsert", **r.values} for r in batch]
        name = self._drop(entity, rows).name
        return [
            WriteResult(r.golden_id, Outcome.UPDATED if r.target_id else Outcome.CREATED,
                        r.golden_id, name)
            for r in batch
        ]  # fmt: skip

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        rows = [
            {
                "golden_id": d.golden_id,
                "op": "deactivate",
                "merged_into": d.survivor_golden_id or "",
            }
            for d in batch
        ]
        name = self._drop(entity, rows).name
        return [WriteResult(d.golden_id, Outcome.DEACTIVATED, d.golden_id, name) for d in batch]

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult:
        """Rows of the inbox files named after the cursor (files being written are skipped:
        a sender writes under a name starting with a dot and renames)."""
        self._folders()
        after = str(state.get("last_file", ""))
        files = sorted(
            p
            for p in self.inbox.glob(f"{entity}*.csv")
            if p.name > after and not p.name.startswith(".")
        )
        records = []
        for path in files:
            for row in csv.DictReader(io.StringIO(_text_of(path), newline="")):
                source_id = row.pop("source_id", "") or row.get("golden_id", "")
                golden = row.pop("golden_id", None) or None
                values = {k: v for k, v in row.items() if v}
                records.append(InboundRecord(source_id, values, golden))
        last = files[-1].name if files else after
        return ReadResult(records, {"last_file": last} if last else {})


def _text_of(path: Path) -> str:
    """An inbox file's text: UTF-8, its byte-order mark dropped (Excel's "CSV UTF-8" writes
    one, which would otherwise stick to the first column's name). A file that is not UTF-8
    stops the read at that file, naming it, its line and the byte: the cursor stays before
    it, so it is read once it is saved again as UTF-8."""
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TargetUnavailable(
            f"{path.name} line {line}: not UTF-8 (byte 0x{data[exc.start]:02x}); save it as "
            "UTF-8 and pull again"
        ) from None
