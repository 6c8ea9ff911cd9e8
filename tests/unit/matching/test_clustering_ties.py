"""Links of one probability are taken in id order, ids of digits by their number
(``matching.id_order``): the same records under ids moved on by a rolled-back transaction
(a dry run, then the load) cluster alike, however the ids' lengths in digits differ."""

from __future__ import annotations

import random

import pytest

from matching.clustering import cluster
from matching.id_order import id_key, in_id_order
from matching.resolution import Apart

THRESHOLD = 0.9


def _clustered(
    base: int, links: list[tuple[int, int, float]], apart: list[tuple[int, int, float]], n: int
) -> list[list[int]]:
    """The clusters of records 0..n-1 (named ``base`` + their number), as those numbers."""

    def name(k: int) -> str:
        return str(base + k)

    found = cluster(
        [name(k) for k in range(n)],
        [(name(a), name(b), p) for a, b, p in links],
        threshold=THRESHOLD,
        apart=[(name(a), name(b), p) for a, b, p in apart],
    )
    return sorted(sorted(int(record) - base for record in members) for members in found)


def test_of_two_links_alike_the_one_of_the_smaller_ids_by_their_number_is_taken_first() -> None:
    # 999 links to 1000 as surely as 1000 to 1001, and 999 and 1001 differ: one pair joins
    links = [("999", "1000", 0.95), ("1000", "1001", 0.95)]
    apart: list[Apart] = [("999", "1001", 0.01)]
    found = cluster(["1001", "999", "1000"], links, threshold=THRESHOLD, apart=apart)
    assert sorted(found) == [["1000", "999"], ["1001"]]


def _tied_links(
    seed: int, n: int
) -> tuple[list[tuple[int, int, float]], list[tuple[int, int, float]]]:
    """Links among ``n`` records, all of one probability or two, and pairs held apart."""
    rng = random.Random(seed)
    links, apart = [], []
    for a in range(n):
        for b in range(a + 1, n):
            draw = rng.random()
            if draw < 0.3:
                links.append((a, b, rng.choice((0.95, 0.99))))
            elif draw < 0.5:
                apart.append((a, b, 0.01))
    return links, apart


@pytest.mark.parametrize("seed", range(12))
def test_ids_moved_on_across_a_digit_boundary_cluster_alike(seed: int) -> None:
    links, apart = _tied_links(seed, 11)
    below = _clustered(1995, links, apart, 11)  # 1995..2005: four digits each
    for base in (995, 95, 9995):  # 995..1005, 95..105, 9995..10005: a digit more midway
        assert _clustered(base, links, apart, 11) == below, base


def test_ids_of_digits_go_by_their_number_before_other_ids() -> None:
    assert in_id_order(["1000", "r2", "999", "07", "7", "10", "r10", "999"]) == [
        "07", "7", "10", "999", "1000", "r10", "r2",
    ]  # fmt: skip
    assert id_key("²") == (1, 0, "²")  # a digit only Unicode calls one is text
