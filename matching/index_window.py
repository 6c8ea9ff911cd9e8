"""A window over an index's blocks: which records of a block a record filed under its key pairs
with, as bulk blocking pairs them (``Window``): all of them in a block of no more than the
window's ``full`` units, else its ``neighbours`` nearest on either side in the order of the
window's feature and every record holding the same value of it. A block is counted and ordered by its units, as a bulk run blocks its units'
representatives alone (``matching.copies``): a copy that joined its representative neither
counts nor stands between two records; ties in the order go to the smaller id
(``matching.id_order``), as bulk blocking breaks them whatever order its batch holds the
records in (``matching.blocking_pairs``).

An incremental run (``resolve_around``) pairs through it. A lookup does not: it reads its
candidates' keys, not their features, and ranks them by their keys instead
(``mdm.repositories.candidates``)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from matching.blocking import BlockingRule, Window
from matching.blocking_pairs import id_rank, order_rank
from matching.feature import Prepared

Partners = Callable[[int, str, list[int]], list[int]]
"""(filed record, key, records of its block, by index) -> those the filed record pairs with."""


def window_partners(
    prepared: Prepared,
    rules: Sequence[BlockingRule],
    max_block_size: int,
    window: Window | None,
    copies: Collection[int] = (),
) -> Partners | None:
    """What a record of ``prepared`` filed under a key pairs with among the key's records
    (None, without a window: all of them). ``copies``: the records (by index) that joined
    their representative, which a window leaves out."""
    if window is None:
        return None
    rank = order_rank(prepared, window.order)
    tie = id_rank(prepared)
    full = {rule.name: min(window.full, rule.cap(max_block_size)) for rule in rules}
    skipped = set(copies)

    def partners(index: int, key: str, members: list[int]) -> list[int]:
        units = {member for member in members if member not in skipped}
        if index not in skipped:
            units.add(index)
        if len(units) <= full.get(key.partition(":")[0], window.full):
            return members
        if index in skipped:
            return []
        ordered = sorted(units, key=lambda member: (rank[member], tie[member]))
        place = {member: n for n, member in enumerate(ordered)}
        at = place[index]
        near = {
            *ordered[max(0, at - window.neighbours) : at],
            *ordered[at + 1 : at + 1 + window.neighbours],
        }
        if rank[index] > 0:  # a known value: every record holding it too
            near.update(m for m in units if m != index and rank[m] == rank[index])
        return sorted(near, key=place.__getitem__)

    return partners
