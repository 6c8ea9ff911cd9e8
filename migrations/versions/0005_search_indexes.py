"""Search and maintenance indexes: trigram name search, blocking keys by record

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

NAME_EXPRESSIONS = {
    "ix_golden_name_trgm": "(attributes->>'name')",
    "ix_golden_legal_name_trgm": "(attributes->>'legal_name')",
    "ix_golden_full_name_trgm": "(attributes->>'full_name')",
    "ix_golden_role_trgm": "(attributes->>'role')",
}


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in NAME_EXPRESSIONS.items():
        op.execute(
            f"CREATE INDEX {name} ON golden_record USING gin ({expression} gin_trgm_ops) "
            "WHERE status = 'active'"
        )
    op.create_index("ix_blocking_key_record", "blocking_key", ["source_record_id"])
    op.create_index(
        "ix_source_record_pending", "source_record", ["entity"], postgresql_where="pending_match"
    )


def downgrade() -> None:
    op.drop_index("ix_source_record_pending", table_name="source_record")
    op.drop_index("ix_blocking_key_record", table_name="blocking_key")
    for name in NAME_EXPRESSIONS:
        op.execute(f"DROP INDEX {name}")
