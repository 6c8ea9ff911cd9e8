from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Matcher
from matching.clustering import ConstraintConflict, cluster, joinable
from matching.resolution import Link
from matching.scoring import ScoredPairs
from matching.settings import EntitySettings

IDS = [f"r{i}" for i in range(8)]
pair = st.tuples(st.sampled_from(IDS), st.sampled_from(IDS)).filter(lambda p: p[0] != p[1])
link = st.tuples(st.sampled_from(IDS), st.sampled_from(IDS), st.floats(0.5, 1.0)).filter(
    lambda p: p[0] != p[1]
)


def _consistent(must: list[tuple[str, str]], cannot: list[tuple[str, str]]) -> bool:
    try:
        cluster(IDS, [], threshold=0.9, must_link=must, cannot_link=cannot)
    except ConstraintConflict:
        return False
    return True


def _word(rng: random.Random, syllables: int) -> str:
    """A made-up name of ``syllables`` consonant-vowel syllables."""
    return "".join(rng.choice("bdgklmnprstvz") + rng.choice("aeiou") for _ in range(syllables))


def _trained_and_scored(
    entity: EntitySettings, records: list[dict[str, object]]
) -> tuple[Matcher, ScoredPairs, list[Link]]:
    """A matcher of ``entity`` trained on ``records``' candidate pairs, its scores of them
    (as a bulk run keeps them) and its links (as the library returns them)."""
    matcher = Matcher(entity)
    prepared = matcher.prepare(records)
    pairs = matcher.candidate_pairs(prepared)
    matcher.train(prepared, pairs)
    scored = matcher.score(prepared, pairs)
    return matcher, scored, list(matcher.links(scored))


def _quiet_from_scores_and_explanations(
    entity: EntitySettings, records: list[dict[str, object]]
) -> tuple[list[tuple[str, str]], list[Link]]:
    """The quiet pairs of ``records`` resolved with ``entity``, asserted the same from the
    scored weights (a bulk run) and from the links' explanations (the library, an incremental
    run); and the links."""
    from matching.resolution import quiet_links

    matcher, scored, links = _trained_and_scored(entity, records)
    quiet = sorted(matcher.quiet_pairs(scored))
    assert quiet == sorted(quiet_links(links))
    return quiet, links


@settings(max_examples=150, deadline=None)
@given(
    st.lists(link, max_size=25),
    st.lists(pair, max_size=3),
    st.lists(pair, max_size=4),
    st.lists(pair, max_size=6),
    st.randoms(),
)
def test_constraints_hold_and_order_does_not_matter(
    links: list[tuple[str, str, float]],
    must: list[tuple[str, str]],
    cannot: list[tuple[str, str]],
    quiet: list[tuple[str, str]],
    rnd: random.Random,
) -> None:
    if not _consistent(must, cannot):
        return
    clusters = cluster(IDS, links, threshold=0.9, must_link=must, cannot_link=cannot, quiet=quiet)
    where = {member: index for index, members in enumerate(clusters) for member in members}
    assert sorted(where) == sorted(IDS)
    assert sum(len(members) for members in clusters) == len(IDS)
    assert all(where[a] == where[b] for a, b in must)
    assert all(where[a] != where[b] for a, b in cannot)
    shuffled = [(b, a, p) if rnd.random() < 0.5 else (a, b, p) for a, b, p in links]
    rnd.shuffle(shuffled)
    flipped = [(b, a) for a, b in reversed(quiet)]
    assert (
        cluster(
            list(reversed(IDS)), shuffled, threshold=0.9, must_link=must, cannot_link=cannot,
            quiet=flipped,
        )
        == clusters
    )  # fmt: skip


def test_no_chaining_through_a_weak_bridge() -> None:
    links = [("a", "b", 0.999), ("b", "c", 0.995), ("c", "d", 0.999), ("a", "c", 0.6)]
    clusters = cluster(["a", "b", "c", "d"], links, threshold=0.99)
    assert clusters == [["a", "b"], ["c", "d"]]


def test_strong_evidence_merges_a_clique() -> None:
    links = [("a", "b", 0.999), ("b", "c", 0.995), ("a", "c", 0.999)]
    assert cluster(["a", "b", "c"], links, threshold=0.99) == [["a", "b", "c"]]


