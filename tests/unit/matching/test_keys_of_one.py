"""A record's blocking keys do not depend on the batch it is in: a batch of one (a lookup's
probe, made key by key) gets the keys a larger batch files it under (made rule by rule over
the batch, a split rule's from its coarse rule's)."""

from __future__ import annotations

from functools import cache

import pytest

from matching import Matcher, settings_for
from matching.blocking_index import filed_keys
from mdm.domain.canonical import canonicalise
from mdm.synthetic import GeneratorConfig, generate


@cache
def _records(entity: str) -> tuple[dict[str, object], ...]:
    dataset = generate(GeneratorConfig(seed=9, customers=250, resources=250, rate_lines=250))
    records: list[dict[str, object]] = []
    for extract in dataset.extracts:
        if extract.entity != entity:
            continue
        for row in extract.rows:
            canon = canonicalise(entity, row)
            if canon.accepted:
                records.append({**canon.values, "id": str(len(records)), "source": extract.system})
    return tuple(records)


@pytest.mark.parametrize("entity", ["customer", "resource", "rate_card"])
def test_a_record_alone_is_filed_under_the_keys_its_batch_files_it_under(entity: str) -> None:
    matcher = Matcher(settings_for(entity))
    records = _records(entity)
    rules = matcher.settings.blocking_rules
    in_batch: dict[int, list[tuple[int, str]]] = {}
    for member, key in filed_keys(matcher.prepare(records), rules):
        in_batch.setdefault(member, []).append((0, key))
    split = [rule.name for rule in rules if rule.refines is not None]
    assert len(records) > 200 and (entity != "customer" or split)  # split rules are covered
    for index, record in enumerate(records):
        assert filed_keys(matcher.prepare([record]), rules) == in_batch.get(index, [])
    assert sum(map(len, in_batch.values())) > len(records)  # more keys than records
