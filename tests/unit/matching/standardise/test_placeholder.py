"""Placeholders: a value typed where a field was required and nobody knew it is read as
missing, wholly or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from matching.standardise.placeholder import (
    VOCABULARY_FILE,
    is_placeholder,
    read_placeholders,
)


@pytest.mark.parametrize(
    "value",
    ["Unknown", "UNKNOWN", "unknown.", "N/A", "n.a.", "N / A", "None", "NULL", "TBD", "XXX",
     "Test", "No Name", "Noname", "Not known", "Not Provided", "Don't know", "Dont Know",
     "Refused", "-", "?", "Last Name", "LastName", "Firstname", "First Name",
     "Unbekannt", "inconnu", "Desconocido", "sconosciuto", "Onbekend", "Non renseigné",
     # a run of them, as a full name or a template mailbox is written
     "Unknown Unknown", "First Name Last Name", "firstname.lastname", "no.email"],
)  # fmt: skip
def test_a_placeholder_is_one_wholly(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value",
    # names holding a placeholder's letters or words; "Na" and "Nil" are names people bear
    # (Li Na), "N. B." and "K. A." initials; "Noname Ltd" is a name someone registered
    ["Nathan", "Testa", "Nunez", "Noname Ltd", "Unknown Mortal Orchestra", "Test Smith",
     "Na", "NA", "Nil", "Blank", "N. B.", "K. A.", "X", "Xu", "Nonez", "Jo", "Smith Unknown"],
)  # fmt: skip
def test_a_name_holding_a_placeholder_is_a_name(value: str) -> None:
    assert not is_placeholder(value)


def test_the_vocabulary_is_read_folded(tmp_path: Path) -> None:
    extended = tmp_path / "placeholders.csv"
    extended.write_text("placeholder,language\n# a comment\nSin Datos,es\nNon renseigné,fr\n")
    assert read_placeholders(extended) == {"sin datos", "non renseigne"}
    assert {"n a", "dont know", "okand"} <= read_placeholders(VOCABULARY_FILE)


def test_a_vocabulary_without_its_column_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "placeholders.csv"
    wrong.write_text("value\nunknown\n", encoding="utf-8")
    with pytest.raises(ValueError, match="placeholder"):
        read_placeholders(wrong)
