"""The resource preset's blocking rules: which pairs of people are compared at all, each rule a
way two records of one person still share a key after the slips, gaps and exchanges records
show (``matching.presets.resource``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from matching.blocking import BlockingRule
from matching.presets.resource_features import FEATURES


@dataclass(frozen=True)
class WithStartOf:
    """A blocking key of one name whole and the first ``letters`` of another (none when either
    is missing or the other is shorter than that)."""

    letters: int

    def __call__(self, values: tuple[object, ...]) -> list[str]:
        whole, part = values
        if not whole or not isinstance(part, str) or len(part) < self.letters:
            return []
        return [f"{whole}|{part[: self.letters]}"]


COPIES = 1000
"""The most copies of one record the ``same_record`` key pairs (about half a million pairs):
more are a fault of the load, not one person's records."""


def _whole_record(values: tuple[object, ...]) -> list[str]:
    """One key of every feature's value: only copies of one record (equal in everything
    compared) share it; none for a record holding nothing."""
    if all(value is None for value in values):
        return []
    return ["\x1f".join("" if value is None else str(value) for value in values)]


def _first_initials(*names: object) -> list[str]:
    """The initial of each of ``names``, each once: the first name's as written and as its
    canonical form (``Hans``: h, and j of ``johannes``), as a slip that hides the nickname
    (``Hns``) leaves the written one."""
    known = (name for name in names if isinstance(name, str) and name)
    return list(dict.fromkeys(name[0] for name in known))


def _last_first_initial(values: tuple[object, ...]) -> list[str]:
    """The last name with each initial of the first name (``_first_initials``) and of the
    given name the mailbox spells (``zhu|l`` of ``Jack Zhu``, lei.zhu@, as of ``Lei Zhu``)."""
    last, written, canonical, mailbox = values
    return [f"{last}|{initial}" for initial in _first_initials(written, canonical, mailbox) if last]


def _last_one_deleted(values: tuple[object, ...]) -> list[str]:
    """The first name with the last name and with it less each one of its letters
    (``bauer``: bauer, auer, buer, baer, baur, baue): two last names one slip apart (a letter
    changed, dropped, added or two exchanged) share one of these, a short one whose slip
    dropped a letter (``Wolf``, ``Wof``) too. A name of fewer than four letters is only
    whole: its letters' pairs are what many names share."""
    first, last = values
    if not (first and isinstance(last, str) and last):
        return []
    return [f"{first}|{name}" for name in (_one_deleted(last) if len(last) >= 4 else (last,))]


@lru_cache(maxsize=65536)
def _one_deleted(last: str) -> tuple[str, ...]:
    """The last name and it less each one of its letters, each once: made once per name (the
    two rules on a name one slip apart ask it of every record holding the name)."""
    return tuple(dict.fromkeys([last, *(f"{last[:i]}{last[i + 1 :]}" for i in range(len(last)))]))


def _initial_last_near(values: tuple[object, ...]) -> list[str]:
    """Each initial of the first name (``_first_initials``) with the last name and with the
    last name less each one of its letters: a slip in each name (or a first name cut to its
    initial and a slip in the last) keeps the initial, and two last names one slip apart
    share one of these."""
    written, canonical, last = values
    if not (isinstance(last, str) and len(last) >= 4):
        return []
    near = _one_deleted(last)
    return [f"{initial}|{name}" for initial in _first_initials(written, canonical) for name in near]


def month_and_day_either_way(date: object) -> object:
    """A date's key read with its month and day in either order: ``YYYY-MM-DD`` with the two
    sorted (``1987-28-03``, written with the day first, and ``1987-03-28`` alike), so a
    date whose month and day were exchanged (``matching.levels_numeric.MonthDaySwapped``)
    keeps its keys. A date of another layout (a slip left it unread) is its own key."""
    return _either_way(date) if isinstance(date, str) else date


@lru_cache(maxsize=65536)
def _either_way(date: str) -> str:
    """``month_and_day_either_way`` of a text, made once per date (four rules ask it of
    every record, and many records share a date)."""
    if not (len(date) == 10 and date[4] == "-" and date[7] == "-"):
        return date
    first, second = sorted((date[5:7], date[8:10]))
    return f"{date[:4]}-{first}-{second}"


def _date_with(values: tuple[object, ...]) -> list[str]:
    """The date (month and day either way round) with a name; none when either is missing."""
    date, name = values
    if not date or not name:
        return []
    return [f"{month_and_day_either_way(date)}|{name}"]


def _date_initial(values: tuple[object, ...]) -> list[str]:
    """The date (month and day either way round) with each first letter of the first name
    (``_first_initials``), whether or not a last name is held (none when the date or the
    first name is missing)."""
    date, written, canonical = values
    if not date:
        return []
    return [
        f"{month_and_day_either_way(date)}|{initial}"
        for initial in _first_initials(written, canonical)
    ]


