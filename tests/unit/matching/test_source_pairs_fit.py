"""Each pair of sources' prior beside the batch's (``matching.source_pairs``,
``matching.source_pairs_fit``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from matching.comparison import Comparison, weighed_levels
from matching.engine import Matcher
from matching.levels import Else, Exact, Null
from matching.model import ModelParameters
from matching.presets.resource import resource_settings
from matching.scoring import score_pairs
from matching.source_pairs import SourcePairs, SourcePairShare, count_shares
from matching.source_pairs_fit import readable
from tests.unit.matching.helpers import names_and_dates


def _counted(**by_sources: tuple[int, int]) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Per pair of sources ("hr_psa": (sure, read)): its readable pairs, the first ``sure``
    of them surely one entity."""
    sure: list[bool] = []
    keys: list[tuple[str, str]] = []
    for name, (matches, read) in by_sources.items():
        left, right = name.split("_")
        sure += [n < matches for n in range(read)]
        keys += [(left, right)] * read
    return np.array(sure), keys


def test_each_pair_of_sources_weighs_its_own_prior() -> None:
    """An HR system and its PSA hold the same people; two firms' HR systems few of them."""
    sure, keys = _counted(acme_psa=(160, 200), acme_beta=(40, 200))
    cross, shares = count_shares(sure, keys)
    assert cross == pytest.approx(0.5)
    pairs = SourcePairs(0.05, 0.4, cross, shares)
    psa, beta = pairs.pair_weight("psa", "acme"), pairs.pair_weight("acme", "beta")
    assert psa > 1.5 and beta < -1.5
    assert pairs.pair_weight("beta", "psa") == 0.0  # training read none between them
    lefts = np.array(["acme", "psa", "beta", "psa", "acme"])
    rights = np.array(["psa", "acme", "acme", "beta", "acme"])
    assert pairs.pair_weights(lefts, rights).tolist() == pytest.approx([psa, psa, beta, 0, 0])


def test_a_pair_of_sources_with_little_to_read_weighs_as_the_batch_does() -> None:
    sure, keys = _counted(acme_psa=(100, 200), acme_beta=(2, 2))
    cross, shares = count_shares(sure, keys)
    pairs = SourcePairs(0.05, 0.4, cross, shares)
    assert abs(pairs.pair_weight("acme", "beta")) < 0.3  # 2 of 2 read: no limit unshrunk
    assert abs(pairs.pair_weight("acme", "psa")) < 0.05
    # one pair of sources read, or nothing to tell matches from namesakes: none weighed
    assert count_shares(*_counted(acme_psa=(100, 200))) == (0.5, ())
    assert count_shares(*_counted(acme_psa=(0, 200), acme_beta=(0, 20))) == (0.5, ())


def test_each_source_weighs_its_own_pairs_against_the_batch_within_one_source() -> None:
    """A census holding each person once, a benefits file holding some twice: two census
    records agreeing on names are namesakes (twins of one household) far more often."""
    sure, keys = _counted(census_census=(2, 200), ssa_ssa=(60, 200))
    same, shares = count_shares(sure, keys)
    assert same == pytest.approx(0.155)
    pairs = SourcePairs(0.05, 0.4, 0.5, shares, same)
    census, ssa = pairs.pair_weight("census", "census"), pairs.pair_weight("ssa", "ssa")
    assert census < -2.0 and ssa > 1.0
    assert pairs.pair_weight("census", "ssa") == 0.0  # across two: the cross shares' own
    lefts, rights = np.array(["census", "ssa", "census"]), np.array(["census", "ssa", "ssa"])
    assert pairs.pair_weights(lefts, rights).tolist() == pytest.approx([census, ssa, 0.0])
    assert SourcePairs.from_dict(pairs.to_dict()) == pairs


