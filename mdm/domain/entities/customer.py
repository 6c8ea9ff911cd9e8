"""Customers: the client organisations the firm works for."""

from __future__ import annotations

from mdm.domain.entities.definition import EntitySchema, Field, Reference, Required, Search
from mdm.domain.entities.kinds import (
    COUNTRY,
    CURRENCY,
    DUNS,
    EMAIL,
    PHONE,
    POSTCODE,
    TAX_ID,
    WEBSITE,
)
from mdm.domain.survivorship_rules import AttributeRule, EntityRules, GroupRule

_ERP_FIRST = ("erp", "crm")
_CRM_FIRST = ("crm", "erp")

CUSTOMER = EntitySchema(
    name="customer",
    field_specs=(
        Field("source_id", "the record's key in its own system", "CRM-000123"),
        Field("name", "the name people use for the organisation", "Acme Consulting", cased=True),
        Field("legal_name", "the registered name, with its legal form", "Acme Consulting Ltd", cased=True),
        Field("tax_id", "VAT or other tax number, country prefix welcome", "GB885310515", TAX_ID),
        Field("duns", "Dun & Bradstreet number, 9 digits", "150483782", DUNS, label="DUNS"),
        Field("website", "web address; kept as its registrable domain", "https://www.acme.co.uk", WEBSITE),
        Field("email", "general contact e-mail address", "accounts@acme.co.uk", EMAIL),
        Field("phone", "main phone number, national or international", "+44 20 7946 0958", PHONE),
        Field("address_line1", "street and number", "12 High Street", cased=True, label="address line 1"),
        Field("address_line2", "building, floor, suite", "Floor 3", cased=True, label="address line 2"),
        Field("city", "city or town", "London", cased=True),
        Field("region", "state, county or province", "Greater London", cased=True),
        Field("postal_code", "postcode or ZIP", "EC1A 1BB", POSTCODE),
        Field("country", "country name or ISO code; kept as ISO 3166 alpha-2", "GB", COUNTRY),
        Field("industry", "the customer's industry", "Financial services", cased=True),
        Field(
            "currency", "billing currency, ISO 4217; one that cannot be read is flagged, the row "
            "loads", "GBP", CURRENCY, rejects=False,
        ),
        Field(
            "parent_source_id", "source_id of the parent customer in the same system", "CRM-000001",
            references=Reference("customer", "parent"),
        ),
    ),
    requirements=(Required.one_of("name", "legal_name"),),
    identifiers=("tax_id", "duns"),
    duplicates=(("website",), ("name", "country")),
    preset="customer",
    evidence={
        "name": ("name", "legal_name"),
        "name_words": ("name", "legal_name"),
        "tax_id": ("tax_id",),
        "duns": ("duns",),
        "domain": ("website", "email"),
        "phone": ("phone",),
        "address": ("address_line1", "postal_code", "city"),
        "country": ("country", "phone", "tax_id"),
        "legal_form": ("name", "legal_name"),
    },
    survivorship=EntityRules(
        default=AttributeRule(rule="most_recent"),
        attributes={
            "name": AttributeRule(rule="most_frequent", tie_breaker="source_priority", priority=_CRM_FIRST),
            "legal_name": AttributeRule(rule="source_priority", priority=_ERP_FIRST),
            "tax_id": AttributeRule(rule="source_priority", priority=_ERP_FIRST),
            "duns": AttributeRule(rule="source_priority", priority=_ERP_FIRST),
            "currency": AttributeRule(rule="source_priority", priority=_ERP_FIRST),
            "website": AttributeRule(rule="source_priority", priority=_CRM_FIRST),
            "industry": AttributeRule(rule="source_priority", priority=_CRM_FIRST),
            "email": AttributeRule(rule="most_recent"),
            "phone": AttributeRule(rule="most_complete"),
        },
        groups={
            "address": GroupRule(
                fields=("address_line1", "address_line2", "city", "region", "postal_code", "country"),
                rule="source_priority", priority=_ERP_FIRST,
            ),
        },
    ),
    search=Search(
        names=(("name",), ("legal_name",)),
        place=(("city", "region"), ("country",)),
        key=("tax_id", "duns"),
    ),
    bulk_patterns=("same_tax_id", "legal_form_only", "same_email"),
)  # fmt: skip
