"""Why a matrix cell's decidable true pairs (``tests.bench.matrix_decidable``) end in two
clusters: what the two records still share beside their names, and where the pair was lost.

Each lost pair falls in one kind:

* ``unreadable``: the shared deciding fields cannot be read against each other (employee
  numbers or mailboxes of two schemes, a placeholder hire date): names alone decide;
* ``conflict``: a field a person reads differs (another number of one scheme, another
  mailbox at one domain, a city of another country, an unlike first name);
* ``title``: nothing differs but the job title;
* ``nothing against``: the records agree or say nothing; ``namesake`` where another
  entity of the data bears the same first and last name.

and one stage: ``unblocked`` (blocking never paired it), ``below lower`` (scored at most the
lower threshold), ``review band`` (between the thresholds) or ``cluster refused`` (linked at
or above the upper threshold, kept apart by clustering).

``python -m tests.bench.matrix_losses resource 0.6`` prints the counts of the project's
matrix data (``peers_matrix``) with every non-key field dropped at that share."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from typing import Any

import numpy as np

from matching.standardise.text import fold
from tests.bench import matrix_data, matrix_decidable, peers_matrix
from tests.bench.generated_data import EntityData, entity_data, generate_dataset
from tests.bench.matrix_data import Record, surname

Loss = tuple[str, str, str]
"""(kind, stage, the shared deciding fields: ``=`` equal once folded (``fold``: case, accents,
punctuation), ``~`` differing)."""


def lost_pairs(data: EntityData) -> Counter[Loss]:
    """Counts of ``data``'s decidable true pairs resolved into two clusters, by kind, stage
    and shared fields (module doc)."""
    from matching import Matcher, settings_for

    decidable = matrix_decidable.decidable_pairs(data)
    readable = set(matrix_decidable.comparable_pairs(data, decidable))
    matcher = Matcher(settings_for(data.entity))
    resolution = matcher.resolve(list(data.records))
    cluster = {r: n for n, members in enumerate(resolution.clusters) for r in members}
    lost = [(a, b) for a, b in decidable if cluster[a] != cluster[b]]
    if not lost:
        return Counter()
    prepared = matcher.prepare(list(data.records))
    row = {str(record_id): n for n, record_id in enumerate(prepared.ids)}
    candidates = {tuple(p) for p in np.sort(matcher.candidate_pairs(prepared), axis=1).tolist()}
    indices = np.array([[row[a], row[b]] for a, b in lost], dtype=np.int64)
    scored = matcher.score_alone(prepared, indices)
    explained = scored.explain_all(np.arange(len(indices)))
    linked = {(link.left_id, link.right_id): link.probability for link in resolution.links}
    records = {str(r["id"]): r for r in data.records}
    namesakes = _entities_by_name(data)
    upper = matcher.thresholds.upper
    counts: Counter[Loss] = Counter()
    for (a, b), why in zip(lost, explained, strict=True):
        left, right = records[a], records[b]
        pair = (min(row[a], row[b]), max(row[a], row[b]))
        probability = linked.get((a, b), linked.get((b, a)))
        if pair not in candidates:
            stage = "unblocked"
        elif probability is None:
            stage = "below lower"
        else:
            stage = "cluster refused" if probability >= upper else "review band"
        against = sorted(
            {f"{part.comparison}:{part.level}" for part in why.comparisons if part.weight < 0}
        )
        conflicts = [item for item in against if not item.startswith("title:")]
        if (a, b) not in readable:
            kind = "unreadable"
        elif conflicts:
            kind = "conflict " + ",".join(conflicts)
        elif against:
            kind = "title"
        else:
            shared = namesakes[_name(left)] | namesakes[_name(right)]
            kind = "nothing against" + (", namesake" if len(shared) > 1 else "")
        counts[(kind, stage, _shared(data.entity, left, right))] += 1
    return counts


def _shared(entity: str, left: Record, right: Record) -> str:
    fields = matrix_decidable.DECIDING[entity]
    held = [f for f in fields if left.get(f) and right.get(f)]
    return "+".join(f + ("=" if _plain(left[f]) == _plain(right[f]) else "~") for f in held)


def _plain(value: Any) -> str:
    return fold(str(value))


def _name(record: Record) -> str:
    first = str(record.get("first_name") or record.get("name") or "").split(" ")[0]
    return _plain(f"{first} {surname(record) or ''}")


def _entities_by_name(data: EntityData) -> dict[str, set[object]]:
    truth = {str(k): v for k, v in zip(data.truth.index, data.truth.to_numpy(), strict=True)}
    named: dict[str, set[object]] = defaultdict(set)
    for record in data.records:
        named[_name(record)].add(truth[str(record["id"])])
    return named


def main(entity: str, share: float) -> None:
    dataset = generate_dataset(peers_matrix.SEED, peers_matrix.FULL_SIZE, peers_matrix.FULL_SIZE)
    data = matrix_data.dropped(entity_data(dataset, entity), share)
    counts = lost_pairs(data)
    kinds: Counter[str] = Counter()
    for (kind, _, _), n in counts.items():
        kinds[kind.split(",")[0].split(" ")[0]] += n
    print(f"{entity} drop {share:.0%}: {sum(counts.values())} lost", dict(kinds))
    for (kind, stage, shared), n in sorted(counts.items()):
        print(f"{n:5d}  {kind:60.60s} {stage:16s} {shared}")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
