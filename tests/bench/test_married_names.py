"""The matrix's married-names cell and what a person could decide of a renamed person."""

from __future__ import annotations

import pandas as pd

from tests.bench.generated_data import EntityData
from tests.bench.matrix_data import married_names
from tests.bench.matrix_decidable import decidable_pairs


def _people(count: int) -> EntityData:
    """``count`` people in an HR system and a PSA system; every tenth also twice in the HR
    system alone."""
    records: list[dict[str, str | None]] = []
    truth: dict[str, int] = {}
    for n in range(count):
        last = f"Name{n}"
        held = [("hr", f"h{n}"), ("psa", f"p{n}")] if n % 10 else [("hr", f"h{n}"), ("hr", f"x{n}")]
        for source, key in held:
            full = f"{last}, Ann" if source == "psa" else None
            records.append(
                {"id": key, "source": source, "source_id": key, "first_name": "Ann",
                 "last_name": last, "full_name": full, "email": f"ann.{n}@acme.com"}
            )  # fmt: skip
            truth[key] = n
    return EntityData("resource", tuple(records), pd.Series(truth), ("hr", "psa"))


def test_married_names_renames_the_later_records_of_the_share_asked() -> None:
    data = _people(200)
    renamed = married_names(data, 0.1)
    changed = [
        (old, new) for old, new in zip(data.records, renamed.records, strict=True) if old != new
    ]
    # 10% of the 200 people: in the later system where two hold them, else the later record
    assert len(changed) == 20
    assert all(new["id"][0] in "px" for _, new in changed)
    for old, new in changed:
        assert new["last_name"] != old["last_name"]
        assert str(new["last_name"]).startswith("Name")  # another person's, from the data
        assert {k: v for k, v in new.items() if k not in ("last_name", "full_name")} == {
            k: v for k, v in old.items() if k not in ("last_name", "full_name")
        }
        if old["full_name"]:
            assert new["full_name"] == f"{new['last_name']}, Ann"
    assert married_names(data, 0.1) == renamed  # seeded


def test_married_names_leave_customers_as_they_are() -> None:
    records = ({"id": "a", "source": "crm", "name": "Acme"},)
    data = EntityData("customer", records, pd.Series({"a": 1}), ("crm",))
    assert married_names(data, 0.5) is data


def test_a_renamed_person_is_decidable_by_an_identifier_or_two_deciding_fields() -> None:
    def person(key: str, last: str, **fields: str) -> dict[str, str | None]:
        return {"id": key, "source": "hr", "first_name": "Ann", "last_name": last, **fields}

    records = (
        person("a", "Bauer", hire_date="1980-01-02"),
        person("b", "Kleinschmidt", hire_date="1980-01-02"),  # a first name and one date
        person("c", "Bauer", hire_date="1980-01-02", location_city="Ulm"),
        person("d", "Kleinschmidt", hire_date="1980-01-02", location_city="Ulm"),
        person("e", "Bauer", phone="+49731"),
        person("f", "Kleinschmidt", phone="+49731"),
        person("g", "Bauer", hire_date="1980-01-02"),
        person("h", "Baur", hire_date="1980-01-02"),  # a slip: one name written two ways
        person("i", "Bauer", hire_date="1980-01-02"),
        person("j", "Ann", first_name="Bauer", hire_date="1980-01-02"),  # names exchanged
    )
    truth = pd.Series({r["id"]: n // 2 for n, r in enumerate(records)})
    data = EntityData("resource", records, truth, ("hr",))
    assert sorted(decidable_pairs(data)) == [("c", "d"), ("e", "f"), ("g", "h"), ("i", "j")]
