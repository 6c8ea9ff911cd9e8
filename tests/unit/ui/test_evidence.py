"""The review screen's evidence rows: one per attribute, comparisons placed, differences marked."""

from __future__ import annotations

from mdm.domain.entities import CUSTOMER, RESOURCE
from stewardship_ui.evidence import differs, evidence_rows, level_label, unknown_on_both_sides

FIELDS = ("source_id", "name", "tax_id", "website", "email", "city", "postal_code", "country")
EXPLANATION = {
    "prior_weight": -10.0,
    "total_weight": 2.5,
    "comparisons": [
        {"comparison": "name", "level": "exact", "weight": 9.1},
        {"comparison": "domain", "level": "else", "weight": -2.0},
        {"comparison": "city", "level": "else", "weight": -3.0},
        {"comparison": "postcode", "level": "null", "weight": 0.0},
        {"comparison": "tax_id", "level": "null", "weight": 0.0},
    ],
}
LEFT = {
    "source_id": "A1",
    "name": "Acme Ltd",
    "website": "acme.com",
    "city": "Leeds",
    "country": "GB",
}
RIGHT = {
    "source_id": "B1",
    "name": "ACME LTD",
    "website": "acme.io",
    "city": "York",
    "country": "gb",
}


def test_values_differ_only_when_both_are_known_and_not_the_same() -> None:
    assert differs("Leeds", "York")
    assert not differs("ACME ltd ", "acme LTD")
    assert not differs("Leeds", None) and not differs("", "York")
    assert not differs(["a", "b"], ["B", "a"])


def test_rows_follow_the_canonical_order_and_skip_the_source_id() -> None:
    rows = evidence_rows(FIELDS, LEFT, RIGHT, EXPLANATION, CUSTOMER.evidence)
    names = [r.attribute for r in rows]
    assert names[:4] == ["name", "website", "city", "country"]
    assert "source_id" not in names


def test_each_comparison_sits_on_the_row_of_what_it_compared() -> None:
    rows = {
        r.attribute: r for r in evidence_rows(FIELDS, LEFT, RIGHT, EXPLANATION, CUSTOMER.evidence)
    }
    assert [c.comparison for c in rows["name"].comparisons] == ["name"]
    assert [c.comparison for c in rows["website"].comparisons] == ["domain"]
    assert rows["city"].differs and rows["city"].comparisons[0].weight == -3.0
    assert not rows["name"].differs and not rows["country"].differs
    assert rows["(postcode)"].left is None and rows["(tax_id)"].comparisons[0].level == "null"


def test_comparisons_with_nothing_to_compare_are_listed_apart() -> None:
    kept, idle = unknown_on_both_sides(
        evidence_rows(FIELDS, LEFT, RIGHT, EXPLANATION, CUSTOMER.evidence)
    )
    assert idle == ["postcode", "tax_id"]
    assert all(not r.attribute.startswith("(") for r in kept)


def test_values_written_differently_that_compare_the_same_are_not_flagged() -> None:
    left = {"name": "Acme Ltd", "city": "Leeds"}
    right = {"name": "Acme Limited", "city": "York"}
    rows = {
        r.attribute: r for r in evidence_rows(FIELDS, left, right, EXPLANATION, CUSTOMER.evidence)
    }
    assert rows["name"].differs is False  # the name comparison says exact
    assert rows["city"].differs is True


def test_a_blank_row_with_a_null_comparison_is_not_shown_whatever_its_weight() -> None:
    explanation = {"comparisons": [{"comparison": "phone", "level": "null", "weight": 0.3}]}
    kept, idle = unknown_on_both_sides(
        evidence_rows(FIELDS, LEFT, RIGHT, explanation, CUSTOMER.evidence)
    )
    assert idle == ["phone"] and all(r.attribute != "(phone)" for r in kept)


def test_levels_read_as_words() -> None:
    assert [level_label(x) for x in ("null", "else", "exact", "one_edit", "same_city", "none")] == [
        "not compared: unknown on one side",
        "different",
        "same",
        "one edit",
        "same city",
        "no other record of either system bears the name",
    ]


def test_the_address_comparison_sits_on_the_first_part_of_the_address_a_record_holds() -> None:
    explanation = {"comparisons": [{"comparison": "address", "level": "same_city", "weight": 1.2}]}
    left, right = {"city": "Leeds", "country": "GB"}, {"city": "LEEDS", "country": "GB"}
    rows = {
        r.attribute: r for r in evidence_rows(FIELDS, left, right, explanation, CUSTOMER.evidence)
    }
    assert [c.comparison for c in rows["city"].comparisons] == ["address"]
    assert "(address)" not in rows
    street = {**left, "address_line1": "1 Main St"}
    fields = (*FIELDS, "address_line1")
    rows = {
        r.attribute: r for r in evidence_rows(fields, street, right, explanation, CUSTOMER.evidence)
    }
    assert [c.comparison for c in rows["address_line1"].comparisons] == ["address"]


def test_a_resource_location_sits_on_the_city_and_a_first_name_on_a_full_name() -> None:
    explanation = {
        "comparisons": [
            {"comparison": "location", "level": "same_city", "weight": 1.0},
            {"comparison": "first_name", "level": "exact", "weight": 4.0},
        ]
    }
    left = {"full_name": "Ann Lee", "location_city": "Leeds"}
    right = {"full_name": "Ann Lee", "location_city": "Leeds"}
    fields = RESOURCE.fields
    rows = {
        r.attribute: r for r in evidence_rows(fields, left, right, explanation, RESOURCE.evidence)
    }
    assert [c.comparison for c in rows["location_city"].comparisons] == ["location"]
    assert [c.comparison for c in rows["full_name"].comparisons] == ["first_name"]
    assert not any(name.startswith("(") for name in rows)
