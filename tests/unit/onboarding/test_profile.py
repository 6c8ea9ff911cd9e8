"""The profile of an extract, judged by the ingest's own checks."""

from __future__ import annotations

from mdm.ingest.mapping import FieldMapping
from mdm.ingest.reader import parse_extract
from mdm.onboarding.profile import profile_extract
from mdm.onboarding.report_html import profile_html

BODY = (
    "Account ID,Account Name,VAT,Email,Currency,Owner\n"
    "A1,Alder Ltd,GB976717957,info@alder.co.uk,GBP,Dana\n"
    "A2,Birch GmbH,DE487211601,not-an-address,EUR,Dana\n"
    "A3,,DE487211601,,EUR,Tom\n"  # no name: rejected
    "A4,Cedar SAS,gb 976 717 957,hello@cedar.fr,DUCATS,Tom\n"  # unknown currency: flagged
    "A5,Dune B.V.,GB976717957,,EUR,Tom\n"
    "A5,Dune BV,,,EUR,Tom\n"  # A5 twice: both rejected
)
MAPPING = FieldMapping(
    {"Account ID": "source_id", "Account Name": "name", "VAT": "tax_id", "Email": "email",
     "Currency": "currency"},
    frozenset({"Owner"}),
)  # fmt: skip


def _profile():  # type: ignore[no-untyped-def]
    return profile_extract(parse_extract("beta.csv", BODY.encode()), "customer", MAPPING)


def test_completeness_validity_and_values_per_field() -> None:
    found = _profile()
    assert (found.rows, found.accepted, found.rejected) == (6, 3, 3)
    fields = {f.field: f for f in found.fields}
    assert list(fields) == ["source_id", "name", "tax_id", "email", "currency"]
    assert fields["name"].filled == 5 and fields["name"].completeness == round(5 / 6, 4)
    assert fields["email"].filled == 3 and fields["email"].invalid == 1
    assert dict(fields["email"].problems) == {"not a valid e-mail address": 1}
    assert fields["currency"].invalid == 1 and fields["currency"].validity == round(5 / 6, 4)
    assert dict(fields["currency"].problems) == {"unknown currency": 1}
    assert fields["currency"].top[0] == ("EUR", 4) and fields["currency"].distinct == 3
    assert fields["source_id"].distinct == 5 and fields["source_id"].invalid == 2
    assert found.unmapped == ("Owner",)


def test_rows_sharing_an_identifier_are_reported_as_likely_duplicates() -> None:
    found = _profile()
    # GB976717957 is on A1 and A4 (accepted, A4's currency flagged) and on A5 (rejected)
    assert [(d.key, d.lines) for d in found.duplicates] == [(("tax_id",), (2, 5))]
    body = BODY.replace("DUCATS", "GBP").replace("A5,Dune BV", "A6,Dune BV")
    found = profile_extract(parse_extract("beta.csv", body.encode()), "customer", MAPPING)
    groups = {(d.key, d.lines) for d in found.duplicates}
    assert (("tax_id",), (2, 5, 6)) in groups  # GB976717957 written three ways
    assert found.duplicate_rows >= 3


def test_people_named_alike_in_either_form_are_reported_as_likely_duplicates() -> None:
    """A person's name is one part of the key: a full name, or a first and a last name."""
    body = (
        "source_id,first_name,last_name,full_name\n"
        "P1,,,Ann Lee\nP2,,,ANN LEE\nP3,Bo,Quist,\nP4,bo,quist,\nP5,Bo,Other,\n"
    )
    found = profile_extract(parse_extract("hr.csv", body.encode()), "resource", FieldMapping())
    groups = {
        d.lines for d in found.duplicates if d.key == ("full_name", "first_name", "last_name")
    }
    assert groups == {(2, 3), (4, 5)}


def test_the_html_report_escapes_values_and_shows_every_field() -> None:
    body = BODY.replace("Alder Ltd", "<script>x</script>")
    page = profile_html(profile_extract(parse_extract("b.csv", body.encode()), "customer", MAPPING))
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert all(f"<td>{name}</td>" in page for name in ("source_id", "tax_id", "currency"))


def test_the_profile_reads_slash_dates_as_the_ingest_does_and_says_how() -> None:
    body = (
        "source_id,full_name,hire_date\n"
        "P1,Ann Lee,31/01/2024\nP2,Bo Quist,03/04/2024\nP3,Cy Dahl,not yet\nP4,Di Ek,\n"
    )
    found = profile_extract(parse_extract("hr.csv", body.encode()), "resource", FieldMapping())
    assert (found.accepted, found.rejected) == (4, 0)  # the unreadable hire date is flagged
    hired = next(f for f in found.fields if f.field == "hire_date")
    assert (hired.filled, hired.invalid, dict(hired.problems)) == (3, 1, {"not a date": 1})
    assert found.notes == (
        "hire_date: slash dates read day/month, as 1 can only be and none is only the other "
        "way; the ambiguous ones (1, like 03/04/2024) too",
    )
    assert found.to_dict()["dates"] == [
        {"field": "hire_date", "column": "hire_date", "read": "day/month", "only_day_month": 1,
         "only_month_day": 0, "ambiguous": 1},
    ]  # fmt: skip
    assert "like 03/04/2024" in profile_html(found)


def test_the_profile_says_when_a_date_column_shows_no_order() -> None:
    body = "source_id,full_name,Hired\nP1,Ann Lee,03/04/2024\nP2,Bo Quist,05/06/2024\n"
    mapping = FieldMapping({"Hired": "hire_date"})
    found = profile_extract(parse_extract("hr.csv", body.encode()), "resource", mapping)
    (note,) = found.notes
    assert note.startswith("hire_date (Hired): no slash date shows whether")
    assert found.to_dict()["dates"][0]["read"] == "month/day (no evidence)"


def test_the_profile_says_a_windows_1252_file_was_read_as_such_before_its_dates() -> None:
    body = "source_id,full_name,hire_date\nP1,Zoë Müller,31/01/2024\nP2,Bo Quist,03/04/2024\n"
    extract = parse_extract("hr.csv", body.encode("cp1252"))
    found = profile_extract(extract, "resource", FieldMapping())
    assert found.accepted == 2
    names = next(f for f in found.fields if f.field == "full_name")
    assert names.top[0] == ("Zoë Müller", 1)
    encoding, dates = found.notes
    assert encoding.startswith("the file is read as Windows-1252") and "byte 0xeb" in encoding
    assert dates.startswith("hire_date: slash dates read day/month")
    assert found.to_dict()["notes"] == [encoding, dates]
    assert "read as Windows-1252" in profile_html(found)