def test_scoring_weighs_each_sources_own_prior_within_it() -> None:
    matcher = Matcher(resource_settings())
    model = matcher.train(matcher.prepare(_people()))
    assert model.source_pairs is not None
    old = replace(model, source_pairs=SourcePairs(model.source_pairs.m_same,
                                                  model.source_pairs.u_same))  # fmt: skip
    own = (SourcePairShare(("hr", "hr"), 0.02), SourcePairShare(("psa", "psa"), 0.3))
    shared = replace(old, source_pairs=replace(old.source_pairs, by_sources=own, same_share=0.1))
    assert shared.source_pairs is not None
    hr, psa = (
        shared.source_pairs.pair_weight("hr", "hr"),
        shared.source_pairs.pair_weight("psa", "psa"),
    )
    assert hr < 0 < psa
    record = {"id": "x", "source": "hr", "first_name": "Alma", "last_name": "Bauer"}
    batch = matcher.prepare(
        [record, {**record, "id": "y"}, {**record, "id": "p", "source": "psa"},
         {**record, "id": "q", "source": "psa"}]
    )  # fmt: skip
    pairs = np.array([[0, 1], [2, 3], [0, 2]])
    scored = Matcher(resource_settings(), shared).score(batch, pairs)
    before = Matcher(resource_settings(), old).score(batch, pairs)
    assert scored.total_weight - before.total_weight == pytest.approx([hr, psa, 0.0])


def test_a_comparison_telling_pairs_apart_only_where_they_agree_is_not_read() -> None:
    """Two firms' mailboxes are of two schemes unless one person's name heads both: that the
    pair holds a mailbox of each says whether it is one person, not how often people are."""
    mailbox = Comparison(
        "email", "email",
        (Null(), Exact("same_address"), Exact("same_domain", feature="domain"), Else("schemes")),
        neutral_levels=frozenset({"schemes"}), evidence_levels=frozenset({"same_address"}),
    )  # fmt: skip
    levels = np.array([[1], [3], [3], [3], [1], [2], [2], [0], [3]])
    group = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1])  # two firms' systems; one firm's
    assert readable([mailbox], levels, group).tolist() == [
        False, False, False, False, True, True, True, False, False
    ]  # fmt: skip


def test_a_model_stored_before_pairs_of_sources_loads_and_weighs_them_alike() -> None:
    old = SourcePairs.from_dict({"m_same": 0.05, "u_same": 0.4})
    assert old == SourcePairs(0.05, 0.4)
    assert old.pair_weight("hr", "psa") == 0.0
    assert "by_sources" not in old.to_dict()
    shared = SourcePairs(0.05, 0.4, 0.5, (SourcePairShare(("hr", "psa"), 0.8),))
    assert SourcePairs.from_dict(shared.to_dict()) == shared


def _people() -> list[dict[str, object]]:
    """Originals in an HR system, copies in its PSA, namesakes in another firm's HR system
    holding their names and a hire date of their own."""
    rows = names_and_dates(people=600, copies=200)
    people = [{**row, "source": "psa" if str(row["id"]).startswith("c") else "hr"} for row in rows]
    namesakes = [
        {**row, "id": f"n{n}", "source": "beta", "hire_date": f"19{50 + n % 40}-0{1 + n % 9}-11"}
        for n, row in enumerate(people[:300])
    ]
    return [*people, *namesakes]


