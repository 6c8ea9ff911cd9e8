"""Coupled fields survive as one block: no golden address is assembled from several records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mdm.domain.members import MemberVersion
from mdm.domain.survivorship import survive
from mdm.survivorship.rules import EntityRules, GroupRule, load_rules

T0 = datetime(2026, 1, 1, tzinfo=UTC)
ADDRESS = ("address_line1", "address_line2", "city", "region", "postal_code", "country")
VALUES = {
    "address_line1": ["1 Rue de Metz", "12 High St", "Kungsgatan 4"],
    "address_line2": ["Floor 3", "Bât. B"],
    "city": ["Toulouse", "Nantes", "Stockholm", "Göteborg"],
    "region": ["Occitanie", "Pays de la Loire", "Västra Götaland"],
    "postal_code": ["31000", "44000", "111 43"],
    "country": ["FR", "SE", "GB"],
}


@st.composite
def members(draw: st.DrawFn) -> list[MemberVersion]:
    found = []
    for n in range(draw(st.integers(1, 6))):
        values: dict[str, Any] = {"name": draw(st.sampled_from(["Acme", "ACME SA"]))}
        for field in ADDRESS:
            if draw(st.booleans()):
                values[field] = draw(st.sampled_from(VALUES[field]))
        flagged = draw(st.lists(st.sampled_from(ADDRESS), max_size=2))
        invalid = {f: "unknown" for f in flagged if f in values}
        kind = draw(st.sampled_from(["crm", "erp", "other"]))
        trust = {"*": draw(st.sampled_from([0.0, 0.7, 1.0]))}
        when = T0 + timedelta(days=draw(st.integers(0, 3)))
        system = f"{kind}{draw(st.integers(0, 2))}"
        found.append(
            MemberVersion(n + 1, n + 1, system, f"S{n}", when, values, invalid, kind, trust)
        )
    return found


RULES = st.sampled_from(
    ["source_priority", "most_recent", "most_complete", "most_frequent", "longest"]
)


@settings(max_examples=300, deadline=None)
@given(members(), RULES, st.booleans())
def test_every_golden_address_field_comes_from_one_source_record_version(
    ms: list[MemberVersion], rule: str, shipped: bool
) -> None:
    entity_rules = (
        load_rules().for_entity("customer")
        if shipped
        else EntityRules(
            groups={"address": GroupRule(rule=rule, fields=ADDRESS, priority=("erp",))}
        )  # type: ignore[arg-type]
    )
    attributes, lineage = survive(ms, entity_rules)
    versions = {lineage[f]["version_id"] for f in ADDRESS if f in attributes}
    assert len(versions) <= 1
    if versions:
        (winner,) = [m for m in ms if m.version_id in versions]
        for field in ADDRESS:
            expected = None if field in winner.invalid else winner.values.get(field)
            assert attributes.get(field) == expected
            if field in attributes:
                assert lineage[field]["group"] == "address"
    else:
        assert all(all(f in m.invalid or f not in m.values for f in ADDRESS) for m in ms)


def t(days: int) -> datetime:
    return T0 + timedelta(days=days)


def test_the_mixed_address_of_the_issue_cannot_happen() -> None:
    """ERP has street, postcode, region of Toulouse but no city; the CRM says Nantes."""
    erp = MemberVersion(
        1, 1, "acme_erp", "E1", t(0),
        {"address_line1": "1 Rue de Metz", "postal_code": "31000", "region": "Occitanie"}, {}, "erp",
    )  # fmt: skip
    crm = MemberVersion(
        2, 2, "acme_crm", "C1", t(1), {"city": "Nantes", "country": "FR"}, {}, "crm"
    )
    attributes, lineage = survive([erp, crm], load_rules().for_entity("customer"))
    assert "city" not in attributes and "country" not in attributes
    assert attributes["postal_code"] == "31000"
    assert lineage["postal_code"]["rule"] == "source_priority"
    assert lineage["postal_code"]["version_id"] == lineage["region"]["version_id"] == 1


def test_a_clean_block_wins_over_one_with_a_flagged_value() -> None:
    erp = MemberVersion(
        1, 1, "erp", "E", t(0), {"city": "Lyon", "country": "XX"}, {"country": "unknown"}, "erp"
    )
    crm = MemberVersion(2, 2, "crm", "C", t(0), {"city": "Paris", "country": "FR"}, {}, "crm")
    attributes, _ = survive([erp, crm], load_rules().for_entity("customer"))
    assert (attributes["city"], attributes["country"]) == ("Paris", "FR")


def test_a_rate_and_its_currency_survive_together() -> None:
    erp = MemberVersion(1, 1, "erp", "E", t(0), {"cost_rate": "90", "full_name": "A B"}, {}, "erp")
    hr = MemberVersion(
        2, 2, "hr", "H", t(2), {"cost_currency": "EUR", "full_name": "A B"}, {}, "hr"
    )
    attributes, _ = survive([erp, hr], load_rules().for_entity("resource"))
    assert attributes["cost_rate"] == "90" and "cost_currency" not in attributes


def test_groups_are_declared_with_the_rules_and_checked() -> None:
    customer = load_rules().for_entity("customer")
    assert customer.groups["address"].fields == ADDRESS
    with pytest.raises(ValidationError, match="two groups"):
        EntityRules(
            groups={
                "a": GroupRule(rule="most_recent", fields=("city",)),
                "b": GroupRule(rule="most_recent", fields=("city",)),
            }
        )
    with pytest.raises(ValidationError, match="union"):
        GroupRule(rule="union", fields=("city",))