def test_cannot_link_splits_even_transitively() -> None:
    links = [("a", "b", 0.999), ("b", "c", 0.999), ("a", "c", 0.999)]
    clusters = cluster(["a", "b", "c"], links, threshold=0.99, cannot_link=[("a", "c")])
    assert ["a", "c"] not in clusters and len(clusters) == 2


def test_must_link_against_cannot_link_is_a_conflict() -> None:
    with pytest.raises(ConstraintConflict):
        cluster(
            ["a", "b", "c"],
            [],
            threshold=0.9,
            must_link=[("a", "b"), ("b", "c")],
            cannot_link=[("a", "c")],
        )


@pytest.mark.parametrize(
    "to_b",
    [
        0.6,  # certain to one member, likely to the other: enough against the cluster as a whole
        0.9,
        None,  # no link to the other member: half the member pairs are covered
    ],
)
def test_a_certain_link_and_a_weaker_one_join_the_cluster(to_b: float | None) -> None:
    links = [("a", "b", 0.999999), ("c", "a", 1.0 - 1e-9)]
    if to_b is not None:
        links.append(("c", "b", to_b))
    assert cluster(["a", "b", "c"], links, threshold=0.99) == [["a", "b", "c"]]


def test_a_weak_link_to_every_member_does_not_join() -> None:
    links = [("a", "b", 0.999999), ("c", "a", 0.9), ("c", "b", 0.9)]
    assert cluster(["a", "b", "c"], links, threshold=0.99) == [["a", "b"], ["c"]]


def test_a_weak_link_holding_nothing_against_does_not_veto_a_strong_one() -> None:
    """c holds a name and one field: its link to a is strong, its link to b weak only for what
    c lacks (nothing disagrees). A weak link with evidence against still keeps c apart."""
    links = [("a", "b", 0.999999), ("c", "a", 0.995), ("c", "b", 0.8)]
    assert cluster(["a", "b", "c"], links, threshold=0.99) == [["a", "b"], ["c"]]
    joined = cluster(["a", "b", "c"], links, threshold=0.99, quiet=[("b", "c")])
    assert joined == [["a", "b", "c"]]
    # a quiet link at the threshold or above counts as any other
    assert cluster(["a", "b", "c"], links, threshold=0.99, quiet=[("c", "a")]) == [
        ["a", "b"], ["c"],
    ]  # fmt: skip


def test_quiet_links_still_count_towards_the_coverage() -> None:
    links = [("a", "b", 0.999999), ("b", "c", 0.999999), ("c", "d", 0.999)]
    # {a, b, c} and d: one link of three member pairs, below half
    assert cluster(["a", "b", "c", "d"], links, threshold=0.99) == [["a", "b", "c"], ["d"]]
    with_quiet = [*links, ("a", "d", 0.7)]
    assert cluster(["a", "b", "c", "d"], with_quiet, threshold=0.99, quiet=[("a", "d")]) == [
        ["a", "b", "c", "d"]
    ]


def test_the_quiet_links_are_the_same_from_scores_and_from_explanations() -> None:
    """A bulk run takes them from the scored weights, the library and an incremental run from
    the links' explanations (a distributed run from the stored explanations): one set."""
    from matching.presets.customer import customer_settings

    rng = random.Random(5)
    records: list[dict[str, object]] = []
    for n in range(150):
        name = _word(rng, 4)
        full = {
            "name": f"{name.title()} Analytics Ltd", "phone": f"+44113{1000000 + n * 37:07d}",
            "postal_code": f"LS{n % 9} {n % 5}AB", "city": ("Leeds", "York")[n % 2],
        }  # fmt: skip
        records.append({"id": f"erp:{n}", **full})
        if n % 2 == 0:  # the same company, its phone written anew
            records.append({"id": f"billing:{n}", **full, "phone": f"+44114{n:07d}"})
        if n % 3 == 0:  # a name and a postcode only
            sparse = {"name": full["name"], "postal_code": full["postal_code"]}
            records.append({"id": f"crm:{n}", **sparse})
    quiet, links = _quiet_from_scores_and_explanations(customer_settings(), records)
    assert 0 < len(quiet) < len(links)


