"""Survivorship rules, one by one, and the lineage they leave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mdm.domain.entities import schema_for
from mdm.domain.members import MemberVersion
from mdm.domain.survivorship import survive
from mdm.survivorship.rules import AttributeRule, EntityRules, RulesError, load_rules

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def member(
    n: int,
    system: str,
    kind: str,
    values: dict[str, Any],
    *,
    days: int = 0,
    invalid: dict[str, str] | None = None,
    trust: float = 1.0,
) -> MemberVersion:
    return MemberVersion(
        n, n, system, f"S{n}", T0 + timedelta(days=days), values, invalid or {}, kind, {"*": trust}
    )


def rules(**attrs: AttributeRule) -> EntityRules:
    return EntityRules(attributes=attrs)


def test_source_priority_prefers_the_listed_kind_then_trust() -> None:
    ms = [
        member(1, "acme_crm", "crm", {"tax_id": "A"}, days=5),
        member(2, "acme_erp", "erp", {"tax_id": "B"}),
        member(3, "beta_erp", "erp", {"tax_id": "C"}, days=9, trust=0.5),
    ]
    attrs, lineage = survive(
        ms, rules(tax_id=AttributeRule(rule="source_priority", priority=("erp", "crm")))
    )
    assert attrs["tax_id"] == "B"
    assert (
        lineage["tax_id"]["system"] == "acme_erp" and lineage["tax_id"]["rule"] == "source_priority"
    )
    assert {c["value"] for c in lineage["tax_id"]["competing"]} == {"A", "B", "C"}


def test_most_recent_most_complete_longest_and_most_frequent() -> None:
    ms = [
        member(1, "a", "crm", {"name": "Acme", "phone": "+1", "city": "X", "web": "a.com"}),
        member(2, "b", "crm", {"name": "Acme Holdings", "phone": "+2"}, days=2),
        member(3, "c", "erp", {"name": "Acme", "phone": "+3"}, days=1),
    ]
    assert survive(ms, rules(phone=AttributeRule(rule="most_recent")))[0]["phone"] == "+2"
    assert survive(ms, rules(phone=AttributeRule(rule="most_complete")))[0]["phone"] == "+1"
    assert survive(ms, rules(name=AttributeRule(rule="longest")))[0]["name"] == "Acme Holdings"
    assert survive(ms, rules(name=AttributeRule(rule="most_frequent")))[0]["name"] == "Acme"


def test_most_frequent_tie_is_broken_by_the_stated_rule() -> None:
    ms = [member(1, "crm", "crm", {"name": "A"}, days=3), member(2, "erp", "erp", {"name": "B"})]
    by_priority = AttributeRule(
        rule="most_frequent", tie_breaker="source_priority", priority=("erp",)
    )
    assert survive(ms, rules(name=by_priority))[0]["name"] == "B"
    assert survive(ms, rules(name=AttributeRule(rule="most_frequent")))[0]["name"] == "A"


def test_union_aggregates_skills() -> None:
    ms = [
        member(1, "hr", "hr", {"skills": ["Python", "SQL"]}),
        member(2, "psa", "psa", {"skills": ["sql", "Java"]}),
    ]
    assert survive(ms, rules(skills=AttributeRule(rule="union")))[0]["skills"] == [
        "Java",
        "Python",
        "SQL",
    ]


def test_invalid_values_never_win() -> None:
    ms = [
        member(1, "erp", "erp", {"email": "bad@"}, days=9, invalid={"email": "not valid"}),
        member(2, "crm", "crm", {"email": "ok@acme.com"}),
    ]
    attrs, _ = survive(ms, rules(email=AttributeRule(rule="source_priority", priority=("erp",))))
    assert attrs["email"] == "ok@acme.com"


def test_a_pin_wins_until_removed() -> None:
    ms = [member(1, "a", "crm", {"name": "Acme"}), member(2, "b", "crm", {"name": "ACME"})]
    pins = {"name": {"value": "Acme Corp", "by": "jo", "at": "2026-01-02T00:00:00+00:00"}}
    attrs, lineage = survive(ms, None, pins)
    assert attrs["name"] == "Acme Corp" and lineage["name"]["rule"] == "steward_pin"
    assert survive(ms, None, None)[0]["name"] != "Acme Corp"


def test_the_default_rules_load_and_bad_rules_are_refused(tmp_path: Any) -> None:
    assert load_rules().for_entity("customer").for_attribute("tax_id").priority[0] == "erp"
    bad = tmp_path / "rules.yaml"
    bad.write_text("entities:\n  customer:\n    attributes:\n      shoe_size: {rule: longest}\n")
    with pytest.raises(RulesError, match="shoe_size"):
        load_rules(bad)
    bad.write_text("entities:\n  customer:\n    default: {rule: coin_toss}\n")
    with pytest.raises(RulesError):
        load_rules(bad)


def test_a_rules_file_replaces_the_rules_of_the_entities_it_names_only(tmp_path: Any) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("entities:\n  customer:\n    default: {rule: longest}\n")
    rules = load_rules(path)
    assert rules.for_entity("customer") == EntityRules(default=AttributeRule(rule="longest"))
    assert rules.for_entity("resource") == schema_for("resource").survivorship
    assert rules.for_entity("resource").for_attribute("skills").rule == "union"
    assert load_rules().for_entity("rate_card") == schema_for("rate_card").survivorship


@pytest.mark.parametrize("rule", ["source_priority", "most_recent", "most_frequent", "longest"])
def test_the_order_members_come_in_changes_nothing(rule: str) -> None:
    ms = [
        member(1, "beta_crm", "crm", {"name": "Acme", "skills": ["b", "a"]}, days=2),
        member(2, "acme_erp", "erp", {"name": "ACME Ltd", "skills": ["A"]}),
        member(3, "acme_crm", "crm", {"name": "Acme", "phone": "+1"}, days=1),
    ]
    chosen = rules(
        name=AttributeRule(rule=rule, priority=("erp",)), skills=AttributeRule(rule="union")
    )
    first = survive(ms, chosen)
    assert survive(ms[::-1], chosen) == first == survive([ms[1], ms[2], ms[0]], chosen)
    systems = [c["system"] for c in first[1]["name"]["competing"]]
    assert systems == ["acme_crm", "acme_erp", "beta_crm"]
    assert first[1]["phone"]["rule"] == "most_recent" and first[1]["phone"]["competing"] == [
        {"value": "+1", "system": "acme_crm", "source_id": "S3", "version_id": 3}
    ]
