"""source record versions keep the extract line they came from, for the golden record's trace

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE source_record_version ADD COLUMN line_no integer")


def downgrade() -> None:
    op.execute("ALTER TABLE source_record_version DROP COLUMN line_no")