def test_a_deciding_value_that_differs_in_part_is_no_quiet_link() -> None:
    """A date one slip off weighs for the pair, but it is a difference the records hold, not
    a value they lack: the link is weighed in the mean like any other (C. Mueller 1939-04-03
    against Claudia Mueller 1959-04-03, whose other record C. Mueoler agrees on 1959-04-03)."""
    from matching.comparison import Comparison
    from matching.explanation import ComparisonWeight, Explanation
    from matching.levels import Else, Exact, Null
    from matching.levels_numeric import YearSlip
    from matching.resolution import Link, quiet_links

    date = Comparison(
        "hire_date", "hire_date", (Null(), Exact(), YearSlip(), Else()),
        differing_levels=frozenset({"year_slip"}),
    )  # fmt: skip
    assert date.differing_mask().tolist() == [False, False, True, False]
    with pytest.raises(ValueError, match="unknown differing levels"):
        Comparison("d", "d", (Null(), Exact(), Else()), differing_levels=frozenset({"slip"}))

    def link(right: str, level: str) -> Link:
        parts = (
            ComparisonWeight("last_name", "exact", 5.4, 0.9, 0.02),
            ComparisonWeight("hire_date", level, 8.2, 0.05, 0.0002, differs=level != "exact"),
        )
        return Link("c", right, 0.82, "review", Explanation("c", right, -15.4, parts, -1.8, 0.82))

    assert quiet_links([link("claudia", "year_slip"), link("carla", "exact")]) == [("c", "carla")]
    claudia = [("claudia", "mueoler", 0.994), ("c", "mueoler", 0.941), ("c", "claudia", 0.822)]
    assert cluster(["c", "claudia", "mueoler"], claudia, threshold=0.9) == [
        ["c"],
        ["claudia", "mueoler"],
    ]
    assert cluster(
        ["c", "claudia", "mueoler"], claudia, threshold=0.9, quiet=[("c", "claudia")]
    ) == [["c", "claudia", "mueoler"]]


def test_links_whose_dates_differ_in_part_are_quiet_neither_from_scores_nor_explanations() -> None:
    """People's records with the hire date one slip off on some copies: the bulk run (scores)
    and the library (explanations) leave out the same links."""
    from matching.presets.resource import resource_settings

    rng = random.Random(7)
    records: list[dict[str, object]] = []
    for n in range(150):
        first, last = _word(rng, 3), _word(rng, 4)
        date = f"19{50 + n % 40}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        person = {"first_name": first.title(), "last_name": last.title(), "hire_date": date}
        records.append({"id": f"hr:{n}", **person})
        if n % 2 == 0:  # the same person, the day written one slip off
            slipped = f"{date[:-2]}{(int(date[-2:]) % 9) + 1:02d}"
            records.append({"id": f"psa:{n}", **person, "hire_date": slipped})
    _, links = _quiet_from_scores_and_explanations(resource_settings(), records)
    assert any(part.differs for link in links for part in link.explanation.comparisons)


def test_two_records_of_one_source_join_only_on_their_own_link() -> None:
    """hr:1 and hr:2 are namesakes in one HR system; each links to the PSA record. The PSA
    record joins one of them, never both through it."""
    links = [("psa:1", "hr:1", 0.98), ("psa:1", "hr:2", 0.96)]
    ids = ["hr:1", "hr:2", "psa:1"]
    assert cluster(ids, links, threshold=0.9) == [["hr:1", "hr:2", "psa:1"]]
    sources = {"hr:1": "hr", "hr:2": "hr", "psa:1": "psa"}
    assert cluster(ids, links, threshold=0.9, sources=sources) == [["hr:1", "psa:1"], ["hr:2"]]
    # a link of their own below the threshold is weighed in the mean even holding nothing
    # against (sharing a name, no more): too weak, it keeps them apart
    weak = [*links, ("hr:1", "hr:2", 0.7)]
    quiet = [("hr:1", "hr:2")]
    assert cluster(ids, weak, threshold=0.9, quiet=quiet) == [["hr:1", "hr:2", "psa:1"]]
    assert cluster(ids, weak, threshold=0.9, quiet=quiet, sources=sources) == [
        ["hr:1", "psa:1"], ["hr:2"],
    ]  # fmt: skip
    # strong enough with the others, it joins them
    likely = [*links, ("hr:1", "hr:2", 0.85)]
    assert cluster(ids, likely, threshold=0.9, quiet=quiet, sources=sources) == [
        ["hr:1", "hr:2", "psa:1"]
    ]
    # their own link at the threshold joins them (a source's own duplicate)
    linked = [*links, ("hr:1", "hr:2", 0.95)]
    assert cluster(ids, linked, threshold=0.9, sources=sources) == [["hr:1", "hr:2", "psa:1"]]


