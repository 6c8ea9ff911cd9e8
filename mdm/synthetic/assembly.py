"""Turns true entities into per-system extracts: keys, copies, habits, mistakes, duplicates."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from mdm.synthetic.corruption import Mistake, corrupt
from mdm.synthetic.draws import Weighted
from mdm.synthetic.model import HEADERS, Extract, Row
from mdm.synthetic.systems import SourceKeys

T = TypeVar("T")
Keys = dict[tuple[str, str], str]  # (system, truth id) -> the first source id for it there


@dataclass
class Plan(Generic[T]):
    """Which copy of which true entity each system will hold, with its source id."""

    entity: str
    copies: list[tuple[str, T, str, bool]] = field(default_factory=list)  # system, item, id, dup
    keys: Keys = field(default_factory=dict)


def plan_copies(
    entity: str, placed: Sequence[tuple[T, str, list[str]]], source_keys: SourceKeys,
    duplicate_rate: float, rng: random.Random,
) -> Plan[T]:  # fmt: skip
    """``placed`` = (item, truth id, systems holding it). Adds in-source duplicates."""
    plan: Plan[T] = Plan(entity)
    for item, truth_id, systems in placed:
        for system in systems:
            key = source_keys.new(system, entity)
            plan.keys[(system, truth_id)] = key
            plan.copies.append((system, item, key, False))
            if rng.random() < duplicate_rate:
                plan.copies.append((system, item, source_keys.new(system, entity), True))
    return plan


@dataclass(frozen=True)
class Rendering(Generic[T]):
    render: Callable[[T, str, str, random.Random], Row]  # item, system, source id -> row
    finish: Callable[[Row, str, random.Random], None]
    mistakes: Weighted[Mistake[T]]
    truth_id: Callable[[T], str]


def build_extracts(
    plan: Plan[T], how: Rendering[T], error_rate: float, rng: random.Random
) -> tuple[list[Extract], dict[tuple[str, str, str], str]]:
    rows: dict[str, list[Row]] = {}
    truth: dict[tuple[str, str, str], str] = {}
    for system, item, key, duplicate in plan.copies:
        row = how.render(item, system, key, rng)
        corrupt(row, item, how.mistakes, error_rate, rng, force=duplicate)
        how.finish(row, system, rng)
        row["source_id"] = key
        rows.setdefault(system, []).append(row)
        truth[(system, plan.entity, key)] = how.truth_id(item)
    extracts = []
    for system, system_rows in rows.items():
        rng.shuffle(system_rows)
        extracts.append(Extract(system, plan.entity, HEADERS[plan.entity], system_rows))
    return extracts, truth


def no_finish(row: Row, system: str, rng: random.Random) -> None:
    """Systems that store what they are given."""
