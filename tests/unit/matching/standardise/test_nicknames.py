import pytest

from matching.standardise.nicknames import (
    NICKNAMES,
    are_nickname_variants,
    canonical_given_name,
    fold_given_name,
)


def test_table_size_and_shape() -> None:
    assert len(NICKNAMES) >= 150
    for nickname, formals in NICKNAMES.items():
        assert nickname == nickname.lower() and nickname.isascii()
        assert formals and all(f == f.lower() for f in formals)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bob", "robert"), ("Rob", "robert"), ("Robbie", "robert"), ("Bobby", "robert"),
        ("ROBERT", "robert"), ("Liz", "elizabeth"), ("Beth", "elizabeth"),
        ("Betty", "elizabeth"), ("Eliza", "elizabeth"), ("Lizzie", "elizabeth"),
        ("Bill", "william"), ("Will", "william"), ("Billy", "william"), ("Liam", "william"),
        ("Kate", "katherine"), ("Katie", "katherine"), ("Kathy", "katherine"),
        ("Cathy", "katherine"), ("Catherine", "katherine"), ("Jim", "james"),
        ("Jimmy", "james"), ("Mike", "michael"), ("Dick", "richard"), ("Rick", "richard"),
        ("Peggy", "margaret"), ("Maggie", "margaret"), ("Hans", "johannes"),
        ("Sepp", "josef"), ("Paco", "francisco"), ("Pepe", "jose"), ("José", "jose"),
        ("Alex", "alexander"), ("Zebedee", "zebedee"), ("Jürgen", "jurgen"),
        ("Juergen", "jurgen"), ("Michael", "michael"), ("Samuel", "samuel"),
    ],
)  # fmt: skip
def test_canonical_given_name(name: str, expected: str) -> None:
    assert canonical_given_name(name) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Bob", "Robert", True), ("Bob", "Rob", True), ("Robert", "Bob", True),
        ("Ted", "Theodore", True), ("Ted", "Edward", True), ("Edward", "Theodore", False),
        ("Alex", "Alexandra", True), ("Alex", "Alexander", True),
        ("Alexander", "Alexandra", False), ("Jürgen", "Juergen", True),
        ("John", "James", False), ("Bob", "", False), ("", "", False),
        ("Michel", "Mike", True), ("Michel", "Michael", True), ("Michelle", "Michael", False),
    ],
)  # fmt: skip
def test_are_nickname_variants(a: str, b: str, expected: bool) -> None:
    assert are_nickname_variants(a, b) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Jean-Pierre", "jean-pierre"), ("Hans-Jürgen", "hans-jurgen"), ("Michael", "michael"),
     ("Juergen", "jurgen")],
)  # fmt: skip
def test_fold_given_name(value: str, expected: str) -> None:
    assert fold_given_name(value) == expected


@pytest.mark.parametrize(("a", "b"), [("Hans", "Jens"), ("Jörg", "Georg"), ("Jens", "Johannes")])
def test_names_of_their_own_are_no_nicknames(a: str, b: str) -> None:
    """Jens and Jörg come from Johannes and Georg but are names of their own: a Jens is not
    written Hans, nor a Jörg Georg, in another system (in RLdata10000 a Hans and a Jens, two
    people, were linked as nicknames of one name)."""
    assert not are_nickname_variants(a, b)


def test_hans_stays_short_for_johannes() -> None:
    assert are_nickname_variants("Hans", "Johannes")