def test_a_link_decided_distinct_is_no_link_of_their_own() -> None:
    """hr:1 and hr:2 share a name and no more: the matcher scores their link in the review band
    but decides it distinct (nothing a steward could link on). Each links to the PSA record;
    the link between them does not let the PSA record take both, as a link it would queue
    for a steward does."""
    links = [("psa:1", "hr:1", 0.98), ("psa:1", "hr:2", 0.96), ("hr:1", "hr:2", 0.85)]
    ids = ["hr:1", "hr:2", "psa:1"]
    sources = {"hr:1": "hr", "hr:2": "hr", "psa:1": "psa"}
    quiet = [("hr:1", "hr:2")]
    together = [["hr:1", "hr:2", "psa:1"]]
    assert cluster(ids, links, threshold=0.9, quiet=quiet, sources=sources) == together
    distinct = [("hr:2", "hr:1")]  # either order
    kept = cluster(ids, links, threshold=0.9, quiet=quiet, sources=sources, distinct=distinct)
    assert kept == [["hr:1", "psa:1"], ["hr:2"]]
    # it is still weighed as a link: without sources held once, the three join
    assert cluster(ids, links, threshold=0.9, quiet=quiet, distinct=distinct) == together
    # a link decided distinct between records of two sources changes nothing
    across = [("psa:1", "hr:2")]
    kept = cluster(ids, links, threshold=0.9, quiet=quiet, sources=sources, distinct=across)
    assert kept == together


@settings(max_examples=100, deadline=None)
@given(st.lists(link, max_size=25), st.lists(pair, max_size=8), st.randoms())
def test_one_source_apart_unless_a_link_of_their_own_is_not_decided_distinct(
    links: list[tuple[str, str, float]], distinct: list[tuple[str, str]], rnd: random.Random
) -> None:
    sources = {item: f"s{n % 3}" for n, item in enumerate(IDS)}
    clusters = cluster(IDS, links, threshold=0.9, sources=sources, distinct=distinct)
    linked = {(min(a, b), max(a, b)) for a, b, _ in links}
    left_apart = {(min(a, b), max(a, b)) for a, b in distinct}
    for members in clusters:
        for a in members:
            for b in members:
                if a < b and sources[a] == sources[b]:
                    assert (a, b) in linked and (a, b) not in left_apart
    shuffled = [(b, a, p) if rnd.random() < 0.5 else (a, b, p) for a, b, p in links]
    rnd.shuffle(shuffled)
    flipped = [(b, a) for a, b in reversed(distinct)]
    assert (
        cluster(list(reversed(IDS)), shuffled, threshold=0.9, sources=sources, distinct=flipped)
        == clusters
    )


def test_the_links_decided_distinct_are_the_same_from_scores_and_from_links() -> None:
    """A bulk run takes them from the scores, the library and an incremental run from the
    links' decisions (a distributed run from the stored decisions): one set. HR records hold
    a city, two in three a mailbox, half of them also in a PSA holding names only: pairs
    agreeing on names and nothing a steward could link on (nor does a city beside two
    mailboxes of the firm give one, ``matching.scoring.beside_conflict``)."""
    from matching.presets.resource import resource_settings
    from matching.resolution import distinct_links

    rng = random.Random(7)

    firsts = [_word(rng, 2).title() for _ in range(30)]
    lasts = [_word(rng, 3).title() for _ in range(60)]
    records: list[dict[str, object]] = []
    for n in range(300):
        first, last = rng.choice(firsts), rng.choice(lasts)
        records.append({
            "id": f"hr:{n}", "source": "hr", "first_name": first, "last_name": last,
            "email": f"{first}.{last}{n}@acme.com".lower() if n % 3 else None,
            "location_city": rng.choice(["Leeds", "York", "Oslo"]),
        })  # fmt: skip
        if n % 2 == 0:
            records.append(
                {"id": f"psa:{n}", "source": "psa", "first_name": first, "last_name": last}
            )
    matcher, scored, links = _trained_and_scored(resource_settings(), records)
    distinct = sorted(matcher.distinct_pairs(scored))
    assert distinct == sorted(distinct_links(links))
    assert 0 < len(distinct) < len(links)


