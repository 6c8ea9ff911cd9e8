"""A bulk resolution leaves the key index it built in the server's cache: CREATE INDEX writes
its pages past the cache, so without it the first lookups after a bulk match read every page
of the index they touch from the files."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from mdm.resolve.service import resolve_pending
from mdm.unit_of_work import UnitOfWork
from tests.integration.resolve.test_resolve import CRM, ERP, load

CACHED_PAGES = """
    SELECT count(*) FROM pg_buffercache
    WHERE relfilenode = pg_relation_filenode(CAST(:index AS regclass))
      AND reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
"""
PAGES = "SELECT pg_relation_size(CAST(:index AS regclass)) / current_setting('block_size')::int"


def _buffer_cache(session: Session) -> None:
    """pg_buffercache in the test's transaction (rolled back after). Both extensions ship with
    PostgreSQL's contrib modules, which the embedded server and the test servers carry: a
    server without them fails here, loudly, rather than passing by skipping."""
    prewarm = session.execute(
        text("SELECT to_regprocedure('pg_prewarm(regclass, text, text, bigint, bigint)')")
    ).scalar()
    assert prewarm is not None, "the test server has no pg_prewarm (PostgreSQL contrib)"
    with session.begin_nested():
        session.execute(text("CREATE EXTENSION IF NOT EXISTS pg_buffercache"))


def test_a_bulk_resolution_leaves_its_key_index_in_the_server_cache(
    session: Session, uow: UnitOfWork
) -> None:
    _buffer_cache(session)
    load(uow, "crm", CRM)
    load(uow, "erp", ERP)
    resolve_pending(uow, "customer", force_bulk=True)
    for index in ("pk_blocking_key", "ix_blocking_key_record"):
        pages = session.execute(text(PAGES), {"index": index}).scalar_one()
        cached = session.execute(text(CACHED_PAGES), {"index": index}).scalar_one()
        assert pages > 0 and cached == pages, (index, cached, pages)
