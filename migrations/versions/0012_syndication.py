"""syndication: subscriptions, the delivery log fed from the outbox, inbound cursors

A subscription says which golden records one system receives (an entity, a filter). The
delivery log keeps one row per (subscription, golden id): the version the target should reach,
what was last written there (the target's own id and version, the content hash), attempts,
the next attempt and the dead letter. A statement-level trigger on ``outbox_event`` fills it
in the same transaction as the golden change, one row per golden id and subscription however
many events the statement wrote; a later event only moves a row forward.

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE subscription (
            id serial CONSTRAINT pk_subscription PRIMARY KEY,
            system_id integer NOT NULL
                CONSTRAINT fk_subscription_system_id_source_system REFERENCES source_system (id),
            entity varchar(16) NOT NULL,
            filter jsonb NOT NULL DEFAULT '{}',
            status varchar(16) NOT NULL DEFAULT 'active',
            created_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT uq_subscription_system_id UNIQUE (system_id, entity),
            CONSTRAINT ck_subscription_status CHECK (status IN ('active', 'paused'))
        );
        CREATE TABLE delivery (
            subscription_id integer NOT NULL
                CONSTRAINT fk_delivery_subscription_id_subscription REFERENCES subscription (id),
            golden_id uuid NOT NULL,
            wanted_version integer NOT NULL,
            wanted_position bigint NOT NULL,
            changed_at timestamptz NOT NULL,
            status varchar(16) NOT NULL DEFAULT 'pending',
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT now(),
            last_error text,
            dead_at timestamptz,
            delivered_version integer,
            delivered_at timestamptz,
            target_id text,
            target_version text,
            content_hash varchar(64),
            CONSTRAINT pk_delivery PRIMARY KEY (subscription_id, golden_id),
            CONSTRAINT ck_delivery_status CHECK (status IN ('pending', 'delivered', 'dead'))
        );
        CREATE INDEX ix_delivery_due ON delivery (subscription_id, next_attempt_at, wanted_position)
            WHERE status = 'pending';
        CREATE INDEX ix_delivery_status ON delivery (subscription_id, status);
        CREATE TABLE sync_cursor (
            system_id integer NOT NULL
                CONSTRAINT fk_sync_cursor_system_id_source_system REFERENCES source_system (id),
            entity varchar(16) NOT NULL,
            state jsonb NOT NULL DEFAULT '{}',
            updated_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT pk_sync_cursor PRIMARY KEY (system_id, entity)
        );
        CREATE FUNCTION outbox_to_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO delivery AS d (subscription_id, golden_id, wanted_version,
                                       wanted_position, changed_at, next_attempt_at)
            SELECT DISTINCT ON (s.id, n.subject) s.id, n.subject::uuid, n.sequence, n.position,
                   n.created_at, n.created_at
            FROM new_events n JOIN subscription s ON s.entity = n.entity
            WHERE n.subject ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            ORDER BY s.id, n.subject, n.sequence DESC, n.position DESC
            ON CONFLICT (subscription_id, golden_id) DO UPDATE
               SET wanted_version = EXCLUDED.wanted_version,
                   wanted_position = EXCLUDED.wanted_position,
                   changed_at = EXCLUDED.changed_at, status = 'pending', attempts = 0,
                   next_attempt_at = EXCLUDED.next_attempt_at, dead_at = NULL
               WHERE EXCLUDED.wanted_position > d.wanted_position;
            RETURN NULL;
        END $$;
        CREATE TRIGGER outbox_to_deliveries AFTER INSERT ON outbox_event
            REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT
            EXECUTE FUNCTION outbox_to_deliveries();
        """
    )


def downgrade() -> None:
    op.execute(
        """
        DROP TRIGGER outbox_to_deliveries ON outbox_event;
        DROP FUNCTION outbox_to_deliveries();
        DROP TABLE sync_cursor;
        DROP TABLE delivery;
        DROP TABLE subscription;
        """
    )