def test_records_of_two_sources_still_join_through_others() -> None:
    """The rule is about one source only: a record of a third source with no link of its own
    to one member still joins through the others, as without sources."""
    links = [("a:1", "b:1", 0.99), ("b:1", "c:1", 0.99), ("a:1", "c:1", 0.95)]
    ids = ["a:1", "b:1", "c:1"]
    sources = {item: item.split(":")[0] for item in ids}
    assert cluster(ids, links[:2], threshold=0.9, sources=sources) == [ids]
    assert cluster(ids, links, threshold=0.9, sources=sources) == [ids]


def test_must_links_join_records_of_one_source_whatever_their_link() -> None:
    links = [("psa:1", "hr:1", 0.98), ("psa:1", "hr:2", 0.96)]
    sources = {"hr:1": "hr", "hr:2": "hr", "psa:1": "psa"}
    clusters = cluster(
        ["hr:1", "hr:2", "psa:1"], links, threshold=0.9, sources=sources,
        must_link=[("hr:1", "hr:2")],
    )  # fmt: skip
    assert clusters == [["hr:1", "hr:2", "psa:1"]]


@settings(max_examples=100, deadline=None)
@given(st.lists(link, max_size=25), st.randoms())
def test_one_source_apart_without_a_link_of_their_own_in_any_order(
    links: list[tuple[str, str, float]], rnd: random.Random
) -> None:
    sources = {item: f"s{n % 3}" for n, item in enumerate(IDS)}
    clusters = cluster(IDS, links, threshold=0.9, sources=sources)
    best: dict[tuple[str, str], float] = {}
    for a, b, p in links:
        key = (min(a, b), max(a, b))
        best[key] = max(p, best.get(key, 0.0))
    for members in clusters:
        for a in members:
            for b in members:
                if a < b and sources[a] == sources[b]:  # no link is quiet here
                    assert (a, b) in best
    shuffled = [(b, a, p) if rnd.random() < 0.5 else (a, b, p) for a, b, p in links]
    rnd.shuffle(shuffled)
    assert cluster(list(reversed(IDS)), shuffled, threshold=0.9, sources=sources) == clusters


def test_a_weight_against_at_a_quiet_level_leaves_the_link_quiet() -> None:
    """One person in an HR system and its staffing system (a strong link between them) and in
    an acquired firm's HR system, which names the rank from its own list (Senior Associate for
    Senior Consultant): its link to the staffing record, names and the two titles, weighs
    against for the title. The title's level leaves it quiet, so it does not keep the person
    apart; a weight against at another level, or a date one slip off, still does."""
    from matching.comparison import Comparison
    from matching.explanation import ComparisonWeight, Explanation
    from matching.levels import Else, Exact, Null
    from matching.resolution import Link, quiet_links

    with pytest.raises(ValueError, match="unknown quiet levels"):
        Comparison("t", "t", (Null(), Exact(), Else()), quiet_levels=frozenset({"other"}))
    title = Comparison(
        "title", "title", (Null(), Exact(), Else()), quiet_levels=frozenset({"else"})
    )
    assert title.quiet_mask().tolist() == [False, False, True]

    def link(right: str, *, quiet: bool, differs: bool = False) -> Link:
        parts = (
            ComparisonWeight("last_name", "exact", 6.3, 0.9, 0.01),
            ComparisonWeight("title", "else", -1.5, 0.3, 0.86, quiet=quiet),
            ComparisonWeight("hire_date", "year_slip", 3.0, 0.05, 0.006, differs=differs),
        )
        why = Explanation("psa:1", right, -12.1, parts, 0.3, 0.55)
        return Link("psa:1", right, 0.55, "distinct", why)

    links = [link("beta:1", quiet=True), link("beta:2", quiet=False)]
    links.append(link("beta:3", quiet=True, differs=True))
    assert quiet_links(links) == [("psa:1", "beta:1")]
    scored = [("hr:1", "psa:1", 0.999), ("hr:1", "beta:1", 0.9012), ("psa:1", "beta:1", 0.5545)]
    ids = ["beta:1", "hr:1", "psa:1"]
    assert cluster(ids, scored, threshold=0.9) == [["beta:1"], ["hr:1", "psa:1"]]
    assert cluster(ids, scored, threshold=0.9, quiet=quiet_links(links)) == [ids]


