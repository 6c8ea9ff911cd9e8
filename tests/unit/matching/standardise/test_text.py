import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.text import (
    fold,
    fold_name,
    join_single_letters,
    repair_mojibake,
    transliterate_german,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Müller", "muller"),
        ("  Hello,   World!  ", "hello world"),
        ("Straße", "strasse"),
        ("Æsir Øresund", "aesir oresund"),
        ("O'Brien", "obrien"),
        ("Int’l", "intl"),
        ("Łódź", "lodz"),
        ("Crème Brûlée", "creme brulee"),
        ("ﬁsh", "fish"),
        ("A-B_C/D", "a b c d"),
        ("Room 101", "room 101"),
        ("", ""),
    ],
)
def test_fold(value: str, expected: str) -> None:
    assert fold(value) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Müller", "Mueller"),
        ("Müller", "Muller"),
        ("Jürgen", "Juergen"),
        ("Schröder", "Schroeder"),
        ("Göthe", "Goethe"),
        ("Bäcker", "Baecker"),
        ("Straße", "Strasse"),
    ],
)
def test_fold_name_makes_german_spellings_agree(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize("value", ["Doe", "Joey", "Bauer", "Queen", "Poe", "Raoul"])
def test_fold_name_leaves_vowel_pairs_not_between_consonants(value: str) -> None:
    assert fold_name(value) == fold(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Müller", "Mueller"), ("Größe", "Groesse"), ("ÄÖÜ", "AeOeUe"), ("Paris", "Paris")],
)
def test_transliterate_german(value: str, expected: str) -> None:
    assert transliterate_german(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("acme b v", "acme bv"), ("j p morgan", "jp morgan"), ("s a r l", "sarl"), ("a", "a"),
     ("a and b", "a and b"), ("p o box 12", "po box 12")],
)  # fmt: skip
def test_join_single_letters(value: str, expected: str) -> None:
    assert join_single_letters(value) == expected


@given(st.text(max_size=40))
def test_fold_is_idempotent(value: str) -> None:
    once = fold(value)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once


@given(st.text(max_size=40))
def test_fold_name_is_idempotent(value: str) -> None:
    once = fold_name(value)
    assert fold_name(once) == once


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_as_text_that_needs_decomposing(value: str) -> None:
    """Plain ASCII takes a shorter way through ``fold``: the same words as when a word that
    needs decomposing (``é``) sits beside it and the whole takes the longer way."""
    assert fold(value + " \u00e9") == " ".join([*fold(value).split(), "e"])


@pytest.mark.parametrize(
    ("misread", "written"),
    [
        ("MÃ¶lndal", "Mölndal"),  # UTF-8 read as Latin-1 or Windows-1252
        ("PrÃ©vost", "Prévost"),
        ("Ã„lvsjÃ¶", "Älvsjö"),  # Windows-1252's „ for the byte 84
        ("VÃ¤sterÃ¥s", "Västerås"),
    ],
)
def test_text_whose_utf8_was_read_a_byte_a_character_folds_as_written(
    misread: str, written: str
) -> None:
    assert repair_mojibake(misread) == written
    assert fold(misread) == fold(written)


@pytest.mark.parametrize("value", ["São Paulo", "Ångström", "Ãx", "Mölndal", "Ã©\udcff"])
def test_text_as_written_is_left_as_it_is(value: str) -> None:
    assert repair_mojibake(value) == value
