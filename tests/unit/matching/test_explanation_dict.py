"""An explanation's plain form carries every field, as ``dataclasses.asdict`` would."""

from __future__ import annotations

import json
from dataclasses import asdict

from matching.explanation import ComparisonWeight, Explanation


def test_to_dict_equals_asdict_as_json() -> None:
    explanation = Explanation(
        "a",
        "b",
        -3.5,
        (ComparisonWeight("name", "exact", 6.0, 0.9, 0.01, True, False),),
        2.5,
        0.85,
        False,
    )
    assert json.loads(json.dumps(explanation.to_dict())) == json.loads(
        json.dumps(asdict(explanation))
    )
