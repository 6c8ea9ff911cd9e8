import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.person import PersonName, standardise_person


def full(value: str) -> PersonName:
    return standardise_person(None, None, value)


@pytest.mark.parametrize(
    ("value", "first", "middle", "last"),
    [
        ("Smith, John A.", "john", ("a",), "smith"),
        ("John A. Smith", "john", ("a",), "smith"),
        ("J. R. Smith", "j", ("r",), "smith"),
        ("J.R. Smith", "j", ("r",), "smith"),
        ("Dr. John Smith", "john", (), "smith"),
        ("Mrs Jane Smith", "jane", (), "smith"),
        ("John Smith, Jr.", "john", (), "smith"),
        ("John Smith III", "john", (), "smith"),
        ("Prof. Dr. Jane Doe PhD", "jane", (), "doe"),
        ("Jane Doe, Ph.D.", "jane", (), "doe"),
        ("Smith, Dr. John", "john", (), "smith"),
        ("Robert (Bob) Smith", "robert", (), "smith"),
        ("Ludwig van Beethoven", "ludwig", (), "van beethoven"),
        ("Ludwig van der Berg", "ludwig", (), "van der berg"),
        ("Maria de la Cruz", "maria", (), "de la cruz"),
        ("Mary Smith-Jones", "mary", (), "smith-jones"),
        ("Jean-Pierre Dupont", "jean-pierre", (), "dupont"),
        ("Van Morrison", "van", (), "morrison"),
        ("Madonna", "", (), "madonna"),
        # the surname first in capitals, the given name in mixed case
        ("THOMPSON Pamela", "pamela", (), "thompson"),
        ("MÜLLER Jürgen", "jurgen", (), "muller"),
        ("SMITH-JONES Anna Maria", "anna", ("maria",), "smith-jones"),
        ("O BRIEN Natalie", "natalie", (), "o brien"),
        # all in capitals, or capitals of two letters (initials): read as before
        ("JOHN SMITH", "john", (), "smith"),
        ("John SMITH", "john", (), "smith"),
        ("WU Li", "wu", (), "li"),
        ("", "", (), ""),
    ],
)
def test_parse_full_name(value: str, first: str, middle: tuple[str, ...], last: str) -> None:
    name = full(value)
    assert (name.first, name.middle, name.last) == (first, middle, last)


def test_smith_john_a_fields() -> None:
    assert full("Smith, John A.") == PersonName(
        first="john",
        middle=("a",),
        last="smith",
        first_canonical="john",
        initials="ja",
        last_parts=("smith",),
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((None, None, "Jürgen Müller"), (None, None, "Juergen Mueller")),
        ((None, None, "Jürgen Müller"), ("Jürgen", "Müller", None)),
        (("Juergen", "Mueller", None), ("JURGEN", "MULLER", None)),
        ((None, None, "Müller, Jürgen"), (None, None, "Juergen Mueller")),
        ((None, None, "José García"), (None, None, "Jose Garcia")),
        ((None, None, "Straßer, Hans"), (None, None, "Hans Strasser")),
    ],
)
def test_spellings_agree(
    a: tuple[str | None, str | None, str | None], b: tuple[str | None, str | None, str | None]
) -> None:
    assert standardise_person(*a) == standardise_person(*b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bob Smith", "Robert Smith"), ("Liz Taylor", "Elizabeth Taylor"),
     ("Bill Gates", "William Gates"), ("Kate Smith", "Katherine Smith"),
     ("Hans Meier", "Johannes Meier")],
)  # fmt: skip
def test_nicknames_share_first_canonical(a: str, b: str) -> None:
    assert full(a).first_canonical == full(b).first_canonical
    assert full(a).first != full(b).first


@pytest.mark.parametrize(
    ("args", "last", "last_parts"),
    [
        (("Mary", "Smith-Jones", None), "smith-jones", ("smith", "jones")),
        (("Ludwig", "van der Berg", None), "van der berg", ("berg",)),
        (("Ann", "O'Brien", None), "obrien", ("obrien",)),
        ((None, None, "Smith, Jr."), "smith", ("smith",)),
    ],
)
def test_last_parts(
    args: tuple[str | None, str | None, str | None], last: str, last_parts: tuple[str, ...]
) -> None:
    name = standardise_person(*args)
    assert (name.last, name.last_parts) == (last, last_parts)


@pytest.mark.parametrize(
    ("args", "first", "last"),
    [
        (("John", None, "John Smith"), "john", "smith"),  # full used when last is missing
        ((None, "Smith", None), "", "smith"),
        (("John Paul", "Jones", "ignored"), "john", "jones"),
        ((None, None, None), "", ""),
    ],
)
def test_parts_take_precedence_over_full(
    args: tuple[str | None, str | None, str | None], first: str, last: str
) -> None:
    name = standardise_person(*args)
    assert (name.first, name.last) == (first, last)


@pytest.mark.parametrize(
    ("first", "given"),
    [
        # a salutation where the given name was not known is no given name
        ("Mrs", ""), ("Dr.", ""), ("Mr. Mrs.", ""), ("Frau", ""),
        # beside a given name it is dropped, as in a full name
        ("Dr John", "john"), ("Mrs. Jane", "jane"),
        # a suffix that people bear as a given name stays one
        ("Junior", "junior"),
    ],
)  # fmt: skip
def test_a_first_name_field_of_salutations_only_holds_no_given_name(first: str, given: str) -> None:
    name = standardise_person(first, "Smith", None)
    assert (name.first, name.initials, name.last) == (given, given[:1], "smith")


def test_initials_are_given_name_initials() -> None:
    assert full("John Ronald Reuel Tolkien").initials == "jrr"


@given(st.text(max_size=20), st.text(max_size=20))
def test_restandardising_parts_is_idempotent(first: str, last: str) -> None:
    once = standardise_person(first, last, None)
    again = standardise_person(" ".join([once.first, *once.middle]), once.last, None)
    assert again.last == once.last
    assert again.first == once.first


def test_a_name_whose_utf8_was_read_a_byte_a_character_is_the_name_as_written() -> None:
    # the misread letter's second character (¼, ¶) is no letter: read before the name is
    # split into words, not after
    assert standardise_person("JÃ¼rgen", "SchrÃ¶der", None) == standardise_person(
        "Jürgen", "Schröder", None
    )
