"""the order (day/month or month/day) a source system's extracts decided for a date field's
slash dates, remembered for its later extracts whose columns decide none

Revision ID: 0022
Revises: 0021
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # one row per system, entity and field: the latest extract that decided replaces it
    op.execute(
        """
        CREATE TABLE source_date_order (
            system_id integer NOT NULL
                CONSTRAINT fk_source_date_order_system_id_source_system
                REFERENCES source_system (id),
            entity varchar(16) NOT NULL,
            field varchar(64) NOT NULL,
            day_month varchar(16) NOT NULL
                CONSTRAINT ck_source_date_order_day_month
                CHECK (day_month IN ('day/month', 'month/day')),
            ingest_run_id bigint NOT NULL
                CONSTRAINT fk_source_date_order_ingest_run_id_ingest_run
                REFERENCES ingest_run (id),
            CONSTRAINT pk_source_date_order PRIMARY KEY (system_id, entity, field)
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE source_date_order")
