"""One block of a bulk resolution split for workers (``mdm.resolve.distributed``), done where
the block's task runs: read the block's records from PostgreSQL, match them, stage what they
give for the run, mark the block done, all in one transaction.

- ``keys``: a range of the entity's records given their blocking keys; the block stages the
  keys (filed by the run when it ends) and returns (record id, key hash) pairs, from which the
  run makes the score blocks, and each record's content hash, by which the run finds copies
  (``mdm.resolve.run_copies``).
- ``score``: a block's records paired on the keys the block was given (it holds every record
  of each), compared and scored with the stored model, as the whole batch would be; the block
  stages the links above the lower threshold and the pairs below it held apart
  (``Matcher.apart_pairs``), which the run clusters all together.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import numpy as np

from matching import (
    EntitySettings,
    Matcher,
    block_candidates,
    content_hashes,
    filed_hashes,
)
from mdm.db.bulk import as_json
from mdm.repositories import match_work as work
from mdm.resolve.matcher_settings import matcher_settings
from mdm.resolve.run_copies import Filed
from mdm.unit_of_work import UnitOfWork


class ModelMissing(RuntimeError):
    """A score block found no stored model for its entity (the run stores one first)."""


def run_block(uow: UnitOfWork, run_id: uuid.UUID, phase: str, number: int) -> str:
    """Do one block of a run, once: a block done (or a run gone) is left as it is."""
    block = uow.work.claim(run_id, phase, number)
    if block is None or block.done:
        return f"block {phase}/{number} of run {run_id}: nothing to do"
    entity = block.run.entity
    settings = matcher_settings(uow, entity)
    if phase == work.KEYS:
        _file(uow, block, settings)
    else:
        _score(uow, block, settings)
    return f"block {phase}/{number} of run {run_id} ({entity}): {len(block.record_ids)} records"


def _read(uow: UnitOfWork, block: work.Block) -> tuple[list[dict[str, object]], np.ndarray]:
    read = uow.sources.records_by_id(block.run.entity, block.record_ids.tolist())
    return read, np.asarray([int(str(record["id"])) for record in read], dtype=np.int64)


def _file(uow: UnitOfWork, block: work.Block, settings: EntitySettings) -> None:
    read, ids = _read(uow, block)
    prepared = Matcher(settings).prepare(read)  # every feature: the run finds copies by them
    index, hashes, named = filed_hashes(settings, prepared)
    held = ids[index]
    uow.work.stage_keys(block, zip(held.tolist(), named, strict=True))
    result = Filed(held, hashes, ids, content_hashes(prepared)).as_result()
    uow.work.finish(block, datetime.now(UTC), result=result, pairs=len(named))


def _score(uow: UnitOfWork, block: work.Block, settings: EntitySettings) -> None:
    stored = uow.models.load(block.run.entity, settings.comparisons)
    if stored is None:
        raise ModelMissing(f"no stored model for {block.run.entity}")
    matcher = Matcher(settings, stored.scoring(block.run.population))
    read, ids = _read(uow, block)
    prepared = matcher.prepare(read)
    pairs = block_candidates(settings, prepared, block.key_hashes)
    links, apart = [], []
    if len(pairs):
        scored = matcher.score(prepared, pairs, matcher.levels(prepared, pairs))
        links, apart = matcher.links(scored), matcher.apart_pairs(scored)
    rows = []
    for link in links:
        left, right = sorted((int(link.left_id), int(link.right_id)))
        why = link.explanation
        rows.append(
            (left, right, link.probability, why.total_weight, as_json(why.to_dict()), link.decision)
        )
    uow.work.stage_links(block, rows)
    uow.work.stage_apart(block, apart)
    found = ids[pairs] if len(pairs) else np.empty((0, 2), dtype=np.int64)
    # the pairs, as record ids, so the run can count a pair two blocks make once
    uow.work.finish(
        block, datetime.now(UTC), result=found.astype(np.int64).tobytes(), pairs=len(pairs)
    )
