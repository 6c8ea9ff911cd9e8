"""feed positions: the pull feed's order, given to events by one relay after they commit

An event's ``feed_position`` is set once its transaction has committed, by the relay (one at a
time, under an advisory lock), in increasing order; the feed reads positions above a reader's
cursor. Unlike ordering by transaction id below the oldest running transaction, nothing
running elsewhere on the server (another database, a long bulk match) holds readers back.
Events already written are numbered in the order the feed gave them until now.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE outbox_event ADD COLUMN feed_position bigint")
    op.execute(
        """
        UPDATE outbox_event o SET feed_position = n.rank
        FROM (SELECT position, row_number() OVER (ORDER BY txid, position) AS rank
              FROM outbox_event) n
        WHERE o.position = n.position
        """
    )
    op.execute("CREATE UNIQUE INDEX ux_outbox_feed_position ON outbox_event (feed_position)")
    op.execute(
        "CREATE INDEX ix_outbox_unplaced ON outbox_event (txid, position) "
        "WHERE feed_position IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_outbox_unplaced")
    op.execute("DROP INDEX ux_outbox_feed_position")
    op.execute("ALTER TABLE outbox_event DROP COLUMN feed_position")
