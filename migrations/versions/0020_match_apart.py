"""pairs scored below the links and held apart, kept for later runs to cluster on, and
staged by the blocks of a bulk run as their links are

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # the pairs scored below the links whose records differ on several values
    # (Matcher.apart_pairs): an incremental run clusters its neighbourhood on them beside
    # the stored links. Replaced whole by a bulk run and per pending record by an incremental
    # one; no foreign keys, as blocking_key (0008): a run writes them in bulk
    op.execute(
        """
        CREATE TABLE match_apart (
            entity varchar(16) NOT NULL,
            left_record_id bigint NOT NULL,
            right_record_id bigint NOT NULL,
            probability float8 NOT NULL,
            PRIMARY KEY (left_record_id, right_record_id)
        )
        """
    )
    op.execute("CREATE INDEX ix_match_apart_right ON match_apart (right_record_id)")
    op.execute("CREATE INDEX ix_match_apart_entity ON match_apart (entity)")
    # what the score blocks of a bulk run staged, as match_work_link (0015)
    op.execute(
        "CREATE UNLOGGED TABLE match_work_apart (run_id uuid NOT NULL, block integer NOT NULL, "
        "l bigint NOT NULL, r bigint NOT NULL, p float8 NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE match_work_apart")
    op.execute("DROP TABLE match_apart")
