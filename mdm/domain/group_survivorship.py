"""Survivorship of attribute groups: coupled fields survive as one block from one member.

An address (lines, city, postcode, region, country) assembled from several records describes a
place that exists in none of them, so a group's rule chooses one source record version and every
field of the group comes from it, empty where that version is empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mdm.domain.members import MemberVersion
from mdm.domain.survivorship_choice import Candidate, choose
from mdm.domain.survivorship_rules import GroupRule


def _block(member: MemberVersion, group: GroupRule) -> tuple[Any, ...]:
    values = member.values
    return tuple(
        None if f in member.invalid or values.get(f) in (None, "", []) else values[f]
        for f in group.fields
    )


def _filled(c: Candidate) -> int:
    return sum(v is not None for v in c[1])


def choose_block(
    name: str, group: GroupRule, members: Sequence[MemberVersion]
) -> tuple[MemberVersion, tuple[Any, ...]] | None:
    """The member whose block survives, and the block; ``None`` when no member has any of it.

    Members whose block holds no value the ingest flagged invalid are preferred; among them
    the group's rule decides (``most_complete`` counts the group's own fields)."""
    cands: list[Candidate] = [(m, _block(m, group)) for m in members]
    cands = [c for c in cands if _filled(c)]
    if not cands:
        return None
    clean = [c for c in cands if not any(f in c[0].invalid for f in group.fields)]
    cands = clean or cands
    if group.rule == "most_complete":
        best = max(
            cands,
            key=lambda c: (_filled(c), c[0].received_at, c[0].version_id, c[0].system),
        )
        return best[0], best[1]
    member, block = choose(group, name, cands)
    return member, block
