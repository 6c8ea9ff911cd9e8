"""The matrix's cells of names cut by fixed-width fields, of a source holding names and a
website only, and of names with a trailing word naming a group or an office."""

from __future__ import annotations

import pandas as pd

from tests.bench.generated_data import EntityData
from tests.bench.matrix_data import name_and_website, truncated
from tests.bench.matrix_trailing_words import trailing_words


def _people(count: int) -> EntityData:
    records = tuple(
        {"id": str(n), "source": "hr", "source_id": str(n), "first_name": "Christopher",
         "last_name": "Kleinschmidt", "full_name": "Kleinschmidt, Christopher",
         "email": "c.kleinschmidt@acme.com"}
        for n in range(count)
    )  # fmt: skip
    return EntityData("resource", records, pd.Series({str(n): n for n in range(count)}), ("hr",))


def test_truncated_cuts_every_name_of_the_share_asked_at_its_fields_width() -> None:
    data = _people(200)
    cut = truncated(data, 0.3)
    changed = [new for old, new in zip(data.records, cut.records, strict=True) if old != new]
    assert 40 <= len(changed) <= 80
    for record in changed:  # mid-word, no dot; the full name on a 20-character line
        assert (record["first_name"], record["last_name"]) == ("Christop", "Kleinsch")
        assert record["full_name"] == "Kleinschmidt, Christ"
        assert record["email"] == "c.kleinschmidt@acme.com"
    assert truncated(data, 0.3) == cut  # seeded


def test_truncated_leaves_names_that_fit_and_drops_the_space_a_cut_leaves() -> None:
    records = (
        {"id": "a", "source": "erp", "name": "Acme Widget Factory Holdings", "legal_name": None},
        {"id": "b", "source": "erp", "name": "Frosthill Telecommunications GmbH",
         "legal_name": "Frosthill Telecommunications GmbH"},
        {"id": "c", "source": "erp", "name": "Bones", "legal_name": "Bones Restaurant LLC"},
    )  # fmt: skip
    data = EntityData("customer", records, pd.Series({"a": 1, "b": 2, "c": 3}), ("erp",))
    cut = truncated(data, 1.0).records
    assert [(r["name"], r["legal_name"]) for r in cut] == [
        ("Acme Widget Factory", None),
        ("Frosthill Telecommun", "Frosthill Telecommun"),
        ("Bones", "Bones Restaurant LLC"),
    ]
    people = _people(3)
    short = tuple({**r, "first_name": "Ann", "last_name": "Bauer", "full_name": None}
                  for r in people.records)  # fmt: skip
    assert truncated(EntityData("resource", short, people.truth, ("hr",)), 1.0).records == short


def test_name_and_website_leaves_the_first_source_its_names_and_website_only() -> None:
    def customer(key: str, source: str) -> dict[str, str | None]:
        return {"id": key, "source": source, "source_id": key, "name": "Acme",
                "legal_name": "Acme Ltd", "website": "acme.com", "postal_code": "N1 9GU",
                "phone": "+442071234567", "tax_id": "GB123456789"}  # fmt: skip

    records = (customer("a", "crm"), customer("b", "erp"))
    data = EntityData("customer", records, pd.Series({"a": 1, "b": 1}), ("crm", "erp"))
    thinned = name_and_website(data).records
    assert thinned[0] == {
        "id": "a", "source": "crm", "source_id": "a", "name": "Acme", "legal_name": "Acme Ltd",
        "website": "acme.com", "postal_code": None, "phone": None, "tax_id": None,
    }  # fmt: skip
    assert thinned[1] == records[1]
    people = _people(2)
    assert name_and_website(people) is people  # people hold no website


def test_trailing_words_name_a_group_before_the_legal_form_or_a_site_after_it() -> None:
    names = ["Harlow Dynamics Ltd", "Harlow Dynamics S.r.l.", "Quenby Group", "Quenby"] * 50
    records = tuple(
        {"id": str(n), "source": "erp", "name": name, "city": "Leeds", "country": "GB"}
        for n, name in enumerate(names)
    )
    data = EntityData("customer", records, pd.Series({str(n): n for n in range(200)}), ("erp",))
    cell = trailing_words(data, 0.3)
    changed = [(old["name"], new["name"]) for old, new in zip(records, cell.records, strict=True)
               if old != new]  # fmt: skip
    assert 40 <= len(changed) <= 80
    assert cell == trailing_words(data, 0.3)  # seeded
    endings = {new[len(old) :] for old, new in changed if new.startswith(old)}
    assert endings <= {" HQ", " Office", " - Leeds Office", " (GB Branch)", ", Leeds branch",
                       " Group", " Holdings"}  # fmt: skip
    inserted = {new for old, new in changed if not new.startswith(old)}
    assert inserted <= {"Harlow Dynamics Group Ltd", "Harlow Dynamics Holdings Ltd",
                        "Harlow Dynamics Group S.r.l.", "Harlow Dynamics Holdings S.r.l."}  # fmt: skip
    assert not any(new.endswith(("Group", "Holdings")) for old, new in changed if "Harlow" in old)
    assert ("Quenby Group", "Quenby Group Group") not in changed
    people = _people(2)
    assert trailing_words(people, 1.0) is people
