"""Resources: the people who deliver the work."""

from __future__ import annotations

from mdm.domain.entities.definition import EntitySchema, Field, Reference, Required, Search
from mdm.domain.entities.kinds import COUNTRY, CURRENCY, DATE, EMAIL, LIST, MONEY, PHONE
from mdm.domain.survivorship_rules import AttributeRule, EntityRules, GroupRule

_HR_FIRST = AttributeRule(rule="source_priority", priority=("hr", "psa"))
_NAME = "first/last or full"

RESOURCE = EntitySchema(
    name="resource",
    field_specs=(
        Field("source_id", "the record's key in its own system", "HR-4711"),
        Field("first_name", "given name", "Maria", cased=True),
        Field("last_name", "family name", "Johnson-Wright", cased=True),
        Field("full_name", "the whole name as one string", "Maria Johnson-Wright", cased=True),
        Field("email", "work e-mail address", "maria.johnson@acme.com", EMAIL),
        Field("phone", "work phone number", "+44 7700 900123", PHONE),
        Field("employee_number", "HR employee number", "E-10293"),
        Field("title", "job title", "Senior Consultant", cased=True),
        Field("department", "department or practice", "Data & Analytics", cased=True),
        Field("location_city", "city the person works from", "Manchester", cased=True),
        Field("country", "country name or ISO code; kept as ISO 3166 alpha-2", "GB", COUNTRY),
        Field(
            "hire_date", "date of hire: ISO or a common layout (`15/03/2021`, `15 Mar 2021`, "
            "`Mar 15, 2021`, `15.03.2021`); one that cannot be read is flagged, the row loads",
            "2021-03-15", DATE, rejects=False,
        ),
        Field("skills", "skills separated by `;`", "python;sql;sap", LIST),
        Field(
            "cost_rate", "internal cost per hour, a decimal number; one that cannot be read is "
            "flagged with its cost_currency, the row loads", "85.50", MONEY, rejects=False,
        ),
        Field(
            "cost_currency", "currency of cost_rate, ISO 4217; one that cannot be read is flagged "
            "with its cost_rate, the row loads", "GBP", CURRENCY, rejects=False,
        ),
        Field(
            "manager_source_id", "source_id of the manager in the same system", "HR-0042",
            references=Reference("resource", "manager"),
        ),
    ),
    requirements=(
        Required(
            (("full_name",), ("first_name", "last_name")), "full_name",
            f"a name is required: {_NAME}", _NAME,
        ),
    ),
    read_together=(("cost_rate", "cost_currency"),),
    identifiers=("email", "employee_number"),
    duplicates=(("full_name", "first_name", "last_name"),),
    preset="resource",
    evidence={
        "first_name": ("first_name", "full_name"),
        "middle_name": ("first_name", "full_name"),
        "last_name": ("last_name", "full_name"),
        "email": ("email",),
        "phone": ("phone",),
        "employee_number": ("employee_number",),
        "cost_rate": ("cost_rate",),
        "title": ("title",),
        "department": ("department",),
        "skills": ("skills",),
        "location": ("location_city", "country", "phone"),
        "hire_date": ("hire_date",),
    },
    survivorship=EntityRules(
        default=AttributeRule(rule="most_recent"),
        attributes={
            "email": _HR_FIRST,
            "title": _HR_FIRST,
            "location_city": _HR_FIRST,
            "country": _HR_FIRST,
            "department": _HR_FIRST,
            "employee_number": _HR_FIRST,
            "hire_date": _HR_FIRST,
            "skills": AttributeRule(rule="union"),
        },
        groups={
            "name": GroupRule(
                fields=("first_name", "last_name", "full_name"), rule="source_priority",
                priority=("hr", "psa"),
            ),
            "cost": GroupRule(
                fields=("cost_rate", "cost_currency"), rule="source_priority",
                priority=("erp", "hr", "psa"),
            ),
        },
    ),
    search=Search(
        names=(("full_name",), ("first_name", "last_name")),
        place=(("location_city",), ("country",)),
        key=("employee_number",),
    ),
    bulk_patterns=("same_email",),
)  # fmt: skip
