"""Training: the prior is the share of matches among all pairs of the batch (and among its
distinct records); u among the non-matches; copies count once in term frequencies."""

from __future__ import annotations

import numpy as np
import pytest

from matching.em import estimate_prior, with_unseen
from matching.engine import Matcher
from matching.feature import Prepared, distinct_records, prepare_records
from matching.model import ModelParameters
from matching.presets import settings_for
from matching.term_frequency_u import expected_copies
from matching.training import distinct_prior, pair_count, term_frequency_tables
from matching.u_estimation import without_matches
from tests.unit.matching.helpers import names_and_dates


@pytest.mark.parametrize(
    ("sources", "link_only", "pairs"),
    [
        (["a"] * 5, False, 10),
        (["a", "a", "b", "b", "b"], False, 10),
        (["a", "a", "b", "b", "b"], True, 6),
        (["a", "b", "c"], True, 3),
        ([], False, 0),
    ],
)
def test_pair_count_is_every_pair_or_every_pair_across_sources(
    sources: list[str], link_only: bool, pairs: int
) -> None:
    records = [{"id": str(i), "source": s} for i, s in enumerate(sources)]
    assert pair_count(prepare_records(records, []), link_only=link_only) == pairs


def test_u_among_non_matches_leaves_out_the_matches_random_pairs_hold() -> None:
    """An identifier agrees in random pairs about as often as they match: u from them puts
    agreement at the prior's odds, so it could never carry a pair alone. Without the matches'
    share, what is left is the non-matches' own agreement, at least half an observation."""
    prior = 1e-4
    m = np.array([1.0, 0.9, 0.1])  # null, exact, else
    u = np.array([1.0, prior * 0.9 + 2e-6, 1.0 - prior * 0.9 - 2e-6])
    cleaned = without_matches(u, m, prior, known=1_000_000)
    assert cleaned[0] == 1.0
    assert cleaned[1:].sum() == pytest.approx(1.0)
    assert cleaned[1] == pytest.approx(2e-6, rel=1e-3)
    assert np.log2(m[1] / cleaned[1]) + np.log2(prior / (1 - prior)) > 5.0
    # agreeing no more often than the matches explain: half an observation is left
    floor = without_matches(u, np.array([1.0, 1.0, 0.0]), prior, known=1_000)[1]
    assert floor == pytest.approx(0.5 / 1_000, rel=1e-3)
    # a common value (a first name) hardly changes
    names = np.array([1.0, 0.01, 0.99])
    assert without_matches(names, m, prior, known=1_000_000)[1] == pytest.approx(0.01, rel=0.01)


def test_copies_of_a_record_count_once_in_term_frequencies() -> None:
    """A person named on many identical records (an inventor on each patent) does not make
    the name common: his copies count once; three namesakes (other places) count three
    times; the same record in two sources counts in each."""
    settings = settings_for("resource")
    copy = {"first_name": "Dustin", "last_name": "Bullock", "location_city": "Austin"}
    rows = [{**copy, "source": "hr"} for _ in range(50)] + [{**copy, "source": "psa"}]
    rows += [
        {"first_name": "John", "last_name": "Smith", "location_city": city, "source": "hr"}
        for city in ("Leeds", "York", "Bath")
    ]
    records = [{**row, "id": str(n)} for n, row in enumerate(rows)]
    prepared = prepare_records(records, settings.features)
    tables = term_frequency_tables(settings, prepared)
    first = tables["first_name"]
    assert first.total == 5
    assert (first.counts.get("dustin"), first.counts.get("john")) == (2, 3)
    assert first.frequency("dustin") < first.frequency("john")


def test_the_prior_among_distinct_records_counts_no_copy_as_a_match() -> None:
    """An inventor's identical records (one per patent) count once in the term frequencies;
    the prior among all records counts each pair of them as a match, and expects far more
    records of one entity than the distinct records the counts hold. The prior among the
    distinct records reads only the pairs of two of them."""
    person = {"first_name": "Junyi", "last_name": "Li", "location_city": "Chester"}
    rows = [person] * 4 + [{**person, "location_city": "Bedminster"}, {"first_name": "Ann"}]
    records = [{**row, "id": str(n), "source": "uspto"} for n, row in enumerate(rows)]
    prepared = prepare_records(records, settings_for("resource").features)
    pairs = np.array([(i, j) for i in range(6) for j in range(i + 1, 6)], dtype=np.int64)
    # one comparison: the four copies and the moved record agree (level 1), the rest do not
    agree = {(i, j) for i in range(5) for j in range(i + 1, 5)}
    levels = np.array([[1 if (i, j) in agree else 2] for i, j in pairs.tolist()])
    m, u = [np.array([1.0, 0.9, 0.1])], [np.array([1.0, 0.01, 0.99])]
    prior = estimate_prior(levels, m, u, 0.5)
    counted = distinct_prior(prepared, pairs, levels, m, u, prior)
    distinct = [
        k for k, (i, j) in enumerate(pairs.tolist()) if i not in (1, 2, 3) and j not in (1, 2, 3)
    ]
    assert counted == pytest.approx(estimate_prior(levels[distinct], m, u, prior))
    assert counted is not None and counted < prior / 1.5


def test_a_batch_without_copies_counts_its_terms_with_its_own_prior() -> None:
    matcher = Matcher(settings_for("resource"))
    matcher.resolve(names_and_dates())
    assert matcher.model is not None and matcher.model.batch_prior is None


def test_expected_copies_are_not_capped_at_one() -> None:
    """An entity of many distinct records (an inventor who moved) has many copies among the
    counted records, not at most one."""
    model = ModelParameters(prior=0.5, comparisons=(), batch_prior=0.01)
    assert expected_copies(model, 501) == pytest.approx(5.0)


def test_distinct_records_keep_the_first_of_each_copy_in_order() -> None:
    rows = [
        {"id": "a", "source": "s", "first_name": "Ann"},
        {"id": "b", "source": "s", "first_name": "Bo"},
        {"id": "c", "source": "s", "first_name": "Ann"},
        {"id": "d", "source": "t", "first_name": "Ann"},
        {"id": "e", "source": "s", "first_name": None},
        {"id": "f", "source": "s", "first_name": None},
    ]
    settings = settings_for("resource")
    kept = distinct_records(prepare_records(rows, settings.features))
    assert kept.ids.tolist() == ["a", "b", "d", "e"]


def test_distinct_records_tell_values_that_cannot_be_hashed_by_their_text() -> None:
    lists = np.empty(4, dtype=object)
    lists[:] = [["x", "y"], ["x"], ["x", "y"], None]
    prepared = Prepared(
        np.array(["a", "b", "c", "d"], dtype=object),
        np.array(["s"] * 4, dtype=object),
        {"tags": lists, "name": np.array(["Ann", "Ann", "Ann", "Ann"], dtype=object)},
    )
    assert distinct_records(prepared).ids.tolist() == ["a", "b", "d"]


def test_half_an_observation_among_the_matches() -> None:
    m = np.array([1.0, 0.75, 0.25, 0.0])
    smoothed = with_unseen(m, 10.0)
    assert smoothed[0] == 1.0
    assert smoothed[1:].sum() == pytest.approx(1.0)
    assert smoothed[3] == pytest.approx(0.5 / 11.5)
    assert smoothed[1] == pytest.approx(8.0 / 11.5)
    assert np.allclose(with_unseen(m, 1e6)[1:], m[1:], atol=1e-5)
