"""The read side of golden records against real PostgreSQL: redirects, history, time travel,
search paging and cross-references."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.domain.entities import SCHEMAS
from mdm.golden import queries
from mdm.golden.partition_apply import apply_partition
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.unit_of_work import UnitOfWork
from tests.singletons import give_singletons

HEADER = "source_id,name,legal_name,country,website\n"
CRM = "C1,Acme Inc,Acme Incorporated,GB,acme.co.uk\nC2,Beta GmbH,,DE,beta.de\nC3,Gamma Ltd,,GB,\n"
ERP = "E1,ACME INC.,,GB,acme.co.uk\nE2,Beta,Beta GmbH,DE,\n"


def load(uow: UnitOfWork, system: str, body: str) -> None:
    extract = parse_extract(f"{system}.csv", (HEADER + body).encode())
    ingest_extract(uow, extract, system=system, entity="customer")
    give_singletons(uow)


def record_id(session: Session, source_id: str) -> int:
    sql = "SELECT id FROM source_record WHERE source_id = :s AND entity = 'customer'"
    return int(session.execute(text(sql), {"s": source_id}).scalar_one())


def golden_of(session: Session, source_id: str) -> uuid.UUID:
    sql = (
        "SELECT x.golden_id FROM xref x JOIN source_record r ON r.id = x.source_record_id "
        "WHERE r.source_id = :s AND x.valid_to IS NULL"
    )
    return uuid.UUID(str(session.execute(text(sql), {"s": source_id}).scalar_one()))


def merge(uow: UnitOfWork, *pairs: tuple[str, str]) -> datetime:
    now = datetime.now(UTC)
    clusters = [[record_id(uow.session, a), record_id(uow.session, b)] for a, b in pairs]
    apply_partition(uow, "customer", clusters, actor="test", reason="merge", now=now)
    return now


def loaded_and_merged(uow: UnitOfWork) -> tuple[uuid.UUID, uuid.UUID, datetime]:
    """C1 and E1 merged; returns (C1's old golden, E1's old golden, a time before the merge)."""
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    before = (golden_of(uow.session, "C1"), golden_of(uow.session, "E1"))
    between = datetime.now(UTC)
    time.sleep(0.005)
    merge(uow, ("C1", "E1"))
    return before[0], before[1], between


def test_a_merged_away_id_leads_to_its_survivor(session: Session, uow: UnitOfWork) -> None:
    crm_golden, erp_golden, _ = loaded_and_merged(uow)
    survivor = golden_of(session, "C1")
    assert survivor == golden_of(session, "E1")
    merged_away = erp_golden if survivor == crm_golden else crm_golden
    assert queries.survivor_of(uow, "customer", merged_away) == survivor
    assert queries.survivor_of(uow, "customer", survivor) == survivor
    assert queries.survivor_of(uow, "resource", survivor) is None
    assert queries.survivor_of(uow, "customer", uuid.uuid4()) is None
    view = queries.golden_record(uow, "customer", survivor)
    assert view is not None
    assert {(m.source, m.source_id) for m in view.members} == {("crm", "C1"), ("erp", "E1")}


def test_lineage_names_source_and_version_not_internal_ids(
    session: Session, uow: UnitOfWork
) -> None:
    loaded_and_merged(uow)
    view = queries.golden_record(uow, "customer", golden_of(session, "C1"))
    assert view is not None
    provenance = view.lineage["website"]
    assert provenance["source"] in ("crm", "erp") and provenance["source_version"] == 1
    assert "version_id" not in provenance


def test_history_lists_every_version_in_order(session: Session, uow: UnitOfWork) -> None:
    crm_golden, erp_golden, _ = loaded_and_merged(uow)
    survivor = golden_of(session, "C1")
    merged_away = erp_golden if survivor == crm_golden else crm_golden
    versions = queries.history(uow, "customer", survivor)
    assert [v.version for v in versions] == list(range(1, len(versions) + 1))
    assert len(versions) >= 2
    assert versions[0].status == "active" and len(versions[0].members) == 1
    assert {m.source_id for m in versions[-1].members} == {"C1", "E1"}
    gone = queries.history(uow, "customer", merged_away)
    assert gone[-1].status == "merged" and gone[-1].merged_into == survivor


def test_the_record_at_a_time_before_a_merge_has_the_old_values_and_members(
    session: Session,
    uow: UnitOfWork,
) -> None:
    crm_golden, erp_golden, between = loaded_and_merged(uow)
    survivor = golden_of(session, "C1")
    merged_away = erp_golden if survivor == crm_golden else crm_golden
    found = queries.record_at(uow, "customer", survivor, between)
    assert found is not None
    golden_id, then = found
    assert golden_id == survivor and then.version == 1
    assert len(then.members) == 1
    old_away = queries.record_at(uow, "customer", merged_away, between)
    assert old_away is not None and old_away[0] == merged_away
    assert old_away[1].status == "active"
    now = queries.record_at(uow, "customer", merged_away, datetime.now(UTC))
    assert now is not None and now[0] == survivor
    assert {m.source_id for m in now[1].members} == {"C1", "E1"}
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    assert queries.record_at(uow, "customer", survivor, epoch) is None


def test_xref_says_which_golden_record_holds_a_source_record(
    session: Session, uow: UnitOfWork
) -> None:
    loaded_and_merged(uow)
    found = queries.xref(uow, "customer", "erp", "E1")
    assert found is not None and found.golden_id == golden_of(session, "C1")
    assert found.golden_status == "active"
    assert queries.xref(uow, "customer", "erp", "nope") is None
    assert queries.xref(uow, "resource", "erp", "E1") is None


def test_search_matches_names_in_any_case_and_escapes_wildcards(uow: UnitOfWork) -> None:
    loaded_and_merged(uow)
    names = {h.attributes.get("name") for h in queries.search(uow, "customer", "bEtA", 10)}
    assert names and all("beta" in str(n).lower() for n in names)
    assert queries.search(uow, "customer", "%", 10) == []
    assert len(queries.search(uow, "customer", "incorporated", 10)) == 1


def test_search_pages_never_repeat_or_skip(uow: UnitOfWork) -> None:
    rows = "".join(f"P{i},Company {i % 7} {i},,GB,\n" for i in range(53))
    load(uow, "bulk", rows)
    expected = {str(h.id) for h in queries.search(uow, "customer", "company", 1000)}
    seen: list[str] = []
    after = None
    while True:
        page = queries.search(uow, "customer", "company", 10, after)
        if not page:
            break
        seen.extend(str(h.id) for h in page)
        after = (page[-1].sort_key, page[-1].id)
    assert len(seen) == len(set(seen)) == len(expected) == 53
    assert set(seen) == expected


def test_search_takes_several_words_and_tax_ids(uow: UnitOfWork) -> None:
    extract = parse_extract(
        "t.csv",
        (
            b"source_id,name,tax_id,city,country\n"
            b"T1,Johnson Wright Associates,GB885310515,York,GB\n"
            b"T2,Johnson Partners,,Leeds,GB\n"
            b"T3,Wright & Sons,CA767523558RT0001,Toronto,CA\n"
        ),
    )
    ingest_extract(uow, extract, system="crm", entity="customer")
    give_singletons(uow)

    def names(q: str) -> set[str]:
        return {str(h.attributes["name"]) for h in queries.search(uow, "customer", q, 10)}

    assert names("johnson wright") == {"Johnson Wright Associates"}
    assert names("wright") == {"Johnson Wright Associates", "Wright & Sons"}
    assert names("gb 885 310 515") == {"Johnson Wright Associates"}
    assert names("767523558") == {"Wright & Sons"}
    assert names("johnson 767523558") == set()


def test_a_resource_is_found_and_ordered_by_first_and_last_name_without_a_full_name(
    uow: UnitOfWork,
) -> None:
    extract = parse_extract(
        "hr.csv",
        b"source_id,first_name,last_name,full_name\nP1,Zoe,Adams,\nP2,,,Ann Zephyr\nP3,Bo,Quist,\n",
    )
    ingest_extract(uow, extract, system="hr", entity="resource")
    give_singletons(uow, "resource")
    hits = queries.search(uow, "resource", None, 10)
    assert [h.sort_key for h in hits] == ["ann zephyr", "bo quist", "zoe adams"]
    assert [
        h.attributes.get("last_name") for h in queries.search(uow, "resource", "zoe ad", 10)
    ] == ["Adams"]


def test_every_searched_name_field_has_a_trigram_index(session: Session) -> None:
    """Search reads each entity's single-field names with ILIKE: each needs its trigram index
    (a migration), or a search scans every golden record."""
    indexes = [
        r[0]
        for r in session.execute(
            text("SELECT indexdef FROM pg_indexes WHERE tablename = 'golden_record'")
        )
    ]
    for schema in SCHEMAS.values():
        for name in schema.search.names:
            if len(name) == 1:
                needle = f"(attributes ->> '{name[0]}'::text)) gin_trgm_ops"
                assert any(needle in d for d in indexes), (schema.name, name)