def test_links_against_only_for_two_firms_titles_are_quiet_from_scores_and_explanations() -> None:
    """People in one firm's HR system, most of them again in its staffing system (the same
    title) and half in an acquired firm's, whose titles come from its own list: the links
    weighing against for the title alone are quiet, the same from the scored weights (a bulk
    run) and from the explanations (the library)."""
    from matching.presets.resource import resource_settings

    acme = ("Consultant", "Senior Consultant", "Manager", "Senior Manager")
    beta = ("Associate", "Senior Associate", "Engagement Manager", "Director")
    rng = random.Random(11)
    records: list[dict[str, object]] = []
    for n in range(200):
        first, last = _word(rng, 2).title(), _word(rng, 3).title()
        rank = n % 4
        person = {"first_name": first, "last_name": last, "location_city": "Leeds"}
        records.append({"id": f"hr:{n}", "source": "hr", **person, "title": acme[rank]})
        if n % 4 != 0:
            records.append({"id": f"psa:{n}", "source": "psa", **person, "title": acme[rank]})
        if n % 2 == 0:
            other = {"first_name": first, "last_name": last, "title": beta[rank]}
            records.append({"id": f"beta:{n}", "source": "beta", **other})
    settings = resource_settings()
    title = next(c for c in settings.comparisons if c.name == "title")
    assert title.quiet_mask().tolist() == [False, False, True]
    quiet, links = _quiet_from_scores_and_explanations(settings, records)
    against = {
        (link.left_id, link.right_id)
        for link in links
        if any(
            part.comparison == "title" and part.weight < 0 for part in link.explanation.comparisons
        )
    }
    assert against and against <= set(quiet)


def test_a_record_linked_to_two_held_apart_does_not_join_them() -> None:
    """x holds a name and a website only and links to two sister companies of one group
    (g and i) that share the website; g and i's own pair, scored below the links, weighs
    against (legal form, country, tax id). x goes with the one it links more strongly, and
    does not join the other: left out, g and i's pair was no evidence, and x's two links
    covered half the pairs of {g, x} and {i}."""
    ids = ["g", "i", "x"]
    links = [("x", "g", 0.9995), ("x", "i", 0.999)]
    apart = [("g", "i", 1e-6)]
    assert cluster(ids, links, threshold=0.99) == [ids]
    assert cluster(ids, links, threshold=0.99, apart=apart) == [["g", "x"], ["i"]]
    stronger_to_i = [("x", "g", 0.999), ("x", "i", 0.9995)]
    assert cluster(ids, stronger_to_i, threshold=0.99, apart=apart) == [["g"], ["i", "x"]]
    # a pair of an id not clustered, or one that is a link, is left out
    outside = [("g", "elsewhere", 1e-6), ("x", "g", 1e-6)]
    assert cluster(ids, links, threshold=0.99, apart=outside) == [ids]


def test_a_pair_held_apart_is_weighed_but_counts_not_towards_the_coverage() -> None:
    """One weak pair against a cluster whose other links are certain does not veto (the
    links as a whole are strong); nor does it count as a link covering a member pair."""
    clique = [("a", "b", 0.999999), ("b", "c", 0.999999), ("a", "c", 0.999999)]
    ids = ["a", "b", "c", "d"]
    certain = [*clique, ("d", "a", 1 - 1e-9), ("d", "b", 1 - 1e-9)]
    assert cluster(ids, certain, threshold=0.99, apart=[("c", "d", 0.01)]) == [ids]
    one_link = [*clique, ("d", "b", 0.999999)]
    assert cluster(ids, one_link, threshold=0.99, apart=[("a", "d", 0.4)]) == [
        ["a", "b", "c"], ["d"],
    ]  # fmt: skip


