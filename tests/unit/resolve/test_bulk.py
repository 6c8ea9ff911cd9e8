from __future__ import annotations

import threading
from collections.abc import Iterator

from mdm.resolve.bulk import read_ahead


def test_read_ahead_gives_every_item_in_order_making_the_next_while_this_one_is_used() -> None:
    made = [threading.Event() for _ in range(3)]

    def items() -> Iterator[int]:
        for n in range(3):
            made[n].set()
            yield n

    seen = []
    for item in read_ahead(items()):
        if item < 2:  # the next item is being made while this one is in the caller's hands
            assert made[item + 1].wait(timeout=5)
        seen.append(item)
    assert seen == [0, 1, 2]


def test_read_ahead_of_nothing_gives_nothing() -> None:
    assert list(read_ahead(iter([]))) == []
