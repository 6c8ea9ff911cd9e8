import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.phonetic import name_phonetic


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Smith", "Smyth"),
        ("Meyer", "Maier"),
        ("Mayer", "Meier"),
        ("Müller", "Mueller"),
        ("Schmidt", "Schmitt"),
        ("Catherine", "Kathryn"),
        ("Jon", "John"),
    ],
)
def test_sound_alikes_share_a_code(a: str, b: str) -> None:
    assert name_phonetic(a) == name_phonetic(b) != ""


@pytest.mark.parametrize(("a", "b"), [("Smith", "Jones"), ("Miller", "Mercer")])
def test_different_names_differ(a: str, b: str) -> None:
    assert name_phonetic(a) != name_phonetic(b)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Smith-Jones", "SM0 JNS"), ("", ""), ("123", ""), ("Smith", "SM0")],
)
def test_name_phonetic(value: str, expected: str) -> None:
    assert name_phonetic(value) == expected


@given(st.text(max_size=20))
def test_code_is_uppercase_ascii(value: str) -> None:
    code = name_phonetic(value)
    assert code == code.upper() and code.isascii()
