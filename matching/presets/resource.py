"""Resources (people): names (nicknames, swaps, typos), e-mail, phone, employee number, title,
department, place and hire date."""

from __future__ import annotations

from dataclasses import dataclass

from matching.blocking import BlockingRule
from matching.comparison import Comparison
from matching.feature import Feature
from matching.levels import (
    AWordAlike,
    EditsAtMost,
    Else,
    Exact,
    InitialIn,
    JaroWinklerAtLeast,
    NothingInCommon,
    Null,
    Swapped,
)
from matching.levels_common import NullWhereCommon
from matching.levels_joint import ExactWhereKnown
from matching.levels_numeric import (
    DaysWithin,
    MonthDaySwapped,
    MonthOrDaySlip,
    OffCalendar,
    TwoPartsEqual,
)
from matching.levels_sets import SharedAtLeast
from matching.levels_vocabulary import OneVocabulary
from matching.presets.derive import (
    OTHER_SCHEME,
    country,
    email,
    email_domain,
    email_local,
    email_mail_domain,
    phone,
    standardised,
    text_of,
)
from matching.presets.evidence import deciding
from matching.presets.identifier import identifier_comparison, identifier_features
from matching.presets.phone import PHONE_FEATURES, phone_comparison
from matching.record import Record
from matching.settings import EntitySettings
from matching.standardise.address import standardise_city
from matching.standardise.dates import to_written_date
from matching.standardise.money import to_decimal
from matching.standardise.person import PersonName, standardise_person
from matching.standardise.phone import phone_country
from matching.standardise.phonetic import name_phonetic
from matching.standardise.title import standardise_title
from matching.thresholds import Thresholds


def _person(record: Record) -> PersonName | None:
    first, last, full = (
        text_of(record, "first_name"),
        text_of(record, "last_name"),
        text_of(record, "full_name"),
    )
    if not (first or last or full):
        return None
    return standardise_person(first, last, full)


def _part(name: str) -> Feature:
    def derive(record: Record) -> object:
        person = _person(record)
        return getattr(person, name) or None if person else None

    return Feature(name if name != "first" else "first_raw", derive)


def _middle(record: Record) -> object:
    person = _person(record)
    return " ".join(person.middle) or None if person else None


def _middle_initials(record: Record) -> object:
    person = _person(record)
    return "".join(name[0] for name in person.middle) or None if person else None


def _country(record: Record) -> str | None:
    """The country given, else the one the phone number is of."""
    number = phone(record)
    return country(record) or (phone_country(number) if isinstance(number, str) else None)


def _place(record: Record) -> object:
    """City and country as one value, None when the record holds neither."""
    city, land = standardise_city(text_of(record, "location_city") or ""), _country(record)
    return f"{city or ''}|{land or ''}" if city or land else None


def _amount(value: str) -> str | None:
    amount = to_decimal(value)
    return None if amount is None else str(amount.normalize())


def _skills(record: Record) -> tuple[str, ...] | None:
    """The skills, each once, lower-cased and sorted: a list as the hub keeps them, or text
    separated by ``;`` as an extract holds them."""
    value = record.get("skills")
    items = value if isinstance(value, list | tuple) else str(value or "").split(";")
    skills = sorted({" ".join(str(item).split()).lower() for item in items} - {""})
    return tuple(skills) or None


def _last_phonetic(record: Record) -> object:
    person = _person(record)
    return name_phonetic(person.last) if person and person.last else None


FEATURES = (
    _part("first"),
    _part("first_canonical"),
    _part("last"),
    _part("last_spelled"),
    _part("initials"),
    Feature("middle", _middle),
    Feature("middle_initials", _middle_initials),
    Feature("last_phonetic", _last_phonetic),
    Feature("email", email),
    Feature("email_local", email_local),
    Feature("email_domain", email_mail_domain),
    Feature("email_org_domain", email_domain),
    *PHONE_FEATURES,
    *identifier_features(
        "employee_number",
        standardised("employee_number", lambda value: value.upper().replace(" ", "")),
    ),
    Feature("cost_rate", standardised("cost_rate", lambda value: _amount(value))),
    Feature("title", standardised("title", standardise_title)),
    Feature("department", standardised("department", standardise_title)),
    Feature("city", standardised("location_city", standardise_city)),
    Feature("country", _country),
    Feature("place", _place),
    Feature("hire_date", standardised("hire_date", to_written_date)),
    Feature("skills", _skills),
)


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


