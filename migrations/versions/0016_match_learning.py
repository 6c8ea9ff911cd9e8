"""match_model.version and match_learning: a model re-estimated from stewards' decisions is a
new version of the entity's model, and what the learning changed is kept for the steward

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE match_model ADD COLUMN version integer NOT NULL DEFAULT 1")
    op.execute(
        """
        CREATE TABLE match_learning (
            id bigserial PRIMARY KEY,
            entity varchar(16) NOT NULL,
            model_version integer NOT NULL,
            learned_at timestamptz NOT NULL,
            learned_by text NOT NULL,
            matches integer NOT NULL,
            non_matches integer NOT NULL,
            thresholds jsonb NOT NULL,
            changes jsonb NOT NULL
        )
        """
    )
    op.execute("CREATE INDEX ix_match_learning_entity ON match_learning (entity, learned_at DESC)")


def downgrade() -> None:
    op.execute("DROP TABLE match_learning")
    op.execute("ALTER TABLE match_model DROP COLUMN version")
