"""bulk resolution split into blocks for workers: the run, its blocks and what they staged

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # one bulk resolution handed out in blocks: the scoring population and the keys too
    # common to pair on travel with it
    op.execute(
        """
        CREATE TABLE match_run (
            id uuid PRIMARY KEY,
            entity varchar(16) NOT NULL,
            population integer NOT NULL,
            out_keys bytea NOT NULL DEFAULT ''::bytea,
            created_at timestamptz NOT NULL
        )
        """
    )
    # a block of records for one phase (keys: read, prepare, file; score: pair, score)
    op.execute(
        """
        CREATE TABLE match_work (
            run_id uuid NOT NULL REFERENCES match_run (id) ON DELETE CASCADE,
            phase varchar(8) NOT NULL,
            block integer NOT NULL,
            record_ids bytea NOT NULL,
            status varchar(8) NOT NULL DEFAULT 'queued',
            result bytea,
            pairs bigint,
            done_at timestamptz,
            done_by text,
            PRIMARY KEY (run_id, phase, block)
        )
        """
    )
    # what the blocks staged, moved by the run's own transaction when all are done; derived
    # data, so unlogged (a server crash empties them, and the run starts again)
    op.execute(
        "CREATE UNLOGGED TABLE match_work_key (run_id uuid NOT NULL, block integer NOT NULL, "
        "source_record_id bigint NOT NULL, key text NOT NULL)"
    )
    op.execute(
        "CREATE UNLOGGED TABLE match_work_link (run_id uuid NOT NULL, block integer NOT NULL, "
        "l bigint NOT NULL, r bigint NOT NULL, p float8 NOT NULL, w float8 NOT NULL, "
        "e jsonb NOT NULL, d text NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE match_work_link")
    op.execute("DROP TABLE match_work_key")
    op.execute("DROP TABLE match_work")
    op.execute("DROP TABLE match_run")
