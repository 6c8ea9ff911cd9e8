"""The Tryton connector: customers to parties and resources to employees (their parties
linked to a company, :mod:`connectors.tryton.employees`) over JSON-RPC, written as the hub's
own user.

Writes are batched (one ``create`` for new parties, one ``write`` for changed ones); when
Tryton refuses a batch, each record is tried alone so one bad record does not hold back the
others. A party the hub does not know yet is looked up by the golden id it carries, so a write
repeated after a crash updates instead of creating a second party.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
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
    WriteResult,
)
from connectors.tryton import changes, employees, parties
from connectors.tryton.client import TrytonClient, TrytonError
from connectors.tryton.replace import replace

PARTY = "party.party"
ALL = {"active_test": False}
Tagged = tuple[OutboundRecord, dict[str, Any]]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    native_merge: bool = Field(default=True, description="merge with Tryton's party replacement")
    url: str = Field(pattern=r"^https?://")
    database: str = Field(min_length=1)
    username: str = Field(min_length=1)
    password: str
    batch_size: int = Field(default=200, ge=1, le=1000)
    timeout: float = Field(default=30.0, gt=0)
    company: str | None = Field(
        default=None, description="resources: the company they are employees of (its name); "
        "none: the only company there is",
    )  # fmt: skip


def make(settings: Settings, config: SystemConfig) -> TrytonConnector:
    client = TrytonClient(
        settings.url, settings.database, settings.username, settings.password, settings.timeout
    )
    people = "resource" in config.entities
    return TrytonConnector(
        client, settings.batch_size, settings.native_merge, settings.company, people
    )


class TrytonConnector:
    def __init__(
        self, client: TrytonClient, batch_size: int = 200, native_merge: bool = True,
        company: str | None = None, people: bool = False,
    ) -> None:  # fmt: skip
        """``people``: resources are synced too (as employees of ``company``), so reading
        customers leaves out the parties of employees and companies."""
        self.client = client
        self.company = company
        self.people = people
        self._company_id: int | None = None
        self.capabilities = Capabilities(
            batch_size=batch_size, conditional_write=True, upsert_by_external_id=True,
            native_merge=native_merge, can_read=True,
        )  # fmt: skip
        self._countries: dict[str, int] = {}

    def close(self) -> None:
        self.client.close()

    def check(self) -> CheckResult:
        uid = self.client.login()
        count = self.client.model(PARTY, "search_count", [], context=ALL)
        return CheckResult(True, f"logged in as user {uid}", {"parties": count})

    def discover(self) -> Sequence[EntityFields]:
        fields = ("name", "tax_id", "email", "phone", "website", *parties.ADDRESS)
        found = [EntityFields("customer", fields, key="party id")]
        if self.people:
            found.append(EntityFields("resource", employees.PERSON, key="party id"))
        return found

    def _staff(self) -> employees.Staff:
        if self._company_id is None:
            self._company_id = employees.company_id(self.client, self.company)
        return employees.Staff(
            self.client, self._company_id, self._upsert_parties, self._retire_parties
        )

    # -- writing -------------------------------------------------------------------------

    def write(self, entity: str, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        if entity == "resource":
            return self._staff().write(batch)
        return self._upsert_parties(batch)

    def _upsert_parties(self, batch: Sequence[OutboundRecord]) -> list[WriteResult]:
        known = self._by_golden_id([r.golden_id for r in batch if r.target_id is None])
        records = [
            r if r.target_id or r.golden_id not in known
            else OutboundRecord(r.golden_id, r.values, str(known[r.golden_id]))
            for r in batch
        ]  # fmt: skip
        existing = self._existing([int(r.target_id) for r in records if r.target_id])
        self._load_countries(records)
        creates = [r for r in records if not r.target_id or int(r.target_id) not in existing]
        updates = [r for r in records if r.target_id and int(r.target_id) in existing]
        results = self._create(creates) + self._update(updates, existing)
        return self._with_versions(results)

    def _create(self, records: Sequence[OutboundRecord]) -> list[WriteResult]:
        tagged = [
            (r, parties.create_values(r.golden_id, r.values, self._countries)) for r in records
        ]
        return self._batched(
            tagged, lambda chunk: self.client.model(PARTY, "create", [v for _, v in chunk]),
            Outcome.CREATED,
        )  # fmt: skip

    def _update(
        self, records: Sequence[OutboundRecord], existing: Mapping[int, parties.Existing]
    ) -> list[WriteResult]:
        tagged = [
            (r, parties.update_values(r.golden_id, r.values, existing[_id(r)], self._countries))
            for r in records
        ]
        return self._batched(tagged, self._write_parties, Outcome.UPDATED)

    def _write_parties(self, chunk: Sequence[Tagged]) -> list[int]:
        """One ``write`` for the chunk, each party with the ``_timestamp`` the hub last saw."""
        args: list[Any] = []
        stamps = {}
        for record, values in chunk:
            args += [[_id(record)], values]
            if record.target_version:
                stamps[f"{PARTY},{_id(record)}"] = record.target_version
        self.client.model(PARTY, "write", *args, context={"_timestamp": stamps})
        return [_id(record) for record, _ in chunk]

    def _batched(
        self, tagged: Sequence[Tagged], send: Callable[[Sequence[Tagged]], list[int]], done: Outcome
    ) -> list[WriteResult]:
        """Send all at once; when Tryton refuses, send each alone to find the bad ones."""
        if not tagged:
            return []
        try:
            ids = send(tagged)
        except TrytonError as exc:
            if len(tagged) > 1:
                return [res for item in tagged for res in self._batched([item], send, done)]
            record = tagged[0][0]
            outcome = Outcome.CONFLICT if exc.stale else Outcome.REJECTED
            return [WriteResult(record.golden_id, outcome, record.target_id, reason=exc.message)]
        return [
            WriteResult(r.golden_id, done, str(i)) for (r, _), i in zip(tagged, ids, strict=True)
        ]

    def _with_versions(self, results: list[WriteResult]) -> list[WriteResult]:
        landed = [int(r.target_id) for r in results if r.outcome.landed and r.target_id]
        if not landed:
            return results
        rows = self.client.model(
            PARTY, "search_read", [["id", "in", landed]], 0, None, None, ["_timestamp"], context=ALL
        )
        stamps = {str(row["id"]): row["_timestamp"] for row in rows}
        return [
            WriteResult(r.golden_id, r.outcome, r.target_id, stamps.get(str(r.target_id)), r.reason)
            if r.outcome.landed else r
            for r in results
        ]  # fmt: skip

    def merge(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        """Merged-away parties replaced by their survivor's (Tryton re-points references);
        a merged-away employee is retired (two employees on one party would remain)."""
        if entity == "resource":
            return self._staff().retire(batch)
        known = self._by_golden_id([d.golden_id for d in batch if d.target_id is None])
        results = []
        for item in batch:
            source = item.target_id or (
                str(known[item.golden_id]) if item.golden_id in known else None
            )
            survivor = item.survivor_target_id
            if source is None or survivor is None or source == survivor:
                results.append(WriteResult(item.golden_id, Outcome.UNCHANGED, source))
                continue
            try:
                replace(self.client, int(source), int(survivor))
                results.append(WriteResult(item.golden_id, Outcome.MERGED, source))
            except TrytonError as exc:
                results.append(
                    WriteResult(item.golden_id, Outcome.REJECTED, source, reason=exc.message)
                )
        return results

    def deactivate(self, entity: str, batch: Sequence[Deactivation]) -> list[WriteResult]:
        if entity == "resource":
            return self._staff().retire(batch)
        return self._retire_parties(batch)

    def _retire_parties(self, batch: Sequence[Deactivation]) -> list[WriteResult]:
        """Every known party made inactive in one ``write`` (each alone when Tryton refuses);
        one Tryton never had is unchanged."""
        known = self._by_golden_id([d.golden_id for d in batch if d.target_id is None])
        results, tagged = [], []
        for item in batch:
            target = item.target_id or (
                str(known[item.golden_id]) if item.golden_id in known else None
            )
            if target is None:
                results.append(WriteResult(item.golden_id, Outcome.UNCHANGED))
            else:
                tagged.append((OutboundRecord(item.golden_id, {}, target), {"active": False}))
        return results + self._batched(tagged, self._write_parties, Outcome.DEACTIVATED)

    # -- look-ups ------------------------------------------------------------------------

    def _by_golden_id(self, golden_ids: Sequence[str]) -> dict[str, int]:
        if not golden_ids:
            return {}
        domain = [["identifiers.code", "in", list(golden_ids)]]
        fields = ["identifiers.code", "identifiers.active"]
        rows = self.client.model(PARTY, "search_read", domain, 0, None, None, fields, context=ALL)
        found: dict[str, int] = {}
        for row in sorted(rows, key=lambda r: r["id"]):
            for ident in row.get("identifiers.", []):
                if ident.get("active", True):  # a replaced party's identifiers are retired
                    found.setdefault(ident["code"], row["id"])
        return {g: found[g] for g in golden_ids if g in found}

    def _existing(self, ids: Sequence[int]) -> dict[int, parties.Existing]:
        if not ids:
            return {}
        rows = self.client.model(
            PARTY, "search_read", [["id", "in", list(ids)]], 0, None, None, parties.READ_FIELDS,
            context=ALL,
        )  # fmt: skip
        return {row["id"]: parties.existing_of(row) for row in rows}

    def _load_countries(self, records: Sequence[OutboundRecord]) -> None:
        codes = {str(r.values.get("country") or "").upper() for r in records} - {""}
        missing = sorted(codes - set(self._countries))
        if not missing:
            return
        rows = self.client.model(
            "country.country", "search_read", [["code", "in", missing]], 0, None, None, ["code"]
        )
        self._countries.update({row["code"]: row["id"] for row in rows})

    # -- reading -------------------------------------------------------------------------

    def read(self, entity: str, state: Mapping[str, Any]) -> ReadResult:
        """Parties (customers) or employees (resources) changed by anyone but the hub since
        the cursor, with the next cursor: the latest write date seen."""
        hub = self.client.user_id if self.client.user_id is not None else self.client.login()
        since = datetime.fromisoformat(state["since"]) if state.get("since") else None
        if entity == "resource":
            records, latest = self._staff().read(since, hub)
        else:
            records, latest = self._read_customers(since, hub)
        return ReadResult(records, {"since": latest.isoformat()} if latest else dict(state))

    def _read_customers(
        self, since: datetime | None, hub: int
    ) -> tuple[list[InboundRecord], datetime | None]:
        """Parties changed since ``since`` (party, address or contact mechanism)."""
        domain = changes.changed_since(since)
        if self.people:
            others = employees.not_customers(self.client)
            domain = [domain, ["id", "not in", others]] if domain else [["id", "not in", others]]
        rows = parties.read(self.client, domain)
        records = []
        for row in rows:
            if changes.changed_by_others(changes.party_parts(row), since, hub):
                golden, values = parties.canonical_of(row)
                stamp, active = row.get("_timestamp"), bool(row["active"])
                records.append(InboundRecord(str(row["id"]), values, golden, stamp, active))
        parts = [part for row in rows for part in changes.party_parts(row)]
        return records, changes.latest(parts, since)


def _id(record: OutboundRecord) -> int:
    return int(str(record.target_id))