def _first_initials(written: object, canonical: object) -> list[str]:
    """The first name's initial as written and as its canonical form (``Hans``: h, and j of
    ``johannes``): a slip that hides the nickname (``Hns``) leaves the written one."""
    names = (name for name in (written, canonical) if isinstance(name, str) and name)
    return list(dict.fromkeys(name[0] for name in names))


def _last_first_initial(values: tuple[object, ...]) -> list[str]:
    """The last name with each initial of the first name (``_first_initials``)."""
    last, written, canonical = values
    return [f"{last}|{initial}" for initial in _first_initials(written, canonical) if last]


def _last_one_deleted(values: tuple[object, ...]) -> list[str]:
    """The first name with the last name less each one of its letters (``bauer``: auer, buer,
    baer, baur, baue): two last names one slip apart (a letter changed, added, dropped or two
    exchanged) share one of these."""
    first, last = values
    if not (first and isinstance(last, str) and len(last) >= 4):
        return []
    return list(dict.fromkeys(f"{first}|{last[:i]}{last[i + 1 :]}" for i in range(len(last))))


def _initial_last_near(values: tuple[object, ...]) -> list[str]:
    """Each initial of the first name (``_first_initials``) with the last name and with the
    last name less each one of its letters: a slip in each name (or a first name cut to its
    initial and a slip in the last) keeps the initial, and two last names one slip apart
    share one of these."""
    written, canonical, last = values
    if not (isinstance(last, str) and len(last) >= 4):
        return []
    near = dict.fromkeys([last, *(f"{last[:i]}{last[i + 1 :]}" for i in range(len(last)))])
    return [f"{initial}|{name}" for initial in _first_initials(written, canonical) for name in near]


def _date_initials(values: tuple[object, ...]) -> list[str]:
    """The date with the first letters of the first name (each of ``_first_initials``) and
    of the last name (none when any is missing)."""
    date, written, canonical, last = values
    if not (date and last and isinstance(last, str)):
        return []
    return [f"{date}|{initial}{last[0]}" for initial in _first_initials(written, canonical)]


def _date_either_name(values: tuple[object, ...]) -> list[str]:
    """The date with the first name and with the last name, one key space for both: a pair
    whose names were exchanged between the fields shares one of these."""
    date, first, last = values
    if not date:
        return []
    return [f"{date}|{name}" for name in dict.fromkeys((first, last)) if name]


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
    # pairs on a name train m of the other comparisons (names are left out of that session)
    BlockingRule(
        "last_first_initial", ("last", "first_raw", "first_canonical"), _last_first_initial
    ),
    # a slip in a name loses the name keys: the date with either name finds the pair
    BlockingRule("date_last", ("hire_date", "last")),
    BlockingRule("date_first", ("hire_date", "first_canonical")),
    BlockingRule("first_last_phonetic", ("first_canonical", "last_phonetic"), trains=False),
    # ... and where no date is held, the first name with the last name's first letters (a
    # slip further in changes the last name's sound as often as not)
    BlockingRule("first_last_start", ("first_canonical", "last"), WithStartOf(3), trains=False),
    # a slip in each name leaves no name key, nor both names' sounds: the date with the two
    # initials still finds the pair
    BlockingRule(
        "date_initials",
        ("hire_date", "first_raw", "first_canonical", "last"),
        _date_initials,
        trains=False,
    ),
    # a slip in the last name early on, where a date differs too (or none is held): the
    # first name with the last name less one letter
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
        "date_either_name", ("hire_date", "first_raw", "last"), _date_either_name, trains=False
    ),
    BlockingRule(
        "swapped_names",
        ("first_raw", "last"),
        lambda v: [] if None in v else ["|".join(sorted(map(str, v)))],
        trains=False,
    ),
)


