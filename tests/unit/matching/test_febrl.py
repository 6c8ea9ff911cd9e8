"""Accuracy floor on FEBRL (unsupervised; the truth only counts)."""

from __future__ import annotations

import pytest

from tests.bench.febrl_ours import run_febrl


@pytest.mark.parametrize(("name", "floor"), [("febrl3", 0.98), ("febrl4", 0.99)])
def test_febrl_f1_floor(name: str, floor: float) -> None:
    figures = run_febrl(name)
    assert figures["blocking_recall"] >= 0.99
    assert figures["f1"] >= floor
