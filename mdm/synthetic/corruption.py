"""Applies realistic mistakes to a copy of a record: 0 to 3 of them, by the error rate."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TypeVar

from mdm.synthetic.draws import Weighted, pick
from mdm.synthetic.model import Row
from mdm.synthetic.spelling import keyboard_typo

T = TypeVar("T")
Mistake = Callable[[Row, T, random.Random], None]
_HOW_MANY = Weighted((1, 2, 3), (60, 28, 12))


def corrupt(
    row: Row, truth: T, mistakes: Weighted[Mistake[T]], error_rate: float, rng: random.Random,
    force: bool = False,
) -> int:  # fmt: skip
    """Apply mistakes to ``row`` with probability ``error_rate`` (always if ``force``)."""
    if not force and rng.random() >= error_rate:
        return 0
    count = _HOW_MANY.draw(rng)
    for _ in range(count):
        mistakes.draw(rng)(row, truth, rng)
    return count


def typo_in(row: Row, fields: tuple[str, ...], rng: random.Random) -> None:
    present = [f for f in fields if row[f]]
    if present:
        field = pick(rng, present)
        row[field] = keyboard_typo(row[field], rng)


def blank_one(row: Row, fields: tuple[str, ...], rng: random.Random) -> None:
    present = [f for f in fields if row[f]]
    if present:
        row[pick(rng, present)] = ""


def respace(text: str, rng: random.Random) -> str:
    """Stray punctuation and spacing: double spaces, a trailing dot, a missing space."""
    roll = rng.random()
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if roll < 0.4 and spaces:
        i = pick(rng, spaces)
        return text[:i] + "  " + text[i + 1 :]
    if roll < 0.7:
        return text + "."
    return text.replace(" & ", "&").replace(", ", ",")
