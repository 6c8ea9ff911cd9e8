"""`GET /v1/{entity}/fields`: the canonical fields a record may carry, their meaning, an example."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from mdm.api.access import GOVERNED_RESPONSES, governed
from mdm.domain.field_guide import fields_of, nearest_field

router = APIRouter(
    prefix="/v1",
    tags=["fields"],
    dependencies=governed("read"),
    responses=GOVERNED_RESPONSES,
)


class FieldDescription(BaseModel):
    name: str
    meaning: str
    example: str
    required: str
    kind: str = Field(
        description="What the value is read as: text, country, email, phone, website, "
        "currency, date, money, rate_unit, list (`;`-separated), tax_id, duns, postcode."
    )
    references: str | None = Field(
        default=None,
        description="The entity whose record this field names, by its key in the same system "
        "(the golden record gives it as a golden id, under `references`).",
    )


class FieldList(BaseModel):
    entity: str
    fields: list[FieldDescription]


@router.get("/{entity}/fields", response_model=FieldList)
def list_fields(entity: str) -> FieldList:
    """Every canonical field of ``entity`` (customer, resource, rate_card), in order."""
    docs = fields_of(entity)
    return FieldList(
        entity=entity,
        fields=[
            FieldDescription(
                name=d.name,
                meaning=d.meaning,
                example=d.example,
                required=d.required,
                kind=d.kind,
                references=d.references,
            )
            for d in docs
        ],
    )


def unknown_field_reason(entity: str, field: str) -> str:
    """Why ``field`` is refused, with the nearest canonical field and where the list is."""
    nearest = nearest_field(entity, field)
    hint = f"; did you mean {nearest}?" if nearest else ""
    return f"not a canonical field{hint} (GET /v1/{entity}/fields lists them)"
