"""The acquirer's golden records, made through the real ingest and matching."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from mdm.ingest.reader import ParsedExtract, parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import systems
from mdm.resolve.service import resolve_pending
from mdm.synthetic import GeneratorConfig, generate
from mdm.synthetic.model import Extract
from mdm.unit_of_work import UnitOfWork


def as_csv(extract: Extract) -> ParsedExtract:
    lines = [",".join(extract.header)]
    lines += [",".join(_cell(row[c]) for c in extract.header) for row in extract.rows]
    return parse_extract(f"{extract.system}.csv", ("\n".join(lines) + "\n").encode())


def _cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


@pytest.fixture
def acquirer(session: Session, uow: UnitOfWork) -> dict[str, ParsedExtract]:
    """The acquirer's CRM and ERP customers loaded and matched; the acquired CRM's extract."""
    dataset = generate(GeneratorConfig(seed=15, customers=400, resources=5, rate_lines=5))
    extracts = {e.system: as_csv(e) for e in dataset.extracts if e.entity == "customer"}
    for system in ("acme_crm", "acme_erp"):
        ingest_extract(uow, extracts[system], system=system, entity="customer")
    resolve_pending(uow, "customer")
    systems.register(session, "beta_crm", kind="crm", acquired=True, trust=None)
    return extracts