def test_a_name_and_website_do_not_join_two_sister_companies() -> None:
    """A group's company in Leeds (its ERP) and its sister in New York (a billing system)
    share the group's website; a CRM holds the group's name and website only and links to
    both. The sisters' own pair weighs against on more than one value (phone, address,
    country), so the matcher holds it apart, and the CRM record joins one of them, not both."""
    from matching.presets.customer import customer_settings

    rng = random.Random(7)
    records: list[dict[str, object]] = []
    for n in range(150):
        stem = f"{_word(rng, 3).title()} Logistics"
        site = f"{stem.split()[0].lower()}.com"
        leeds = {
            "name": f"{stem} Ltd", "website": site, "phone": f"+44113{1000000 + n * 37:07d}",
            "postal_code": f"LS{n % 9} {n % 5}AB", "city": "Leeds", "country": "GB",
        }  # fmt: skip
        records.append({"id": f"erp:{n}", "source": "erp", **leeds})
        if n % 2:  # the same company, its phone written anew
            records.append({"id": f"billing:{n}", "source": "billing", **leeds, "phone": "+4411"})
            continue
        sister = {
            "name": f"{stem} Inc.", "website": site, "phone": f"+1212{2000000 + n * 41:07d}",
            "postal_code": f"{10001 + n}", "city": "New York", "country": "US",
        }  # fmt: skip
        records.append({"id": f"billing:us{n}", "source": "billing", **sister})
        records.append({"id": f"crm:{n}", "source": "crm", "name": stem, "website": site})
    matcher, scored, _ = _trained_and_scored(customer_settings(), records)
    apart = matcher.apart_pairs(scored)
    sisters = {frozenset((f"erp:{n}", f"billing:us{n}")) for n in range(0, 150, 2)}
    assert sisters <= {frozenset((left, right)) for left, right, _ in apart}
    ids = [str(record["id"]) for record in records]
    links = matcher.scored_links(scored)

    def joined(clusters: list[list[str]]) -> list[list[str]]:
        return [c for c in clusters if {x.split(":")[0] for x in c} == {"erp", "billing", "crm"}]

    assert joined(matcher.cluster(ids, links))  # left out, their pair was no evidence
    clusters = matcher.cluster(ids, links, apart=apart)
    assert not joined(clusters)
    with_crm = [c for c in clusters if any(x.startswith("crm:") for x in c)]
    assert len(with_crm) == 75 and all(len(c) == 2 for c in with_crm)


def test_joinable_records_are_those_of_a_link_at_the_threshold() -> None:
    """A distributed run reads the pairs held apart of these records only: a record whose
    links are all below the threshold is left out, one link at it is enough."""
    links = [("a", "b", 0.9), ("b", "c", 0.89), ("d", "e", 0.5), ("f", "f", 1.0)]
    assert joinable(links, 0.9) == {"a", "b"}
    assert joinable([], 0.9) == set()


apart_pair = st.tuples(st.sampled_from(IDS), st.sampled_from(IDS), st.floats(0.0, 0.1)).filter(
    lambda p: p[0] != p[1]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(link, max_size=20), st.lists(apart_pair, max_size=12), st.randoms())
def test_pairs_held_apart_weigh_alike_whichever_run_passes_them(
    links: list[tuple[str, str, float]],
    apart: list[tuple[str, str, float]],
    rnd: random.Random,
) -> None:
    """A run passes the pairs its scoring step held apart: one process every pair of the
    batch, the workers' blocks theirs (a pair two blocks make twice), an incremental run
    those of its neighbourhood. Clustering weighs those both of whose records have a link
    at or above the threshold, so the pairs of any other record, a pair passed twice or
    either way round, and their order change nothing."""
    linked = joinable(links, 0.9)  # what a run reads its pairs held apart for
    weighed = [(a, b, p) for a, b, p in apart if a in linked and b in linked]
    clusters = cluster(IDS, links, threshold=0.9, apart=weighed)
    passed = [(b, a, p) if rnd.random() < 0.5 else (a, b, p) for a, b, p in apart + weighed]
    rnd.shuffle(passed)
    outside = [("r0", "elsewhere", 0.0), ("elsewhere", "r1", 0.0)]
    assert cluster(IDS, links, threshold=0.9, apart=[*passed, *outside]) == clusters
