import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.title import standardise_level, standardise_title


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sr. Consultant", "Senior Consultant"),
        ("Jr Developer", "Junior Developer"),
        ("Snr. Mgr", "Senior Manager"),
        ("Dir, Sales", "Director Sales"),
        ("VP Sales & Marketing", "Vice President, Sales and Marketing"),
        ("Sr. Software Eng.", "Senior Software Engineer"),
        ("Assoc. Cons.", "Associate Consultant"),
        ("Mng Dir", "Managing Director"),
        ("Principal Dev", "Principal Developer"),
        ("Eng Manager", "Engineering Manager"),
        ("Proj. Mgr.", "Project Manager"),
    ],
)
def test_titles_agree(a: str, b: str) -> None:
    assert standardise_title(a) == standardise_title(b)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Sr. Mgr", "senior manager"),
        ("VP", "vice president"),
        ("Eng Manager", "engineering manager"),
        ("Software Eng", "software engineer"),
        ("", ""),
    ],
)
def test_standardise_title(value: str, expected: str) -> None:
    assert standardise_title(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("L3", "3"), ("Level 3", "3"), ("level-3", "3"), ("lvl 03", "3"), ("III", "3"),
        ("Grade III", "3"), ("3", "3"), ("IV", "4"), ("ix", "9"), ("XIV", "14"),
        ("G2", "2"), ("Band 10", "10"), ("Sr", "senior"), ("Senior", "senior"),
        ("Jr.", "junior"), ("Intermediate", "mid"), ("Principal", "principal"),
        ("L", "l"), ("", ""),
        ("Stufe 2", "2"), ("Ebene 3", "3"), ("Niveau 3", "3"), ("Échelon 2", "2"),
        ("Nivel 1", "1"), ("Nível 2", "2"), ("Grado 4", "4"), ("Grau 2", "2"),
        ("Livello 2", "2"), ("Trede 3", "3"), ("Schaal 10", "10"), ("Niv. 2", "2"),
        ("Stufe", "stufe"), ("Niveau", "niveau"),
    ],
)  # fmt: skip
def test_standardise_level(value: str, expected: str) -> None:
    assert standardise_level(value) == expected


@given(st.text(max_size=30))
def test_title_is_idempotent(value: str) -> None:
    once = standardise_title(value)
    assert standardise_title(once) == once


@given(st.text(max_size=12))
def test_level_is_idempotent(value: str) -> None:
    once = standardise_level(value)
    assert standardise_level(once) == once
