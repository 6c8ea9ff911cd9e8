"""the values an ingest run's mapping gave every row (its constants), which its file did not
hold: kept with the run, beside its header

Revision ID: 0021
Revises: 0020
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "ingest_run",
        sa.Column(
            "constants", postgresql.JSONB(astext_type=sa.Text()), server_default="{}",
            nullable=False,
        ),
    )  # fmt: skip


def downgrade() -> None:
    op.drop_column("ingest_run", "constants")
