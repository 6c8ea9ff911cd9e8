"""The resource preset reads the given name a person's mailbox spells: one system holds a
preferred name or a nickname (``Jack Zhu``, lei.zhu@) where another holds the name the mailbox
was made from (``Lei Zhu``)."""

from __future__ import annotations

import pytest

from matching import Matcher
from matching.presets.resource import resource_settings
from tests.unit.matching.preset_levels import preset_level

SETTINGS = resource_settings()


def _record(first: str, last: str, email: str = "") -> dict[str, object]:
    return {"first_name": first, "last_name": last, "email": email}


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        # a preferred name against the name the mailbox spells, whichever way the firm
        # writes the mailbox, and whatever firm's domain it is at: a name, not an identifier
        (("Jack", "Zhu", "lei.zhu@acme.com"), ("Lei", "Zhu"), "named_by_mailbox"),
        (("Jack", "Zhu", "zhu.lei@acme.com"), ("Lei", "Zhu"), "named_by_mailbox"),
        (("Jack", "Zhu", "lei.zhu@gmail.com"), ("Lei", "Zhu", "jack.zhu@beta.com"), "named_by_mailbox"),
        (("Gabi", "Müller", "ingrid.mueller@acme.de"), ("Ingrid", "Muller"), "named_by_mailbox"),
        # names that agree weigh as they do, the mailbox counting nothing again
        (("Lei", "Zhu", "lei.zhu@acme.com"), ("Lei", "Zhu"), "exact"),
        (("Jack", "Zhu", "jack.zhu@acme.com"), ("Lei", "Zhu"), "else"),
        # a mailbox spelling another surname is no name of the record's own person
        (("Jack", "Zhu", "lei.wang@acme.com"), ("Lei", "Zhu"), "else"),
        # names alike are weighed as alike, the mailbox counting nothing again
        (("Leii", "Zhu", "lei.zhu@acme.com"), ("Lei", "Zhu"), "jaro_winkler_0.92"),
        # an initial says too little against a given name that differs
        (("Jack", "Zhu", "lzhu@beta.com"), ("Lei", "Zhu"), "else"),
        # a numbered mailbox (the firm's third Lei Zhu) names no one in particular
        (("Jack", "Zhu", "lei.zhu3@acme.com"), ("Lei", "Zhu"), "else"),
    ],
)  # fmt: skip
def test_a_mailbox_spelling_the_other_first_name_is_a_first_name_level(
    left: tuple[str, ...], right: tuple[str, ...], level: str
) -> None:
    assert preset_level(SETTINGS, "first_name", _record(*left), _record(*right)) == level
    assert preset_level(SETTINGS, "first_name", _record(*right), _record(*left)) == level


def _paired(left: dict[str, object], right: dict[str, object]) -> bool:
    matcher = Matcher(SETTINGS)
    prepared = matcher.prepare([{"id": "a", **left}, {"id": "b", **right}])
    return len(matcher.candidate_pairs(prepared)) > 0


@pytest.mark.parametrize(
    ("mailbox", "paired"),
    [
        ("lei.zhu@acme.com", True),
        ("lzhu@beta.com", True),
        ("jack.zhu@acme.com", False),
        ("", False),
    ],
)
def test_a_preferred_name_and_the_mailbox_name_are_a_candidate_pair(
    mailbox: str, paired: bool
) -> None:
    assert _paired(_record("Jack", "Zhu", mailbox), _record("Lei", "Zhu")) is paired


def test_the_mailbox_name_weighs_at_most_as_names_alike() -> None:
    """No term frequency weighs the first name the mailbox spells, nor the full name: the
    level stands last among the agreements and weighs at most as the one before it."""
    first = next(c for c in SETTINGS.comparisons if c.name == "first_name")
    level = first.levels[first.labels.index("named_by_mailbox")]
    assert first.labels[first.labels.index("named_by_mailbox") - 1] == "jaro_winkler_0.8"
    assert level.capped_by_the_level_before() and level.beside_the_order()


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        # a role's or a team's mailbox is no person's: two people sharing it share nothing
        ("info@acme.com", "info@acme.com", "null"),
        ("hr-team@acme.com", "hr-team@acme.com", "null"),
        ("no-reply@acme.com", "noreply@beta.com", "null"),
        ("Kontakt@acme.de", "kontakt@acme.de", "null"),
        # nor does it say which of the firm's mailboxes is the person's own
        ("info@acme.com", "lei.zhu@acme.com", "null"),
        # a person's mailbox holding a role's word is still the person's
        ("it.smith@acme.com", "it.smith@acme.com", "same_address"),
        ("lei.zhu@acme.com", "lei.zhu@acme.com", "same_address"),
        ("lei.zhu@acme.com", "jack.wang@acme.com", "other_mailbox_same_domain"),
    ],
)
def test_a_role_mailbox_is_read_as_no_mailbox_of_the_person(
    left: str, right: str, level: str
) -> None:
    assert preset_level(SETTINGS, "email", {"email": left}, {"email": right}) == level
