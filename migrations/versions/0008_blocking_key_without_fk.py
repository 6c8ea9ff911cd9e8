"""blocking_key without a foreign key to source_record

The key index is derived data: resolution writes it from the records it has just read and
rebuilds it whole in a bulk run, and source records are never deleted (a deletion in the
source is a tombstone version). The foreign key only made every key row look its record up
again, which slowed the bulk load of the keys (timed once by hand with psql COPY; the bulk
match section of make bench shows the blocking-key stage as a whole).

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

FK = "fk_blocking_key_source_record_id_source_record"


def upgrade() -> None:
    op.drop_constraint(FK, "blocking_key", type_="foreignkey")


def downgrade() -> None:
    op.create_foreign_key(
        FK, "blocking_key", "source_record", ["source_record_id"], ["id"], ondelete="CASCADE"
    )
