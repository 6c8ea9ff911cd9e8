"""Two values seen together: how often another entity's records hold both (a full name).

Term frequencies weigh each name on its own, so agreeing on a first and a last name weighs as
if the two were drawn independently: ``freq(first) x freq(last)``. Names are not: they go
together by family, by culture and by namesake (two people of one full name), so a full name
is held by other people far more often than the product says ("Jan Bakker", "Ana Silva"), and
two records agreeing on it are overrated as one person. A comparison naming another in
``Comparison.tf_jointly_with`` counts the two values as one: where both comparisons agree at
their term-frequency levels, the pair's u for the two together is the share of other entities'
records holding both, when the batch shows some (never below the product), and the
comparison's own weight takes the difference, down to the least its weaker agreement levels
weigh (as any common value's does, ``matching.scoring``). First names agreeing as a nickname
and its canonical name are read so too, by the commoner of the two full names
(``matching.joint_weights``).

How many entities hold a full name: in a batch of several sources, the most records holding it
in any one source (a source holds an entity once, ``EntitySettings.weigh_source``; its copies
are in the other sources); in a batch of one source, the records holding it less the copies
the prior expects of one entity. The table counts distinct records (``matching.training``);
an entity named on many records (an inventor on hundreds of patents) holds more distinct ones
than the average entity (other cities, other spellings), one named once holds fewer. The
copies expected of a full name's holder scale with how often the batch repeats the name's
records against how often it repeats a record on average (``repeats``): an inventor's own
distinct records are not counted as other people holding the name, and namesakes each named
once are not taken for one entity's copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from matching.comparison import Comparison
from matching.feature import Prepared
from matching.term_frequency import TermFrequencies

SEPARATOR = "\x1f"


def joint_key(comparison: Comparison) -> str:
    """The key of a comparison's joint table among a model's term frequencies."""
    return f"{comparison.name}.jointly.{comparison.tf_jointly_with}"


def tf_feature(comparison: Comparison) -> str:
    """The feature a comparison's term-frequency level reads."""
    tf_level = comparison.tf_level()
    if tf_level is None:
        raise ValueError(f"comparison {comparison.name!r} has no term-frequency level")
    return comparison.levels[tf_level].on(comparison.feature)


def partner(comparisons: Sequence[Comparison], comparison: Comparison) -> int:
    """The column of the comparison ``comparison`` is weighed jointly with."""
    names = [c.name for c in comparisons]
    return names.index(comparison.tf_jointly_with)


def joint_table(
    comparisons: Sequence[Comparison],
    comparison: Comparison,
    prepared: Prepared,
    every: Prepared | None = None,
) -> TermFrequencies:
    """The joint table of ``comparison`` and its partner, counted in ``prepared`` (``every``:
    the batch with its copies, when ``prepared`` holds its distinct records)."""
    other = comparisons[partner(comparisons, comparison)]
    features = (tf_feature(other), tf_feature(comparison))
    return count_joint(joint_key(comparison), prepared, features, every)


def joint_values(first: np.ndarray, second: np.ndarray) -> list[str | None]:
    """Both values as one string, None where either is unknown."""
    return [
        f"{a}{SEPARATOR}{b}" if isinstance(a, str) and isinstance(b, str) else None
        for a, b in zip(first.tolist(), second.tolist(), strict=True)
    ]


def count_joint(
    name: str, prepared: Prepared, features: tuple[str, str], every: Prepared | None = None
) -> TermFrequencies:
    """Records holding each pair of values (``per_source``: the most in any one source, when
    the batch holds several); pairs held once are not stored. ``every``: the batch with its
    copies, when ``prepared`` holds its distinct records: in a batch of one source, how often
    it repeats each stored value's records is kept (``repeats_of``)."""
    values = joint_values(prepared.column(features[0]), prepared.column(features[1]))
    sources = prepared.sources.astype(str).tolist()
    known = [(value, source) for value, source in zip(values, sources, strict=True) if value]
    per_source = len({source for _, source in known}) > 1
    if per_source:
        counts: Counter[str] = Counter()
        for (value, _), count in Counter(known).items():
            counts[value] = max(counts[value], count)
    else:
        counts = Counter(value for value, _ in known)
    held = {value: count for value, count in counts.items() if count > 1}
    table = TermFrequencies(name, len(known), held, per_source=per_source)
    if every is None or per_source or len(every) == len(prepared):
        return table
    repeated = joint_values(every.column(features[0]), every.column(features[1]))
    return replace(table, repeats=repeats_of(table, repeated))


def repeats_of(table: TermFrequencies, repeated: Sequence[str | None]) -> dict[str, float]:
    """Per value ``table`` stores: how many times more often ``repeated`` (the values of the
    batch's records, copies and all) holds it than ``table``'s distinct records do, over how
    many times it holds a distinct record on average (1, the average, is not kept)."""
    held = Counter(value for value in repeated if value)
    average = sum(held.values()) / max(table.total, 1)
    if not average:
        return {}
    ratios = {value: held[value] / count / average for value, count in table.counts.items()}
    return {value: ratio for value, ratio in ratios.items() if ratio != 1.0}


def other_share(table: TermFrequencies, values: Sequence[str | None], copies: float) -> np.ndarray:
    """Per value: the share of other entities' records holding it, 0 where none is shown
    (at least one record of another entity left once the record and its copies are out; in
    a batch of one source, the copies scaled by how often the value's records repeat against
    the batch's, ``repeats``)."""
    out = np.zeros(len(values))
    total = max(table.total, 1)
    for index, value in enumerate(values):
        count = table.counts.get(value, 1) if value else 1
        own = copies * table.repeats.get(value, 1.0) if value else copies
        others = (count - 1) * (1.0 + copies) if table.per_source else count - 1.0 - own
        if others >= 1.0:
            out[index] = others / total
    return out
