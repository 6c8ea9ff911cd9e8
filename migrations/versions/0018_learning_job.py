"""learning_job: a learning from stewards' decisions asked for through the API or the UI runs in
the background (on a worker when a broker is configured): its state is kept for the caller to
poll, and at most one waits or runs per entity

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE learning_job (
            id uuid PRIMARY KEY,
            entity varchar(16) NOT NULL,
            requested_by text NOT NULL,
            requested_at timestamptz NOT NULL,
            started_at timestamptz,
            finished_at timestamptz,
            state varchar(8) NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'running', 'done', 'failed')),
            model_version integer,
            error text
        )
        """
    )
    op.execute(
        "CREATE UNIQUE INDEX ux_learning_job_active ON learning_job (entity) "
        "WHERE state IN ('queued', 'running')"
    )
    op.execute("CREATE INDEX ix_learning_job_entity ON learning_job (entity, requested_at DESC)")


def downgrade() -> None:
    op.execute("DROP TABLE learning_job")
