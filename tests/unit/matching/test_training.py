"""Training: the prior is the share of matches among all pairs of the batch."""

from __future__ import annotations

import pytest

from matching.feature import prepare_records
from matching.training import pair_count


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