def _date_either_name(values: tuple[object, ...]) -> list[str]:
    """The date (month and day either way round) with the first name and with the last name's
    first word, one key space for both: a pair whose names were exchanged between the fields
    shares one of these."""
    date, first, last = values
    if not date:
        return []
    return [
        f"{month_and_day_either_way(date)}|{name}" for name in dict.fromkeys((first, last)) if name
    ]


def _names_either_way(values: tuple[object, ...]) -> list[str]:
    """The first name with the last name, and the last name's first word with the given names
    whole, one key space for both: ``John Q / Smith`` gives ``john|smith`` first, and
    ``Smith / John Quincy`` second, as does any record whose names were exchanged."""
    first, last, head, given = values
    keys = (f"{a}|{b}" for a, b in ((first, last), (head, given)) if a and b)
    return list(dict.fromkeys(keys))


BLOCKING_RULES = (
    # copies of one record pair however common their name is: a person named on hundreds of
    # records (an inventor on each patent, a contractor on each engagement) holds more records
    # than a name key may, and was otherwise never paired at all; copies are one value, not a
    # common one. Not trained on: copies would teach m that everything always agrees
    BlockingRule(
        "same_record",
        tuple(feature.name for feature in FEATURES),
        _whole_record,
        trains=False,
        max_block_size=COPIES,
        beyond_entity_limit=True,
    ),
    BlockingRule("email", ("email",)),
    BlockingRule("email_local", ("email_local",)),
    BlockingRule("phone", ("phone",)),
    BlockingRule("employee_number", ("employee_number",)),
    # pairs on a name train m of the other comparisons (names are left out of that session);
    # a given name the mailbox spells pairs a preferred name or nickname with the name
    BlockingRule(
        "last_first_initial",
        ("last", "first_raw", "first_canonical", "mailbox_given"),
        _last_first_initial,
    ),
    # a slip in a name loses the name keys: the date with either name finds the pair, its
    # month and day read either way round. A date written with the day first (as some of
    # pseudopeople's records hold it) lost every key of the date, and with a slip in a name
    # too the pair was never compared (make bench, with the swap's weight in the preset:
    # section external_sparse, pseudopeople full data 0.9887 -> 0.9892, married 10% 0.9827
    # -> 0.9837; section generated, resources' candidate pairs 185,686 -> 185,874)
    BlockingRule("date_last", ("hire_date", "last"), _date_with),
    BlockingRule("date_first", ("hire_date", "first_canonical"), _date_with),
    BlockingRule("first_last_phonetic", ("first_canonical", "last_phonetic"), trains=False),
    # ... and where no date is held, the first name with the last name's first letters (a
    # slip further in changes the last name's sound as often as not)
    BlockingRule("first_last_start", ("first_canonical", "last"), WithStartOf(3), trains=False),
    # a slip in each name leaves no name key, nor both names' sounds, and a first name cut
    # to its initial where one record holds no last name leaves no key of the date with a
    # name: the date with the first initial still finds the pair
    BlockingRule(
        "date_initial",
        ("hire_date", "first_raw", "first_canonical"),
        _date_initial,
        trains=False,
    ),
    # a slip in the last name early on, where a date differs too (or none is held): the
    # first name with the last name whole and less one letter. The whole name finds a
    # letter dropped or added (make bench, section external_sparse, RLdata10000 typos 30%:
    # F1 0.9600 -> 0.9605; sent to review 0.9% -> 1.3%: pairs never compared before)
    BlockingRule(
        "first_last_one_deleted", ("first_canonical", "last"), _last_one_deleted, trains=False
    ),
    # a slip in each name (or an initial for the first and a slip in the last), where the
    # date differs too: the first initial with the last name or it less one letter
    BlockingRule(
        "initial_last_near",
        ("first_raw", "first_canonical", "last"),
        _initial_last_near,
        trains=False,
    ),
    # first and last name exchanged with a slip in one of them: the date with each name,
    # whichever field holds it
    BlockingRule(
        "date_either_name", ("hire_date", "first_raw", "last_head"), _date_either_name, trains=False
    ),
    # first and last name exchanged where the date differs or is missing: the names as they
    # stand, and as an exchange leaves them (an exchanged first name carries its middle names
    # or initials into the last name, ``Smith / John Q``; a surname its particles and hyphens
    # into the first, ``de Boer / Sven``)
    BlockingRule(
        "swapped_names",
        ("first_raw", "last", "last_head", "given"),
        _names_either_way,
        trains=False,
    ),
)
