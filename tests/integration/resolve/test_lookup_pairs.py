""" "Does this customer already exist?" reads the candidates a bulk run would pair the probe
with: the keys their rules pair on (within each rule's cap, the probe counted), pairs that only
fuzzy keys give kept where another family of keys corroborates them
(``matching.corroboration``), as bulk blocking keeps them."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from sqlalchemy.orm import Session

from matching import Matcher
from matching.blocking_pairs import block
from mdm.domain.canonical import canonicalise
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories.candidates import candidates_of
from mdm.resolve.lookup import probe_keys
from mdm.resolve.matcher_settings import matcher_settings
from mdm.resolve.service import resolve_pending
from mdm.synthetic import GeneratorConfig, generate
from mdm.unit_of_work import UnitOfWork


def _ingest(uow: UnitOfWork, system: str, rows: list[dict[str, str]]) -> None:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    extract = parse_extract(f"{system}.csv", text.getvalue().encode())
    ingest_extract(uow, extract, system=system, entity="customer")


def test_a_probe_finds_what_a_bulk_run_would_pair_it_with(
    session: Session, uow: UnitOfWork
) -> None:
    dataset = generate(GeneratorConfig(seed=5, customers=150, resources=1, rate_lines=1))
    *held, probes = [extract for extract in dataset.extracts if extract.entity == "customer"]
    for extract in held:
        _ingest(uow, extract.system, [dict(row) for row in extract.rows])
    resolve_pending(uow, "customer")
    # every pair of a block (no window): what an index can tell
    settings = replace(matcher_settings(uow, "customer"), window=None)
    matcher = Matcher(settings)
    stored = uow.sources.records_by_id("customer", uow.sources.active_ids("customer"))
    paired = uncorroborated = 0
    for row in probes.rows[:60]:
        probe = {**canonicalise("customer", row).values, "id": "0", "source": "probe"}
        batch = matcher.prepare([probe, *stored])
        pairs = matcher.candidate_pairs(batch)
        expected = {str(batch.ids[right]) for left, right in pairs.tolist() if left == 0}
        keys = probe_keys(matcher, matcher.prepare([probe]))
        found = candidates_of(session, "customer", keys, settings.max_block_size, budget=10_000)
        assert {str(c.record["id"]) for c in found.candidates} == expected
        paired += len(expected)
        raw = block(batch, settings.blocking_rules, settings.max_block_size)
        uncorroborated += int((raw[:, 0] == 0).sum()) - len(expected)
    assert paired and uncorroborated  # both kinds of pair came up
