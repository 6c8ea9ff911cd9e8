"""Resources (people): names (nicknames, swaps, typos), e-mail, phone, employee number, title,
department, place and hire date."""

from __future__ import annotations

from dataclasses import replace

from matching.comparison import Comparison
from matching.levels import Else, Exact, NothingInCommon, Null
from matching.levels_common import BothCommon, NullWhereCommon
from matching.levels_crosswise import EqualAcross
from matching.levels_exchange import (
    Exchange,
    Exchanged,
    NullUnlessExchanged,
    ReadAcrossExchange,
)
from matching.levels_initials import InitialIn
from matching.levels_joint import ExactWhereKnown, KnownApart
from matching.levels_numeric import (
    DaysWithin,
    MonthDaySwapped,
    MonthOrDaySlip,
    OffCalendar,
    TwoPartsEqual,
    YearSlip,
)
from matching.levels_sets import SharedAtLeast
from matching.levels_similarity import EditsAtMost, JaroWinklerAtLeast
from matching.levels_vocabulary import OneScheme, OneVocabulary
from matching.levels_words import AWordAlike
from matching.presets.derive import OTHER_SCHEME, SAME_SCHEME
from matching.presets.evidence import deciding
from matching.presets.identifier import identifier_comparison
from matching.presets.phone import phone_comparison
from matching.presets.resource_blocking import BLOCKING_RULES
from matching.presets.resource_features import FEATURES
from matching.settings import EntitySettings
from matching.thresholds import Thresholds

ONE_VOCABULARY = "other_value_one_vocabulary"
OTHER_VOCABULARY = "other_vocabulary"
OTHER_CURRENCY = "other_currency"
DATE_SLIPS = frozenset(
    {"month_or_day_slip", "year_slip", "one_edit", "month_day_swapped", "other_month",
     "other_day", "other_year", "within_a_month"}
)  # fmt: skip
"""Hire dates agreeing in part: the two records hold two dates (``Comparison.differing_levels``)."""

SWAP_ALIKE = 0.9
"""First and last name exchanged with a slip: each this alike (Jaro-Winkler) to the other's."""

EXCHANGE = Exchange(first="first_raw", last="last", head="last_head", given="given")
"""First and last name exchanged: one record's first name is the first word of the other's
last name, its last name the other's given names whole (``matching.levels_exchange``)."""
EXCHANGE_ALIKE = replace(EXCHANGE, threshold=SWAP_ALIKE)


