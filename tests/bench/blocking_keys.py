"""Candidate pairs per blocking rule on the scale section's customers, by the library alone:
which rules make the pairs, how many true pairs each finds (alone too, before corroboration:
``matching.corroboration``), blocking recall (of the pairs that stand).

    python -m tests.bench.blocking_keys 58824-16 176471-16 588235-16   # folders under .data/scale

``MDM_BENCH_SCALE_DATA`` names another folder holding the extracts.

Records are read and canonicalised as `mdm ingest` does (``read_extract``, ``canonicalise``);
the features blocking reads are kept under ``.data/keys/`` (preparing 1,000,000 records takes
minutes), so blocking can be measured again quickly after a change to the rules.
"""

from __future__ import annotations

import csv
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from matching import Prepared, settings_for
from matching.blocking_keys import rule_keys
from matching.blocking_pairs import block, rule_pairs, unique_pairs
from matching.corroboration import corroborated_pairs
from matching.feature import prepare_records
from mdm.domain.canonical import canonicalise
from mdm.ingest.reader import read_extract
from tests.bench.hub_scale import DATA

SCALE = Path(os.environ.get("MDM_BENCH_SCALE_DATA", DATA))
CACHE = SCALE.parent / "keys"


def _records(folder: Path) -> tuple[list[dict[str, object]], np.ndarray]:
    with (folder / "truth.csv").open(encoding="utf-8") as f:
        truth = {(r["system"], r["source_id"]): r["entity"] for r in csv.DictReader(f)}
    records, labels = [], []
    for path in sorted(p for p in folder.glob("*.csv") if p.name != "truth.csv"):
        for row in read_extract(path).rows:
            canon = canonicalise("customer", row.values)
            if canon.errors:
                continue
            records.append(
                {**canon.values, "id": f"{path.stem}:{canon.source_id}", "source": path.stem}
            )
            labels.append(truth[(path.stem, str(canon.source_id))])
    return records, np.asarray(labels, dtype=object)


def prepared(name: str) -> tuple[Prepared, np.ndarray]:
    """The records of ``.data/scale/<name>`` with every feature blocking reads, and their
    true entities."""
    cached = CACHE / f"{name}.pickle"
    if cached.exists():
        with cached.open("rb") as f:
            return pickle.load(f)  # type: ignore[no-any-return]
    settings = settings_for("customer")
    wanted = {f for rule in settings.blocking_rules for f in rule.features}
    wanted |= {settings.window.order} if settings.window else set()
    records, labels = _records(SCALE / name)
    batch = prepare_records(records, [f for f in settings.features if f.name in wanted])
    CACHE.mkdir(parents=True, exist_ok=True)
    with cached.open("wb") as f:
        pickle.dump((batch, labels), f, protocol=pickle.HIGHEST_PROTOCOL)
    return batch, labels


def _true(pairs: np.ndarray, labels: np.ndarray) -> np.ndarray:
    return labels[pairs[:, 0]] == labels[pairs[:, 1]]


def report(name: str) -> None:
    batch, labels = prepared(name)
    settings = settings_for("customer")
    n, size, window = len(batch), settings.max_block_size, settings.window
    true_total = sum(k * (k - 1) // 2 for k in Counter(labels.tolist()).values())
    each = {
        r.name: unique_pairs(rule_pairs(r, batch, size, window), n) for r in settings.blocking_rules
    }
    codes = {name: p[:, 0] * n + p[:, 1] for name, p in each.items()}
    seen = Counter(c for found in codes.values() for c in found.tolist())
    rules = settings.blocking_rules
    found = corroborated_pairs(batch, block(batch, rules, size, window=window), rules, size)
    print(f"\n{name}: {n} records, {true_total} true pairs, {len(found)} candidate pairs "
          f"({len(found) / n:.2f}/record), blocking recall {_true(found, labels).sum() / true_total:.5f} "
          f"({true_total - _true(found, labels).sum()} true pairs missed)")  # fmt: skip
    print(f"{'rule':30} {'keys':>8} {'paired':>8} {'>max':>6} {'big':>6} {'pairs/rec':>9} "
          f"{'only/rec':>8} {'true':>7} {'true only':>9}")  # fmt: skip
    for rule in settings.blocking_rules:
        _, keys = rule_keys(rule, batch)
        cap, full = rule.cap(size), window.full if window else size
        sizes = np.asarray(list(Counter(keys.tolist()).values()))
        pairs = each[rule.name]
        only = np.asarray([seen[c] == 1 for c in codes[rule.name].tolist()], dtype=bool)
        hits = _true(pairs, labels)
        print(f"{rule.name:30} {len(sizes):8} {int((sizes >= 2).sum()):8} "
              f"{int((sizes > cap).sum()):6} {int(((sizes > full) & (sizes <= cap)).sum()):6} "
              f"{len(pairs) / n:9.3f} {only.sum() / n:8.3f} {int(hits.sum()):7} "
              f"{int((hits & only).sum()):9}")  # fmt: skip


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        report(folder)