def test_training_reads_each_pair_of_sources_and_scoring_weighs_it_in_the_prior() -> None:
    matcher = Matcher(resource_settings())
    model = matcher.train(matcher.prepare(_people()))
    assert model.source_pairs is not None
    psa, beta = (
        model.source_pairs.pair_weight("hr", "psa"),
        model.source_pairs.pair_weight("hr", "beta"),
    )
    assert psa > 0 > beta
    assert ModelParameters.from_dict(model.to_dict()) == model
    record = {"id": "x", "source": "hr", "first_name": "Alma", "last_name": "Bauer"}
    batch = matcher.prepare(
        [record, {**record, "id": "p", "source": "psa"}, {**record, "id": "b", "source": "beta"}]
    )
    scored = matcher.score(batch, np.array([[0, 1], [0, 2]]))
    old = replace(model, source_pairs=SourcePairs(model.source_pairs.m_same,
                                                  model.source_pairs.u_same))  # fmt: skip
    before = Matcher(resource_settings(), old).score(batch, np.array([[0, 1], [0, 2]]))
    assert scored.total_weight - before.total_weight == pytest.approx([psa, beta])
    explained = zip(scored.explain_all(np.arange(2)), before.explain_all(np.arange(2)), strict=True)
    for why, was in explained:
        assert why.prior_weight - was.prior_weight == pytest.approx(
            why.total_weight - was.total_weight
        )
        parts = why.prior_weight + sum(part.weight for part in why.comparisons)
        assert parts == pytest.approx(why.total_weight)
    # a lookup's probe comes from no system: nothing of the pairs of sources
    probe = {"id": "probe", "first_name": "Alma", "last_name": "Bauer"}
    candidates = [{**record, "id": "b", "source": "beta"}]
    found = matcher.score_against(probe, candidates)[0][1]
    assert found == pytest.approx(Matcher(resource_settings(), old).score_against(
        probe, candidates)[0][1])  # fmt: skip


def test_pairs_scored_again_with_the_shares_keep_the_weights_they_were_weighed_at() -> None:
    """Training weighs its pairs once: the model with each pair of sources' prior scores them
    reading the comparisons' weights from the model before it, as it would scoring afresh
    (the same bits)."""
    matcher = Matcher(resource_settings())
    prepared = matcher.prepare(_people())
    model = matcher.train(prepared)
    assert model.source_pairs is not None and model.source_pairs.by_sources
    comparisons = matcher.settings.comparisons
    pairs = matcher.candidate_pairs(prepared)
    levels = weighed_levels(comparisons, matcher.levels(prepared, pairs))
    sources = SourcePairs(model.source_pairs.m_same, model.source_pairs.u_same)
    before = replace(model, source_pairs=sources, competition=None)
    weighed = score_pairs(comparisons, before, prepared, prepared, pairs, 1.0, levels)
    again = score_pairs(comparisons, model, prepared, prepared, pairs, 1.0, levels, weighed=weighed)
    afresh = score_pairs(comparisons, model, prepared, prepared, pairs, 1.0, levels)
    assert not np.array_equal(weighed.probability, afresh.probability)
    for name in ("weights", "u_used", "source_weight", "total_weight", "probability"):
        assert np.array_equal(getattr(again, name), getattr(afresh, name)), name
    assert np.array_equal(again.decidable, afresh.decidable)


def test_the_shares_are_read_for_the_pairs_whose_two_sources_are_known(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lookup's probe has no source: its pairs weigh no source, and no share is read for
    them."""
    matcher = Matcher(resource_settings())
    model = matcher.train(matcher.prepare(_people()))
    assert model.source_pairs is not None and model.source_pairs.by_sources
    record = {"id": "x", "source": "hr", "first_name": "Alma", "last_name": "Bauer"}
    batch = matcher.prepare(
        [{**record, "id": "0", "source": None}, record, {**record, "id": "p", "source": "psa"}]
    )
    read: list[int] = []
    reading = SourcePairs.pair_weights

    def counted(self: SourcePairs, lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
        read.append(len(lefts))
        return reading(self, lefts, rights)

    monkeypatch.setattr(SourcePairs, "pair_weights", counted)
    scored = Matcher(resource_settings(), model).score(batch, np.array([[0, 1], [0, 2], [1, 2]]))
    assert read == [1]
    sources = model.source_pairs
    across = sources.weight_of(np.array([False]))[0] + sources.pair_weight("hr", "psa")
    assert scored.source_weight.tolist() == [0.0, 0.0, across]