COMPARISONS = (
    Comparison(
        "first_name",
        "first_raw",
        (
            Null(),
            Exact(term_frequency=True),
            Exact("same_canonical", feature="first_canonical"),
            Exchanged(exchange=EXCHANGE),
            # two alike first names many people bear each (Andrea, Andreas; Christa,
            # Christina) are two names, not a slip, and weigh as training finds them
            # (RLdata10000's namesakes sharing a birth date were queued as a typo is). Last
            # names are not split so: a slip then weighs more than an exact common last
            # name, which the least an exact name weighs follows, and namesakes of two firms
            # rose into review (make bench, section matrix, resources' full data: 0.36% ->
            # 0.97% of records)
            BothCommon("two_names", tests=(JaroWinklerAtLeast(threshold=0.8),)),
            JaroWinklerAtLeast("jaro_winkler_0.92", threshold=0.92),
            Exchanged("swapped_alike", exchange=EXCHANGE_ALIKE),
            # an initial agrees by chance as often as its letter starts given names: the first
            # given name's (a first name cut to its initial) apart from a middle name's only
            # (the first name lost), which people bear two of as often as not
            InitialIn(other="first_initial", letter_frequency=True),
            InitialIn("a_middle_initial", other="initials", letter_frequency=True),
            JaroWinklerAtLeast("jaro_winkler_0.8", threshold=0.8),
            # first names unlike each other where one record's mailbox spells the other's
            # first name beside its own surname (``Jack Zhu``, lei.zhu@, against ``Lei Zhu``):
            # a preferred name or a nickname one system holds instead. Only pairs whose first
            # names neither agree nor are alike reach it, so it counts nothing the names
            # weigh already; the domain is no matter (a name, not an identifier of the firm's
            # scheme). No term frequency weighs the name it agrees on, nor the full name's
            # (``tf_jointly_with``), so it weighs at most as names merely alike: weighed as a
            # nickname (before the slips), common full names namesakes bear linked, and
            # weighed as a slip where it took the slips' pairs it scored namesakes above an
            # exact full name (make bench, section matrix, resources: full data review 0.36%
            # -> 0.41%; drop 60% precision 0.9788 -> 0.9768, as a slip 0.9782 -> 0.9777)
            EqualAcross("named_by_mailbox", other="mailbox_given", at_most_the_level_before=True),
            Else(),
        ),
    ),
    # middle names: a record without one says nothing; an initial against the full name
    # agrees as far as it goes, and a slip in a middle name written out (Ruth, Tuth) is a
    # slip. Where first and last name were exchanged, the exchanged record's middle names
    # stand in its last name after the first word (``Smith / John Q``) and are read there.
    # Two middle names or initials that differ beyond that are two people: a middle initial
    # is given once and copied alike. EM, trained in blocks of one name, counts the blocks'
    # namesakes among its matches and learnt that many of them differ there (John R. Hull,
    # John W. Hull weighed little against); Else's m is held at the disagreement floor instead
    # (make bench, section external, PatentsView: F1 0.900 -> 0.903, review 1.9% -> 1.6%). It
    # costs where a slip lands on an initial inside a full name, which then reads as another
    # initial (section external_sparse, pseudopeople: typos 30% 0.9799 -> 0.9792, OCR slips
    # 30% 0.9790 -> 0.9785)
    Comparison(
        "middle_name",
        "middle",
        (
            NullUnlessExchanged(instead="last_tail", exchange=EXCHANGE_ALIKE),
            ReadAcrossExchange(instead="last_tail", exchange=EXCHANGE_ALIKE),
            ReadAcrossExchange(
                "same_initials",
                feature="middle_initials",
                instead="last_tail_initials",
                exchange=EXCHANGE_ALIKE,
            ),
            JaroWinklerAtLeast("alike", threshold=0.8),
            Else(),
        ),
        rarely_differs=True,
    ),
    Comparison(
        "last_name",
        "last",
        (
            Null(),
            Exact(term_frequency=True),
            # two common names one edit apart (Schmitt, Schmidt), but not a common name and
            # a slip of it that many records hold, fewer than a tenth of the name's holders
            BothCommon("two_names", tests=(EditsAtMost(edits=1),), share=0.1),
            EditsAtMost("one_edit", edits=1),
            # a slip of one letter as written that standardising made two (the umlaut
            # spelling rule reads the letters round it): weighed as training finds it
            EditsAtMost("one_edit_as_written", feature="last_spelled", edits=1),
            # first and last name exchanged (as an import taking the columns in the wrong
            # order): the last name agrees the other way round, weighing as training finds
            # it up to a slip's weight (no higher: an exchange is no plain agreement, and a
            # common full name's weight has no floor above a slip's); an exchange of names
            # held in both orders (Peter Frank, Frank Peters) weighs less, as often as both
            # orders are held (``matching.swap_frequency``)
            Exchanged(exchange=EXCHANGE),
            Exchanged("swapped_alike", exchange=EXCHANGE_ALIKE),
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
    # a cost rate is set in a scheme a firm keeps: another rate of one scheme (one system's,
    # or an HR system's and its PSA's, which write a person's rate alike) is a person after
    # a pay review or two people, weighed as training finds it; a rate of an acquired firm's
    # scheme against one of ours (each its own rates, often its own currency) says nothing.
    # One amount in two currencies (85 GBP, 85 EUR) is no agreement, and weighs nothing: no
    # conversion is known. Rates that differ in two currencies stay with the scheme's levels:
    # read as nothing too, the other rate of one scheme weighed -2.8 bits, not -4.1 (random
    # pairs, mostly of two countries, no longer held it), and namesakes of one city rose into
    # review (make bench, section matrix, resources: full data 0.31% -> 0.97% of records,
    # one source name + one field 0.09% -> 1.20%)
    Comparison(
        "cost_rate",
        "cost_rate",
        (
            Null(),
            KnownApart(OTHER_CURRENCY, feature="cost_currency", test=Exact()),
            Exact(),
            OneScheme(SAME_SCHEME),
            Else(OTHER_SCHEME),
        ),
        conflict_levels=frozenset({SAME_SCHEME}),
        neutral_levels=frozenset({OTHER_CURRENCY, OTHER_SCHEME}),
    ),
    # a job title: another title weighs against even between two firms' lists. Read as no
    # evidence there (as departments are), namesakes of two firms sharing a city rose into
    # the review band: the bench's generated resources went from 0.7% to 2.1% of records
    # sent to review, two people in nearly every new task (make bench, section generated).
    # Yet one person's records of two firms hold two titles as a matter of course (each
    # firm's own list names the rank: Senior Consultant, Senior Associate), so a link weak
    # for names and a title that differs is quiet: it stays out of the mean that decides
    # whether a strong link joins two clusters (``matching.clustering``). Weighed there, it
    # kept the person's records apart (make bench, section matrix, resources, drop 60%:
    # F1 0.8498 -> 0.8515, precision held)
    Comparison("title", "title", (Null(), Exact(), Else()), quiet_levels=frozenset({"else"})),
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
    # can link on. The same city is something to link on only where nothing conflicts: two
    # people of one name share a city far more often than random pairs (the city's u) do, and
    # beside another rate or number of one firm's scheme it is all such a pair holds; left
    # in the band it was namesakes of two firms nearly every time (make bench, section
    # matrix, resources: review typos 30% 0.8% -> 0.0%, drop 60% 2.1% -> 1.6%, F1 as it
    # was; the model still weighs the city and links such a pair above the upper threshold)
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
            differing_levels=frozenset({"moved"}),
        ),
        but=frozenset({"moved", "same_country"}),
        shared=frozenset({"same_city"}),
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
                # month and day exchanged keep every digit, moved: of the agreements short of
                # the same date, the one two people's dates show least, so it comes first in
                # the order of strength the weights are held to. After the slips (though no
                # pair is both) it was pooled with them and weighed as a slip. With the date
                # keys below read either way round (make bench, section external_sparse,
                # pseudopeople: full data 0.9887 -> 0.9892, typos 30% 0.9793 -> 0.9801, every
                # cell up; RLdata10000 abbreviations 30% 0.9450 -> 0.9445)
                MonthDaySwapped(),
                MonthOrDaySlip(),
                # a slip in the year makes any year: one few records hold is a slip's far
                # more often than another person's (``matching.year_frequency``)
                YearSlip(year_frequency=True),
                EditsAtMost("one_edit", edits=1),
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
            # a date one slip off weighs for the pair, but the two records hold two dates: a
            # link holding one is weighed when clusters merge (``matching.clustering``)
            differing_levels=DATE_SLIPS,
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
        rivals_on=("first_name", "last_name"),
    )
