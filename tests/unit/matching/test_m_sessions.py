"""m sessions: one of a single comparison holding values estimates nothing; a level a small
session never saw keeps half an observation; pairs a rule found on a value its comparison
does not read (a placeholder) are left out of the rule's session."""

from __future__ import annotations

import random

import numpy as np
import pytest

from matching.engine import Matcher
from matching.m_constraints import constrain_m
from matching.m_sessions import (
    _fit_session,
    _kept,
    _on_unread_values,
    _session_m,
    _sessions,
    beyond_a_letter,
)
from matching.presets import settings_for
from matching.u_estimation import estimate_u
from tests.unit.matching.helpers import names_and_dates, trained_resources


def test_records_of_names_and_a_date_train_on_sessions_that_can_tell() -> None:
    """Each training rule of resources blocks on two of the three fields such records hold,
    so its session leaves one comparison: one comparison cannot tell how many of its pairs
    match (any share fits), and m came out arbitrary (RLdata10000: the first name equal in
    22% of the matches, different in 72%; here 20% and 78%, 88 of 300 copies linked).
    Sessions on one field each leave two comparisons, which can."""
    matcher = Matcher(settings_for("resource"))
    rows = names_and_dates()
    resolution = matcher.resolve(rows)
    assert matcher.model is not None
    first = {lv.label: lv.m for lv in matcher.model.comparison("first_name").levels}
    assert first["exact"] > first["else"]
    cluster_of = {record: n for n, members in enumerate(resolution.clusters) for record in members}
    copies = [str(row["id"]) for row in rows if str(row["id"]).startswith("c")]
    linked = [c for c in copies if cluster_of[c] == cluster_of[c.split(":")[1]]]
    # a copy whose date holds the slip scores below the auto-link threshold: one digit of a
    # date apart is what two people with the same name can be (it goes to review)
    assert len(linked) >= 180, len(linked)


def test_a_session_of_one_comparison_holding_values_estimates_nothing() -> None:
    settings = settings_for("resource")
    matcher = Matcher(settings)
    batch = matcher.prepare(names_and_dates())
    pairs = matcher.candidate_pairs(batch)
    levels = matcher.levels(batch, pairs)
    u = estimate_u(settings.comparisons, batch, sample_size=100_000)
    rule = next(rule for rule in settings.blocking_rules if rule.name == "date_first")
    kept = _kept(settings, rule)
    holding = [c for c in kept if (levels[:, c] != 0).any()]
    assert [settings.comparisons[c].name for c in holding] == ["last_name"]
    assert _session_m(settings, rule, np.arange(len(pairs)), levels, u) is None


@pytest.mark.parametrize(("middle_known", "fits"), [(25, False), (400, True)])
def test_a_comparison_known_in_a_sliver_of_a_session_does_not_make_it_two(
    middle_known: int, fits: bool
) -> None:
    """A second comparison known in 25 pairs of 2,000 leaves the session one comparison in
    all but those: its share of matches is still anyone's guess (RLdata10000: second given
    names in a few records let the session on names fit m of the birth date, with the
    namesakes counted as matches, a different date in 31% of them)."""
    settings = settings_for("resource")
    names = [comparison.name for comparison in settings.comparisons]
    kept = [names.index("middle_name"), names.index("hire_date")]
    rng = np.random.default_rng(0)
    session = np.zeros((2_000, 2), dtype=np.int8)
    session[:, 1] = rng.integers(1, len(settings.comparisons[kept[1]].levels), 2_000)
    session[:middle_known, 0] = rng.integers(
        1, len(settings.comparisons[kept[0]].levels), middle_known
    )
    u = [np.full(len(c.levels), 1.0 / len(c.levels)) for c in settings.comparisons]
    assert (_fit_session(settings, kept, session, u) is not None) == fits


def _address_session(matches: int, within: int) -> tuple[list[int], np.ndarray, list[np.ndarray]]:
    """A session of customers sharing a phone: ``matches`` pairs with the same name, of which
    ``within`` give a street written with more of the line (cross streets), the rest the same
    street; as many non-matches with different names and addresses."""
    settings = settings_for("customer")
    names = [comparison.name for comparison in settings.comparisons]
    name, address = (settings.comparisons[names.index(n)] for n in ("name", "address"))
    kept = [names.index("name"), names.index("address")]
    session = np.zeros((2 * matches, 2), dtype=np.int8)
    session[:matches, 0] = name.labels.index("exact")
    session[:matches, 1] = address.labels.index("same_street")
    session[:within, 1] = address.labels.index("street_within")
    session[matches:, 0] = len(name.labels) - 1
    session[matches:, 1] = len(address.labels) - 1
    u = [np.full(len(c.levels), 1e-4) for c in settings.comparisons]
    for table in u:
        table[-1] = 1.0 - 1e-4 * (len(table) - 2)
        table[0] = 1.0
    return kept, session, u


