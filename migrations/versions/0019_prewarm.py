"""pg_prewarm, where the server ships it and the role may install it: a bulk resolution loads
the key index it built into the server's cache before lookups read it

Revision ID: 0019
Revises: 0018
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # optional: a server without it (or a role that may not install it) works as before
    op.execute(
        """
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_prewarm') THEN
                CREATE EXTENSION IF NOT EXISTS pg_prewarm;
            END IF;
        EXCEPTION WHEN insufficient_privilege THEN
            NULL;
        END
        $$
        """
    )


def downgrade() -> None:
    # left installed: the upgrade cannot tell whether it installed the extension or found it
    # there (another schema or the server's administrator may use it), and with nothing of
    # the hub's depending on it, keeping it changes nothing for the older revision
    pass
