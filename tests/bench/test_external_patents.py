"""The PatentsView mentions as resource records, and the estimate on a sampled benchmark."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.bench.external_patents import estimate, kept_blocks, mention_records, true_pairs


def _mentions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "mention_id": ["US5828387-4", "US10692631-0", "US4000001-1"],
            "block": ["fl:ha_ln:takahashi", "fl:se_ln:lee", "fl:jo_ln:smith"],
            "raw_inventor_name_first": ["Haruhiko", " Seok Ju ", "John A."],
            "raw_inventor_name_last": ["Takahashi", "Lee", "Smith"],
            "raw_city": ["Yokohama", "Suwon-si", None],
            "raw_state": [None, None, "TX"],
            "raw_country": ["JPX", "KR", "GB2"],
            "raw_assignee_organization": [["Canon Kabushiki Kaisha"], ["LS Cable"], [None]],
            "patent_date": ["1998-10-27", "2020-06-23", "1976-12-28"],
        }
    )


def test_each_mention_becomes_a_resource_with_its_name_and_place() -> None:
    records = mention_records(_mentions())

    assert records[0] == {
        "id": "US5828387-4",
        "source": "patentsview",
        "source_id": "US5828387-4",
        "first_name": "Haruhiko",
        "last_name": "Takahashi",
        "location_city": "Yokohama",
        "country": "JP",
    }
    assert records[1]["first_name"] == "Seok Ju"
    assert (records[2]["location_city"], records[2]["country"]) == (None, "GB")


@pytest.mark.parametrize(("raw", "iso"), [("JA", "JP"), ("DT", "DE"), ("TWX", "TW"), ("US", "US")])
def test_older_uspto_country_codes_read_as_iso(raw: str, iso: str) -> None:
    frame = _mentions().head(1).assign(raw_country=[raw])

    assert mention_records(frame)[0]["country"] == iso


def test_the_quick_run_keeps_whole_blocks() -> None:
    blocks = pd.Series([f"block-{n % 40}" for n in range(400)])

    kept = kept_blocks(blocks, quick=True)

    assert 0 < kept.sum() < len(blocks)
    assert kept.groupby(blocks).nunique().eq(1).all()
    assert kept_blocks(blocks, quick=False).all()


def test_a_sampled_benchmark_is_estimated_with_inverse_size_weights() -> None:
    reference = pd.Series({"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"})
    perfect = pd.Series({"a": 1, "b": 1, "c": 2, "d": 2, "e": 2, "f": 3})
    lumped = pd.Series({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1})

    assert estimate(perfect, reference).precision[0] == pytest.approx(1.0)
    assert estimate(perfect, reference).recall[0] == pytest.approx(1.0)
    assert estimate(lumped, reference).precision[0] < 1.0
    assert estimate(lumped, reference).recall[0] == pytest.approx(1.0)
    assert true_pairs(reference) == 4
