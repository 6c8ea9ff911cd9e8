"""match_work.key_hashes: a score block pairs on the keys it is given (every record of each in
the block), not on every key of its records but the run's out keys; match_run.out_keys goes

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # a run in flight, its blocks made the old way, ends with what it staged
    for table in ("match_work_link", "match_work_key", "match_run"):
        op.execute(f"DELETE FROM {table}")
    op.execute("ALTER TABLE match_work ADD COLUMN key_hashes bytea NOT NULL DEFAULT ''::bytea")
    op.execute("ALTER TABLE match_run DROP COLUMN out_keys")


def downgrade() -> None:
    for table in ("match_work_link", "match_work_key", "match_run"):
        op.execute(f"DELETE FROM {table}")
    op.execute("ALTER TABLE match_run ADD COLUMN out_keys bytea NOT NULL DEFAULT ''::bytea")
    op.execute("ALTER TABLE match_work DROP COLUMN key_hashes")
