"""A sparse customer record (a CRM account holding a name and a postcode) against a full one:
a rare, exactly equal name with one agreeing field is strong evidence; a name of common
words is not, however few records hold it whole."""

from __future__ import annotations

import random

import pytest

from matching import Matcher
from matching.presets.customer import customer_settings

NOUNS = ("Analytics", "Logistics", "Services", "Foods", "Media", "Energy", "Capital", "Labs")
COMMON_HEADS = ("Global", "United", "First", "National")


def _head(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))


def _full(n: int, name: str, rng: random.Random) -> dict[str, object]:
    return {
        "name": name,
        "tax_id": f"GB{100000000 + n * 7919}",
        "website": f"{name.lower().replace(' ', '')}.co.uk",
        "phone": f"+44113{1000000 + n * 37:07d}",
        "address_line1": f"{rng.randrange(1, 300)} {rng.choice(('High', 'Mill', 'Park'))} Road",
        "postal_code": f"LS{rng.randrange(1, 9)} {rng.randrange(1, 5)}AB",
        "city": rng.choice(("Leeds", "York", "Hull", "Bradford")),
        "country": "GB",
    }


def _companies() -> list[dict[str, object]]:
    """600 companies in an ERP, half of them again in a billing system (full records) and a
    third in a CRM (name and postcode only). One in five names starts with a common word."""
    rng = random.Random(11)
    records: list[dict[str, object]] = []
    for n in range(600):
        head = rng.choice(COMMON_HEADS) if n % 5 == 0 else _head(rng).title()
        form = rng.choice(("Ltd", "Limited", "PLC", "LLP", ""))
        full = _full(n, f"{head} {NOUNS[n % len(NOUNS)]} {form}".strip(), rng)
        records.append({"id": f"erp:{n}", "source": "erp", **full})
        if n % 2 == 0:
            records.append({"id": f"billing:{n}", "source": "billing", **full})
        if n % 3 == 0:
            sparse = {"name": full["name"], "postal_code": full["postal_code"]}
            records.append({"id": f"crm:{n}", "source": "crm", **sparse})
    return records


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    matcher = Matcher(customer_settings())
    matcher.train(matcher.prepare(_companies()))
    return matcher


def _probability(matcher: Matcher, name: str, postcode: str, full: dict[str, object]) -> float:
    crm = {"id": "crm:new", "source": "crm", "name": name, "postal_code": postcode}
    erp = {"id": "erp:new", "source": "erp", **full}
    return matcher.score_against(crm, [erp])[0][1]


def test_a_rare_exact_name_and_the_same_postcode_link(matcher: Matcher) -> None:
    full = _full(9001, "Quillfeather Analytics", random.Random(1))
    probability = _probability(matcher, "Quillfeather Analytics", str(full["postal_code"]), full)
    assert probability >= matcher.thresholds.upper


def test_a_name_of_common_words_and_the_same_postcode_do_not_link(matcher: Matcher) -> None:
    full = _full(9002, "Global Services", random.Random(2))
    probability = _probability(matcher, "Global Services", str(full["postal_code"]), full)
    assert probability < matcher.thresholds.upper


def test_a_rare_exact_name_alone_does_not_outweigh_another_postcode(matcher: Matcher) -> None:
    full = _full(9003, "Quillfeather Analytics", random.Random(3))
    assert _probability(matcher, "Quillfeather Analytics", "ZZ9 9ZZ", full) < 0.99


def test_the_prior_counts_the_matches_of_a_sparse_source(matcher: Matcher) -> None:
    """The CRM's records (a name and a postcode) are found only through names, which no
    training session uses; the prior is still the share of true pairs among all pairs, not
    the share of the full records' pairs alone."""
    records = _companies()
    entities: dict[str, int] = {}
    for record in records:
        entity = str(record["id"]).split(":")[1]
        entities[entity] = entities.get(entity, 0) + 1
    true_pairs = sum(k * (k - 1) // 2 for k in entities.values())
    share = true_pairs / (len(records) * (len(records) - 1) / 2)
    assert matcher.model is not None
    assert matcher.model.prior == pytest.approx(share, rel=0.3)


def test_a_rare_name_under_another_jurisdictions_legal_form_is_another_company(
    matcher: Matcher,
) -> None:
    """The same brand as a GmbH and as a Ltd is two legal entities (sister companies): with
    nothing else to compare, the name alone is not even worth a steward's look; under the
    same form it is."""
    full = _full(9004, "Quillfeather Analytics Ltd", random.Random(4))
    erp = {"id": "erp:new", "source": "erp", **full}

    def probability(name: str) -> float:
        crm = {"id": "crm:new", "source": "crm", "name": name}
        return matcher.score_against(crm, [erp])[0][1]

    assert probability("Quillfeather Analytics GmbH") <= matcher.thresholds.lower
    assert probability("Quillfeather Analytics Ltd") > matcher.thresholds.lower


def _score(matcher: Matcher, crm: dict[str, object], full: dict[str, object]) -> float:
    sparse = {"id": "crm:new", "source": "crm", **crm}
    return matcher.score_against(sparse, [{"id": "erp:new", "source": "erp", **full}])[0][1]


def test_a_name_within_the_other_at_one_street_address_links(matcher: Matcher) -> None:
    """A short name at the street of the long one ("Quillfeather" / "Quillfeather Analytics"):
    a subsidiary has an office of its own, so this is the company written short. A longer
    name with a phone that differs goes to a steward (a subsidiary at its parent's address
    has a line of its own)."""
    full = _full(9004, "Quillfeather Analytics", random.Random(4))
    street = {"address_line1": full["address_line1"]}
    assert _score(matcher, {"name": "Quillfeather"} | street, full) >= matcher.thresholds.upper
    other_line = {"phone": "+441132220000"}
    held = _score(matcher, {"name": "Quillfeather Analytics Holdings"} | street | other_line, full)
    assert matcher.thresholds.lower < held < matcher.thresholds.upper


def test_a_holding_company_at_its_companys_street_is_not_linked_unattended(
    matcher: Matcher,
) -> None:
    """A holding company at its company's street ("Quillfeather Holdings" at the street of
    "Quillfeather"): a holding company keeps its
    company's address, so there the one name is not the other written out, as "Quillfeather
    Consulting" is."""
    full = _full(9005, "Quillfeather", random.Random(5))
    street = {"address_line1": full["address_line1"]}
    assert _score(matcher, {"name": "Quillfeather Consulting"} | street, full) >= 0.99
    held = _score(matcher, {"name": "Quillfeather Holdings"} | street, full)
    assert held < matcher.thresholds.upper