@pytest.mark.parametrize(("matches", "least_bits"), [(30, 3.0), (3_000, 0.0)])
def test_a_level_a_small_session_never_saw_keeps_its_weight(
    matches: int, least_bits: float
) -> None:
    """Thirty matches none of which shows a street given with its cross streets leave that
    level unseen, not impossible: it gets half an observation, as u does, and weighs what its
    rarity among random pairs says (Fodor's / Zagat with 30% of fields blanked: 51 pairs
    sharing a phone trained the address, and the level fell from 5.7 bits to 0.15). Among
    thousands of matches the half observation changes nothing that was seen."""
    settings = settings_for("customer")
    kept, session, u = _address_session(matches, within=0)
    fitted = _fit_session(settings, kept, session, u)
    assert fitted is not None
    address = settings.comparisons[kept[1]]
    m = constrain_m(address, fitted[1][1], u[kept[1]]).m
    within = address.labels.index("street_within")
    assert np.log2(m[within] / u[kept[1]][within]) > least_bits
    assert fitted[1][1][within] < 0.5 / matches * 1.01
    assert fitted[1][1][address.labels.index("same_street")] > 1.0 - 6.0 / matches


def test_records_sharing_an_initial_are_no_session_on_a_name() -> None:
    matcher = Matcher(settings_for("resource"))
    rows = [{"id": str(n), "first_name": name, "last_name": "Becker"} for n, name in
            enumerate(["M.", "M.", "Max", "Max"])]  # fmt: skip
    batch = matcher.prepare(rows)
    pairs = np.asarray([[0, 1], [2, 3]])
    assert beyond_a_letter(batch, "first_raw", pairs).tolist() == [[2, 3]]


def test_first_names_cut_to_an_initial_leave_the_dates_m_as_it_was() -> None:
    """A session on first names alone trains the date's m; with 30% of first names cut to an
    initial, its pairs sharing ``m`` held the namesakes of one last name, taken for matches
    with another date (RLdata10000: the birth date different in 19% of the matches, 14%
    without the initials; here 3.2% against 1.7%)."""
    rows = names_and_dates()
    rng = random.Random(3)
    cut = [
        {**row, "first_name": f"{str(row['first_name'])[0]}."} if rng.random() < 0.3 else row
        for row in rows
    ]
    found = []
    for batch in (rows, cut):
        model = trained_resources(batch).model
        assert model is not None
        found.append({lv.label: lv.m for lv in model.comparison("hire_date").levels}["else"])
    assert found[1] < 1.6 * found[0], found


PLACEHOLDER = "2024-07-01"


def _acquired(people: int = 400, acquired: int = 120) -> list[dict[str, object]]:
    """``names_and_dates``'s people, ``acquired`` of them (sharing a handful of last names)
    with one hire date, the day their firm was bought: a value the date comparison reads as
    unknown (``NullWhereCommon``), held by far more records than one person's."""
    rows = names_and_dates(people, copies=0)
    for n in range(acquired):
        rows.append(
            {"id": f"a{n}", "first_name": f"Person{n}", "last_name": f"Family{n % 6}",
             "hire_date": PLACEHOLDER, "phone": f"+4930{n:07d}"}
        )  # fmt: skip
    return rows


def _date_last_session() -> tuple[object, np.ndarray, np.ndarray, np.ndarray]:
    settings = settings_for("resource")
    matcher = Matcher(settings)
    batch = matcher.prepare(_acquired())
    pairs = matcher.candidate_pairs(batch)
    levels = matcher.levels(batch, pairs)
    rule = next(rule for rule in settings.blocking_rules if rule.name == "date_last")
    return rule, batch, pairs, levels


def test_pairs_on_a_placeholder_date_are_no_sample_of_pairs_sharing_a_date() -> None:
    """Strangers of one last name all hired on the day their firm was bought share the date
    key; the date comparison reads the date as unknown, so the pair shared nothing a person
    holds. In the sparsity matrix's resources with 60% of fields blanked, 159 of the 231
    pairs sharing a date and a last name were such, one of them one person, and EM took them
    for its matches: a different phone in 41% of them (in none of the true pairs)."""
    settings = settings_for("resource")
    rule, batch, pairs, levels = _date_last_session()
    dates = batch.column("hire_date")
    on_placeholder = (dates[pairs[:, 0]] == PLACEHOLDER) & (dates[pairs[:, 1]] == PLACEHOLDER)
    assert on_placeholder.sum() >= 20
    unread = _on_unread_values(settings, rule, batch, pairs, levels)
    assert unread[on_placeholder].all()
    # a date held by the person alone (or a date one record lacks) stays in the session
    assert not unread[~on_placeholder].any()


def test_a_session_of_pairs_sharing_only_a_placeholder_estimates_nothing() -> None:
    """Left out, the placeholder's pairs leave the rule's session too few pairs to fit: it
    estimates nothing rather than m from strangers."""
    settings = settings_for("resource")
    rule, batch, pairs, levels = _date_last_session()
    u = estimate_u(settings.comparisons, batch, sample_size=100_000)
    rows = np.flatnonzero(batch.column("hire_date")[pairs[:, 0]] == PLACEHOLDER)
    assert _session_m(settings, rule, rows, levels, u) is not None
    sessions = _sessions(settings, batch, pairs[rows], levels[rows], u, link_only=False)
    rules = [r for r in settings.blocking_rules if r.trains]
    assert sessions[[r.name for r in rules].index("date_last")] is None
