"""match_model.population: how many active records the entity had at its last resolution

The stored prior is the chance that two random records of the training batch match; scoring
against a larger (or smaller) population rescales it, and "does this exist?" reads the
population here instead of counting a million rows per call.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("match_model", sa.Column("population", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("match_model", "population")
