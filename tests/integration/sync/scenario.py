"""The customers of the syndication tests: a CRM and an ERP extract, and a third (the ERP's
corrected records) that makes two pairs of golden records merge."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import text

from connectors.config import SystemConfig, parse_config
from connectors.tryton.parties import is_golden_code
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import delivery_status
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime
from mdm.sync.connections import connect
from mdm.sync.service import utc_now
from tests.tryton_server import Tryton

HEADER = "source_id,name,tax_id,website,phone,address_line1,city,postal_code,country\n"
CRM = (
    "A1,Northwind Logistics Ltd,GB123456789,northwind.co.uk,020 7946 0001,1 High Street,London,EC1A 1BB,GB\n"
    "A2,Brightwater Capital GmbH,DE136695976,brightwater.de,030 1234567,Hauptstr. 5,Berlin,10115,DE\n"
    "A3,Kestrel Analytics Inc,,kestrel.io,+1 212 555 0100,5 Main St,New York,10001,US\n"
    "A4,Harbour Lights Hotels,,harbourlights.com,+44 131 496 0000,9 Shore Rd,Edinburgh,EH6 6QW,GB\n"
)
ERP = (
    "E1,Northwind Logistics Limited,GB123456789,,+44 20 7946 0001,1 High St,London,EC1A1BB,GB\n"
    "E3,Quillfeather Media SARL,,quillfeather.fr,01 23 45 67 89,3 Rue de Rivoli,Paris,75001,FR\n"
    "E4,Kestrel Analytics,,,,,Boston,,US\n"
    "E5,Harbour Lights,,,,,,,GB\n"
)
ERP_CORRECTED = (
    "E4,Kestrel Analytics Inc,,kestrel.io,+1 212 555 0100,5 Main Street,New York,10001,US\n"
    "E5,Harbour Lights Hotels Ltd,,harbourlights.com,+44 131 496 0000,9 Shore Road,Edinburgh,EH6 6QW,GB\n"
)
# e-mail is left out: Tryton checks an address's domain in DNS, and these machines are offline
FIELDS = ["name", "tax_id", "phone", "website", "address_line1", "city", "postal_code", "country"]


def ingest(hub: Runtime, system: str, rows: str, match: bool = True, header: str = HEADER) -> None:
    with hub.unit_of_work() as uow:
        extract = parse_extract(f"{system}.csv", (header + rows).encode())
        ingest_extract(uow, extract, system=system, entity="customer")
    if match:
        with hub.unit_of_work() as uow:
            resolve_pending(uow, "customer")


def tryton_config(server: Tryton, **extra: Any) -> dict[str, Any]:
    fields = {name: name for name in FIELDS}
    return {"connector": "tryton", **server.connector_settings(), "entities": ["customer"],
            "fields": fields, **extra}  # fmt: skip


def connect_system(hub: Runtime, name: str, raw: Mapping[str, Any]) -> SystemConfig:
    """Connect ``name`` with its configuration (as ``mdm source register --config`` does)."""
    config = parse_config(name, raw)
    with hub.unit_of_work() as uow:
        connect(uow, name, config, utc_now())
    return config


def connect_tryton(hub: Runtime, server: Tryton, name: str = "erp_tryton", **extra: Any) -> None:
    connect_system(hub, name, tryton_config(server, **extra))


def status_of(hub: Runtime, system: str) -> delivery_status.SystemStatus:
    """The delivery log's figures for ``system`` (one subscribed entity)."""
    with hub.unit_of_work() as uow:
        [row] = delivery_status.status(uow.session, system)
    return row


def golden_customers(hub: Runtime) -> dict[str, tuple[str, str]]:
    """golden id -> (status, name) of every golden customer."""
    with hub.unit_of_work() as uow:
        rows = uow.session.execute(
            text(
                "SELECT id::text, status, attributes->>'name' FROM golden_record WHERE entity = 'customer'"
            )
        ).all()
    return {g: (status, name) for g, status, name in rows}


def parties_by_golden(server: Tryton) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for party in server.admin().parties("identifiers.active"):
        for ident in party["identifiers."]:  # a replaced party's identifiers are retired
            if is_golden_code(ident["code"]) and ident["active"]:
                found.setdefault(ident["code"], []).append(party)
    return found


# Resources: an HR system and a PSA; the PSA's corrected records make two pairs merge.
PEOPLE_HEADER = "source_id,first_name,last_name,email,phone,location_city,country,hire_date\n"
HR = (
    "H1,Maria,Johnson-Wright,maria.johnson@northwind.example,+44 161 496 0123,Manchester,GB,2021-03-15\n"
    "H2,Tomasz,Kowalski,tomasz.kowalski@northwind.example,+48 601 234 567,Krakow,PL,2019-11-04\n"
    "H3,Aisha,Okafor,aisha.okafor@northwind.example,+44 20 7946 0456,London,GB,2022-06-01\n"
    "H4,Lukas,Schneider,lukas.schneider@northwind.example,+49 151 2345 6789,Berlin,DE,2020-01-20\n"
)
PSA = (
    "P1,Maria,Johnson-Wright,maria.johnson@northwind.example,+44 161 496 0123,Manchester,GB,\n"
    "P2,Priya,Raman,priya.raman@northwind.example,+44 113 496 0789,Leeds,GB,2023-02-13\n"
    "P3,A.,Okafor,,,Lagos,NG,\n"
    "P4,L.,Schneider,,,Munich,DE,\n"
)
PSA_CORRECTED = (
    "P3,Aisha,Okafor,aisha.okafor@northwind.example,+44 20 7946 0456,London,GB,2022-06-01\n"
    "P4,Lukas,Schneider,lukas.schneider@northwind.example,+49 151 2345 6789,Berlin,DE,2020-01-20\n"
)
# e-mail is left out, as for customers: Tryton checks its domain in DNS
PEOPLE_FIELDS = ["first_name", "last_name", "full_name", "phone", "location_city", "country",
                 "hire_date"]  # fmt: skip


def ingest_people(hub: Runtime, system: str, rows: str) -> None:
    with hub.unit_of_work() as uow:
        extract = parse_extract(f"{system}.csv", (PEOPLE_HEADER + rows).encode())
        ingest_extract(uow, extract, system=system, entity="resource")
    with hub.unit_of_work() as uow:
        resolve_pending(uow, "resource")


def golden_people(hub: Runtime) -> dict[str, tuple[str, dict[str, Any]]]:
    """golden id -> (status, attributes) of every golden resource."""
    with hub.unit_of_work() as uow:
        rows = uow.session.execute(
            text("SELECT id::text, status, attributes FROM golden_record WHERE entity = 'resource'")
        ).all()
    return {g: (status, attributes) for g, status, attributes in rows}
