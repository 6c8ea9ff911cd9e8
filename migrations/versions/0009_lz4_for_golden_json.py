"""Golden JSON compressed with lz4 where the server has it

A golden record's lineage (winner, rule and competing values per attribute) is about 3 KB of
JSON, so it and its version snapshots are compressed when stored, and lz4 compresses faster
than pglz (timed once by hand with psql COPY; the bulk match section of make bench shows the
golden-record stage as a whole). A server built without lz4 (the embedded one) keeps pglz.
Values already stored keep the compression they were written with.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

COLUMNS = {
    "golden_record": ("attributes", "lineage"),
    "golden_version": ("attributes", "lineage"),
    "outbox_event": ("data",),
}


def _set_compression(method: str) -> str:
    statements = "".join(
        f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}; "
        for table, columns in COLUMNS.items()
        for column in columns
    )
    return f"""
        DO $$
        BEGIN
            IF '{method}' = ANY(SELECT unnest(enumvals) FROM pg_settings
                                WHERE name = 'default_toast_compression') THEN
                {statements}
            END IF;
        END $$;
    """


def upgrade() -> None:
    op.execute(_set_compression("lz4"))


def downgrade() -> None:
    op.execute(_set_compression("pglz"))
