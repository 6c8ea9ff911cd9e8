"""Everything that defines how one kind of record is matched, as one frozen object."""

from __future__ import annotations

from dataclasses import dataclass, field

from matching.blocking import BlockingRule, Window
from matching.comparison import Comparison
from matching.feature import Feature
from matching.thresholds import Thresholds


@dataclass(frozen=True)
class EntitySettings:
    """Features to derive, blocking rules (OR-ed), comparisons, thresholds and limits.

    ``max_block_size``: keys shared by more records than this are ignored.
    ``window``: how a key shared by many (up to ``max_block_size``) records pairs them: None,
    every pair; else each record with its nearest neighbours in the block (``Window``).
    ``u_sample_size``: random pairs drawn to estimate u.
    ``link_only``: only pairs across different sources are candidates (by default).
    ``weigh_source``: whether the model weighs two records coming from one source (or from
    two) as evidence (``matching.source_pairs``).
    ``rivals_on``: the comparisons (the names) on which another record agreeing makes it a
    rival of a pair's (``matching.competition``); empty: rivals are not weighed.
    """

    entity: str
    features: tuple[Feature, ...]
    blocking_rules: tuple[BlockingRule, ...]
    comparisons: tuple[Comparison, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)
    max_block_size: int = 200
    window: Window | None = None
    u_sample_size: int = 1_000_000
    link_only: bool = False
    weigh_source: bool = False
    rivals_on: tuple[str, ...] = ()
    seed: int = 0

    @property
    def pairing_limit(self) -> int:
        """The most records a key of any rule may hold and pair: ``max_block_size``, or a
        rule's own limit above it (``BlockingRule.beyond_entity_limit``). What a run reads of
        an index or splits a batch by; each rule's own limit applies where it pairs."""
        caps = (rule.cap(self.max_block_size) for rule in self.blocking_rules)
        return max(caps, default=self.max_block_size)

    def __post_init__(self) -> None:
        names = {feature.name for feature in self.features}
        needed = {feature for rule in self.blocking_rules for feature in rule.features}
        if self.window is not None:
            needed.add(self.window.order)
        for comparison in self.comparisons:
            needed.add(comparison.feature)
            for level in comparison.levels:
                needed.update(level.features_read(comparison.feature))
        missing = needed - names
        if missing:
            raise ValueError(f"{self.entity}: features not defined: {sorted(missing)}")
        comparison_names = [comparison.name for comparison in self.comparisons]
        if len(set(comparison_names)) != len(comparison_names):
            raise ValueError(f"{self.entity}: comparison names must be unique")
        if set(self.rivals_on) - set(comparison_names):
            raise ValueError(f"{self.entity}: rivals_on names comparisons not defined")
        with_tf = {c.name for c in self.comparisons if c.tf_level() is not None}
        for comparison in self.comparisons:
            joint = comparison.tf_jointly_with
            if joint and not (comparison.name in with_tf and joint in with_tf - {comparison.name}):
                raise ValueError(
                    f"{self.entity}: {comparison.name!r} is weighed jointly with {joint!r}: "
                    "both need a term-frequency level"
                )
