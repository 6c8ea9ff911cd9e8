"""A customer account holding a name and nothing to pair it by (no place, no identifier),
its name written with a slip or cut short in a word, is still paired with the full record of
the same company: by the first letters of its first two name words."""

from __future__ import annotations

import numpy as np

from matching import Matcher
from matching.presets.customer import customer_settings

FULL = {
    "source": "erp",
    "legal_name": "Western Canyon Versicherung AG",
    "tax_id": "DE210256968",
    "address_line1": "Hauptweg 237",
    "postal_code": "04921",
    "city": "Leipzig",
    "country": "DE",
}


def _pairs(records: list[dict[str, object]]) -> set[tuple[str, str]]:
    matcher = Matcher(customer_settings())
    prepared = matcher.prepare(records)
    ids = [str(record_id) for record_id in prepared.ids]
    found = np.sort(matcher.candidate_pairs(prepared), axis=1).tolist()
    return {(ids[a], ids[b]) for a, b in found}


def test_a_name_with_a_slip_and_nothing_else_is_paired_with_the_full_record() -> None:
    records = [
        {"id": "erp:1", **FULL},
        {"id": "crm:1", "source": "crm", "name": "Westen Canyon Versicherung"},
        {"id": "crm:2", "source": "crm", "name": "Western Canyn Versich."},
    ]
    assert _pairs(records) == {("erp:1", "crm:1"), ("erp:1", "crm:2"), ("crm:1", "crm:2")}


def test_names_sharing_only_their_word_heads_are_not_paired_where_their_domains_could_agree() -> (
    None
):
    """Two accounts with websites of their own: the word heads alone do not pair them (a
    key so coarse is corroborated by another family of keys where one could have agreed)."""
    records = [
        {"id": "crm:1", "source": "crm", "name": "Westgate Canyon Media", "website": "wcm.com"},
        {"id": "crm:2", "source": "crm2", "name": "Western Canal Foods", "website": "wcf.de"},
    ]
    assert _pairs(records) == set()


def test_the_word_heads_pairs_are_scored_but_not_trained_on() -> None:
    """Sparse accounts paired by their word heads leave the model as it is without the rule
    (a coarse key pairs namesakes, which would move the prior's and the sources' fits), and
    are scored: the account written with a slip finds its company."""
    from dataclasses import replace

    from tests.unit.matching.test_customer_sparse import _companies

    records = [
        *_companies(),
        {"id": "erp:x", **FULL},
        {"id": "crm:x", "source": "crm", "name": "Westen Canyon Versicherung"},
    ]
    settings = customer_settings()
    without = replace(
        settings,
        blocking_rules=tuple(r for r in settings.blocking_rules if r.name != "word_heads"),
    )
    trained, plain = Matcher(settings), Matcher(without)
    prepared = trained.prepare(records)
    assert trained.train(prepared).to_dict() == plain.train(plain.prepare(records)).to_dict()
    ids = [str(record_id) for record_id in prepared.ids]
    pairs = {(ids[a], ids[b]) for a, b in trained.candidate_pairs(prepared).tolist()}
    assert ("erp:x", "crm:x") in pairs or ("crm:x", "erp:x") in pairs
