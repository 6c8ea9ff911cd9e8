"""An explanation's plain form carries every field of the explanation and of each
comparison's weight, nothing more."""

from __future__ import annotations

import json
from dataclasses import fields

from matching.explanation import ComparisonWeight, Explanation


def test_to_dict_carries_every_field() -> None:
    explanation = Explanation(
        "a",
        "b",
        -3.5,
        (ComparisonWeight("name", "exact", 6.0, 0.9, 0.01, True, False),),
        2.5,
        0.85,
        False,
    )
    expected = {f.name: getattr(explanation, f.name) for f in fields(Explanation)}
    expected["comparisons"] = [c._asdict() for c in explanation.comparisons]
    assert json.loads(json.dumps(explanation.to_dict())) == json.loads(json.dumps(expected))
    assert set(expected["comparisons"][0]) == set(ComparisonWeight._fields)