ONE_VOCABULARY = "other_value_one_vocabulary"
OTHER_VOCABULARY = "other_vocabulary"

SWAP_ALIKE = 0.9
"""First and last name exchanged with a slip: each this alike (Jaro-Winkler) to the other's."""


def _exact_else(name: str, *, tf: bool = False) -> Comparison:
    return Comparison(name, name, (Null(), Exact(term_frequency=tf), Else()))


COMPARISONS = (
    Comparison(
        "first_name",
        "first_raw",
        (
            Null(),
            Exact(term_frequency=True),
            Exact("same_canonical", feature="first_canonical"),
            Swapped(other="last"),
            JaroWinklerAtLeast("jaro_winkler_0.92", threshold=0.92),
            Swapped("swapped_alike", other="last", threshold=SWAP_ALIKE),
            # an initial agrees by chance as often as its letter starts given names
            InitialIn(other="initials", letter_frequency=True),
            JaroWinklerAtLeast("jaro_winkler_0.8", threshold=0.8),
            Else(),
        ),
    ),
    # middle names: a record without one says nothing; an initial against the full name
    # agrees as far as it goes
    Comparison(
        "middle_name",
        "middle",
        (
            Null(),
            Exact(),
            Exact("same_initials", feature="middle_initials"),
            Else(),
        ),
    ),
    Comparison(
        "last_name",
        "last",
        (
            Null(),
            Exact(term_frequency=True),
            EditsAtMost("one_edit", edits=1),
            # a slip of one letter as written that standardising made two (the umlaut
            # spelling rule reads the letters round it): weighed as training finds it
            EditsAtMost("one_edit_as_written", feature="last_spelled", edits=1),
            # first and last name exchanged (as an import taking the columns in the wrong
            # order): the last name agrees the other way round, weighing as training finds
            # it up to a slip's weight (no higher: an exchange is no plain agreement, and a
            # common full name's weight has no floor above a slip's)
            Swapped(other="first_raw"),
            Swapped("swapped_alike", other="first_raw", threshold=SWAP_ALIKE),
            JaroWinklerAtLeast("jaro_winkler_0.92", threshold=0.92),
            EditsAtMost("two_edits", edits=2),
            EditsAtMost("two_edits_as_written", feature="last_spelled", edits=2),
            Else(),
        ),
        # a full name is held by other people far more often than its two names' frequencies
        # multiplied say (families, cultures, namesakes): weighed as the two together
        tf_jointly_with="first_name",
    ),
    # another mailbox at the same organisation is another person (most firms give one
    # mailbox per person); mailboxes at two domains are two employers' schemes: no evidence
    # (e-mail, phone, employee number, place and hire date are what a steward decides by;
    # a pair agreeing on none of them beside names is left apart rather than queued for review)
    deciding(
        Comparison(
            "email",
            "email",
            (
                Null(),
                Exact("same_address"),
                Exact("same_mailbox_elsewhere", feature="email_local"),
                Exact("other_mailbox_same_domain", feature="email_org_domain"),
                Else(OTHER_SCHEME),
            ),
            conflict_levels=frozenset({"other_mailbox_same_domain"}),
            neutral_levels=frozenset({OTHER_SCHEME}),
        )
    ),
    # a number written without its country code (``415-555-0123``, no country on the record),
    # or dialled with another country's code, is the same line by its last digits: weighed at
    # least as their agreeing by chance leaves them, whether or not training saw any
    deciding(phone_comparison(tail_floor=True)),
    # another number of the same firm's scheme is another person; a number of another
    # scheme (a person who came with an acquisition) says nothing
    deciding(identifier_comparison("employee_number")),
    _exact_else("cost_rate"),
    _exact_else("title"),
    # a person's skills as two systems list them: one lists what the person is staffed on,
    # the other everything, so most of the shorter list in the longer one says one person;
    # two lists with nothing in common say two (weighed as the batch shows)
    Comparison(
        "skills",
        "skills",
        (
            Null(),
            Exact("same_skills"),
            SharedAtLeast("most_of_the_shorter", share=0.5),
            SharedAtLeast("a_skill_in_common"),
            Else("none_in_common"),
        ),
    ),
    # a department is weak evidence for: many people share one. Departments are picked from
    # a list each system keeps: two of one list (records of one system, or of two systems
    # keeping the same list, as an HR system and the PSA fed from it) are two departments,
    # evidence against one person, though people move (training weighs how much); two of two
    # lists (one firm's ``Digital``, another's ``Technology Consulting``) are one department
    # named two ways as often as not, and weigh as a missing value does, whatever the
    # training batch's sources make of them
    Comparison(
        "department",
        "department",
        (
            Null(),
            Exact(),
            AWordAlike("a_word_in_common"),
            OneVocabulary(ONE_VOCABULARY),
            Else(OTHER_VOCABULARY),
        ),
        conflict_levels=frozenset({ONE_VOCABULARY}),
        neutral_levels=frozenset({OTHER_VOCABULARY}),
    ),
    # the same city says so whether or not both records name the country; a city against a
    # country only is nothing to compare. Two cities of one country are a person who moved or
    # two people: weighed as training finds them, not as two countries (an inventor moves
    # between towns of one region, a consultant between offices). The same country where a
    # city is missing weighs nothing: names are national, so two people of one name share a
    # country far more often than random pairs do (the u it would be weighed by), and beside
    # an agreeing name it made namesakes look like one person. Neither is anything a steward
    # can link on
    deciding(
        Comparison(
            "location",
            "place",
            (
                Null(),
                Exact("same_city", feature="city", term_frequency=True),
                ExactWhereKnown("moved", feature="country", known=("city",)),
                Exact("same_country", feature="country"),
                NothingInCommon(features=("city", "country")),
                Else(),
            ),
            neutral_levels=frozenset({"same_country", "nothing_in_common"}),
        ),
        but=frozenset({"moved", "same_country"}),
    ),
    # a date a slip took off the calendar (month 19, day 71) agrees as far as the slip goes;
    # beyond that it is known to be wrong, and says no more than a missing date. A date held
    # by far more records than one person's (the day an acquired firm's people were all put
    # on the payroll, a placeholder) is no hire date of the person's, shared or not
    deciding(
        Comparison(
            "hire_date",
            "hire_date",
            (
                NullWhereCommon(),
                Exact(),
                MonthOrDaySlip(),
                EditsAtMost("one_edit", edits=1),
                MonthDaySwapped(),
                # one part wrong beyond a slip: the same month and day come round once a
                # year, the same year and month far less often, so each is weighed apart
                TwoPartsEqual("other_month", differs="month"),
                TwoPartsEqual("other_day", differs="day"),
                TwoPartsEqual("other_year", differs="year"),
                DaysWithin("within_a_month", days=31),
                OffCalendar(),
                Else(),
            ),
            neutral_levels=frozenset({"off_calendar"}),
        )
    ),
)


THRESHOLDS = Thresholds(upper=0.9, without_evidence=0.97)
"""A person's records link unattended at odds of 9 to 1 where the pair holds something a
steward would decide by (a date, an e-mail, a phone, a number, a city), and at odds of about
32 to 1 on names alone. Expected F1 gains from a link whenever the pair is more likely than
F1/2 to be one person, so review pays only for a doubt well beyond the auto-link's; measured
calibration (tests/bench: RLdata10000, pseudopeople, the sparsity matrix) puts most pairs
between 0.9 and 0.97 that hold a deciding field on one person (an exact full name with a
one-part slip in the birth date: 0.93-0.97 true), and they were most of the review queue.
Pairs on names alone were overconfident there (two thirds true at 0.93): the name's frequency
is all their probability rests on, so they keep the stricter bar."""


def resource_settings(
    thresholds: Thresholds | None = None, max_block_size: int = 200
) -> EntitySettings:
    return EntitySettings(
        entity="resource",
        features=FEATURES,
        blocking_rules=BLOCKING_RULES,
        comparisons=COMPARISONS,
        thresholds=thresholds or THRESHOLDS,
        max_block_size=max_block_size,
        # an HR or PSA system holds a person once: two of its records are rarely one person
        weigh_source=True,
    )
