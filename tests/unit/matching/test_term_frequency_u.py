"""u of a name the pair agrees on: counted among the batch's records, and no commoner than
random pairs show names agree where no other entity holds it."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from matching import Matcher
from matching.presets.customer import customer_settings
from matching.term_frequency import count_terms, count_words
from matching.term_frequency_u import term_frequency_u, words_u

NAMES = ["granita", "granita", "aquavit", "aquavit", "cafe bizou", "cafe bizou", "cafe bizou"]


def _columns() -> tuple[np.ndarray, np.ndarray]:
    values = np.array(NAMES, dtype=object)
    words = np.empty(len(NAMES), dtype=object)
    words[:] = [tuple(name.split()) for name in NAMES]
    return values, words


def _u(level_u: float) -> np.ndarray:
    values, words = _columns()
    table, word_table = count_terms("name", values), count_words("words", words)
    return words_u(table, word_table, (values, words), 1.0, level_u)


def test_a_name_no_other_entity_holds_is_no_commoner_than_names_agree_at_random() -> None:
    # granita: two records, the record and its copy: as rare as its word, half a record
    as_its_words = 0.5 / len(NAMES)
    assert _u(1.0)[0] == pytest.approx(as_its_words)
    assert _u(1e-5)[0] == pytest.approx(1e-5)


def test_a_name_other_entities_hold_is_as_common_as_they_show() -> None:
    # cafe bizou: three records, less the record and its copy: one other entity's
    shown = 1.0 / len(NAMES)
    assert _u(1e-5)[4] == pytest.approx(shown)
    assert _u(1.0)[4] == pytest.approx(shown)


def _guide(n: int, rng: random.Random) -> dict[str, object]:
    head = "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
    return {
        "name": head.title(),
        "address_line1": f"{rng.randrange(1, 300)} {rng.choice(('High', 'Mill', 'Park'))} Road",
        "city": rng.choice(("Leeds", "York", "Hull", "Bradford")),
        "phone": f"+44113{1000000 + n * 37:07d}",
        "country": "GB",
    }


@pytest.fixture(scope="module")
def guides() -> Matcher:
    """Two guides of 400 and 200 restaurants (one-word names, few shared by two of them), 150
    in both; random pairs agree on a name far less often than once in the 600 records."""
    rng = random.Random(5)
    records: list[dict[str, object]] = []
    for n in range(400):
        entry = _guide(n, rng)
        records.append({"id": f"a:{n}", "source": "a", **entry})
        if n < 150:
            records.append({"id": f"b:{n}", "source": "b", **entry})
        elif n < 200:
            records.append({"id": f"b:{n}", "source": "b", **_guide(1000 + n, rng)})
    matcher = Matcher(customer_settings())
    matcher.train(matcher.prepare(records))
    return matcher


def test_a_rare_name_weighs_what_random_pairs_show_names_weigh(guides: Matcher) -> None:
    """A name only the two records hold, in one city, a street on one side only: the name
    weighs the exact level's weight (``log2(m/u)``), more than half a record would say."""
    model = guides.model
    assert model is not None
    left = {"id": "a:new", "source": "a", "name": "Quillfeather", "city": "York"}
    right = {**left, "id": "b:new", "source": "b", "address_line1": "5 Kings Road"}
    why = guides.score_against(left, [right])[0][2]
    name = next(part for part in why.comparisons if part.comparison == "name")
    exact = model.comparison("name").levels[_name_level(guides, "exact")]
    assert name.level == "exact" and name.term_frequency_adjusted
    assert exact.weight > np.log2(exact.m / (0.5 / model.term_frequencies["name"].total))
    assert name.weight == pytest.approx(exact.weight)


def _name_level(matcher: Matcher, label: str) -> int:
    comparison = next(c for c in matcher.settings.comparisons if c.name == "name")
    return comparison.labels.index(label)


def test_each_pair_reads_its_records_u_however_often_the_record_recurs(guides: Matcher) -> None:
    """A record's u is found once for all of its pairs: each pair reads the same bits the
    record alone would, in any order and however many pairs hold the record."""
    model = guides.model
    assert model is not None
    comparison = next(c for c in guides.settings.comparisons if c.name == "name")
    tf_level = comparison.tf_level()
    assert tf_level is not None
    # no cap from random pairs: the values' own counts and words tell them apart
    level = replace(model.comparison("name").levels[tf_level], u=1.0)
    held = [name.title() for name in list(model.term_frequencies["name"].counts)[:3]]
    names = [*held, "Quillfeather", "Cafe Quillfeather"]
    batch = guides.prepare(
        [
            {"id": str(n), "source": "a", "name": name, "city": "York"}
            for n, name in enumerate(names)
        ]
    )
    left_idx = np.array([3, 0, 4, 3, 1, 0, 2, 4, 4])
    hit = np.ones(len(left_idx), dtype=bool)
    hit[5] = False
    together = term_frequency_u(comparison, model, batch, left_idx, hit, level)
    assert together is not None and len(set(together.tolist())) > 1
    alone = [
        term_frequency_u(comparison, model, batch, np.array([i]), np.array([True]), level)
        for i in left_idx[hit].tolist()
    ]
    assert together.tolist() == [u[0] for u in alone if u is not None]
