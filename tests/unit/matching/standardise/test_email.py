import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.standardise.email import (
    is_free_mail,
    is_role_mailbox,
    local_part_given,
    normalise_email,
    split_email,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("John.Smith@Acme.COM", "john.smith@acme.com"),
        ("  a@b.co  ", "a@b.co"),
        ("mailto:X@Y.org", "x@y.org"),
        ("first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk"),
        ("Jürgen@Müller.de", "jürgen@müller.de"),
    ],
)
def test_valid_addresses_are_lowercased(value: str, expected: str) -> None:
    assert normalise_email(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "bad", "a@b", "a@@b.com", "a b@c.com", "@acme.com", "john@", "john@acme..com",
     "john..smith@acme.com", "john@-acme.com", "john@acme.com."],
)  # fmt: skip
def test_invalid_addresses_are_none(value: str) -> None:
    assert normalise_email(value) is None


@pytest.mark.parametrize(
    ("addr", "expected"),
    [
        ("john@acme.com", ("john", "acme.com")),
        ('"a@b"@acme.com', ('"a@b"', "acme.com")),
        ("no-at-sign", ("no-at-sign", "")),
    ],
)
def test_split_email(addr: str, expected: tuple[str, str]) -> None:
    assert split_email(addr) == expected


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("gmail.com", True),
        ("GMAIL.COM", True),
        ("yahoo.co.uk", True),
        ("hotmail.de", True),
        ("outlook.com", True),
        ("live.com", True),
        ("aol.com", True),
        ("icloud.com", True),
        ("gmx.de", True),
        ("web.de", True),
        ("protonmail.com", True),
        ("yandex.ru", True),
        ("mail.ru", True),
        ("qq.com", True),
        ("163.com", True),
        ("eu.mail.yahoo.co.uk", True),
        ("acme.com", False),
        ("gmail.acme.com", False),
        ("co.uk", False),
        ("", False),
    ],
)
def test_is_free_mail(domain: str, expected: bool) -> None:
    assert is_free_mail(domain) is expected


@given(st.emails())
def test_normalise_is_idempotent(addr: str) -> None:
    once = normalise_email(addr)
    if once is not None:
        assert normalise_email(once) == once
        assert once == once.lower()


@pytest.mark.parametrize(
    ("local", "given"),
    [
        ("lei.zhu", "lei"),
        ("zhu.lei", "lei"),
        ("lei.m.zhu", "lei"),
        ("lei_zhu", "lei"),
        ("lei.zhu+travel", "lei"),
        ("lzhu", "l"),
        ("l.zhu", "l"),
        ("fatima.al-sayed", "fatima"),
        ("jürgen.zhu", "jurgen"),
        # no surname beside a given name: nothing to tell the given name by
        ("info", None),
        ("zhu", None),
        ("lei.wang", None),
        # a number: the firm's second or third of the name, no one in particular
        ("lei.zhu2", None),
        ("lzhu3", None),
    ],
)
def test_the_given_name_a_local_part_spells_beside_the_surname(
    local: str, given: str | None
) -> None:
    assert local_part_given(local, ["zhu", "alsayed"]) == given


@pytest.mark.parametrize(
    ("local", "role"),
    [
        ("info", True), ("INFO", True), ("hr.team", True), ("sales-2", True),
        ("no-reply", True), ("do_not_reply", True), ("büro", True), ("kontakt", True),
        ("info.lei", False), ("lei.zhu", False), ("it.smith", False), ("lei", False),
        ("jzhu", False), ("", False),
    ],
)  # fmt: skip
def test_a_role_mailbox_is_one_whose_every_word_names_a_role_or_a_team(
    local: str, role: bool
) -> None:
    assert is_role_mailbox(local) is role
