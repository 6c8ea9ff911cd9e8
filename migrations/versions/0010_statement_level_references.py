"""Source records and versions check their references once per statement; raw rows are json

An extract loads by COPY, thousands of rows per statement. A foreign key checks each row on its
own (one index look-up and one row lock on the parent per row), which was about a third of the
database's work for a first load of 100,000 rows (measured with perf on the server while
``mdm ingest`` ran). Here the three references a loaded row holds (a record's source system, a
version's record and ingest run) are checked by statement-level triggers that look at all the
new rows of the statement in one anti-join, and the parents refuse what a foreign key would
refuse: they cannot be deleted (the hub never deletes them: history is kept) and a child's
reference cannot be changed to an unknown parent.

The raw row of a version becomes ``json``: it is kept exactly as received (key order included)
and is never queried inside the database, so parsing it into ``jsonb`` on every load only cost
time. The canonical values stay ``jsonb``; matching reads them field by field.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

FOREIGN_KEYS = (
    ("source_record", "fk_source_record_system_id_source_system", "system_id", "source_system"),
    (
        "source_record_version",
        "fk_source_record_version_source_record_id_source_record",
        "source_record_id",
        "source_record",
    ),
    (
        "source_record_version",
        "fk_source_record_version_ingest_run_id_ingest_run",
        "ingest_run_id",
        "ingest_run",
    ),
)
# child table -> (reference column, parent table) pairs its new rows are checked against
CHECKS = {
    "source_record": (("system_id", "source_system"),),
    "source_record_version": (
        ("source_record_id", "source_record"),
        ("ingest_run_id", "ingest_run"),
    ),
}
# history the hub never deletes; for the parents above, what a foreign key would also refuse
KEPT = ("source_system", "ingest_run", "source_record", "source_record_version")


def _refusing_function(name: str, missing: str, message: str, returns: str) -> str:
    """A trigger function that raises a foreign-key violation when ``missing`` holds."""
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF {missing} THEN
                RAISE EXCEPTION '{message}' USING ERRCODE = 'foreign_key_violation';
            END IF;
            RETURN {returns};
        END $$
    """


def _check_function(child: str) -> str:
    """Statement-level: the statement's new rows (transition table ``new_rows``)."""
    missing = " OR ".join(
        f"EXISTS (SELECT 1 FROM new_rows n WHERE n.{column} IS NOT NULL AND NOT EXISTS "
        f"(SELECT 1 FROM {parent} p WHERE p.id = n.{column}))"
        for column, parent in CHECKS[child]
    )
    names = ", ".join(f"{column} -> {parent}" for column, parent in CHECKS[child])
    message = f"{child}: a new row refers to a row that does not exist ({names})"
    return _refusing_function(f"{child}_references_exist", missing, message, "NULL")


def _changed_function(child: str) -> str:
    """Row-level, for the rare UPDATE that names a reference column (a column list and a
    transition table cannot go together)."""
    missing = " OR ".join(
        f"(NEW.{column} IS DISTINCT FROM OLD.{column} AND NEW.{column} IS NOT NULL AND NOT "
        f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = NEW.{column}))"
        for column, parent in CHECKS[child]
    )
    message = f"{child}: an update refers to a row that does not exist"
    return _refusing_function(f"{child}_changed_references_exist", missing, message, "NEW")


def upgrade() -> None:
    for table, name, _, _ in FOREIGN_KEYS:
        op.drop_constraint(name, table, type_="foreignkey")
    op.execute("ALTER TABLE source_record_version ALTER COLUMN raw TYPE json USING raw::json")
    for child, checks in CHECKS.items():
        op.execute(_check_function(child))
        op.execute(
            f"CREATE TRIGGER {child}_references_on_insert AFTER INSERT ON {child} "
            "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {child}_references_exist()"
        )
        op.execute(_changed_function(child))
        columns = ", ".join(column for column, _ in checks)
        op.execute(
            f"CREATE TRIGGER {child}_references_on_update BEFORE UPDATE OF {columns} ON {child} "
            f"FOR EACH ROW EXECUTE FUNCTION {child}_changed_references_exist()"
        )
    op.execute(
        """
        CREATE FUNCTION history_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% rows are history and are never deleted', TG_TABLE_NAME
                USING ERRCODE = 'foreign_key_violation';
        END $$
        """
    )
    for parent in KEPT:
        op.execute(
            f"CREATE TRIGGER {parent}_is_kept BEFORE DELETE ON {parent} "
            "FOR EACH ROW EXECUTE FUNCTION history_is_kept()"
        )


def downgrade() -> None:
    for parent in KEPT:
        op.execute(f"DROP TRIGGER {parent}_is_kept ON {parent}")
    op.execute("DROP FUNCTION history_is_kept()")
    for child in CHECKS:
        op.execute(f"DROP TRIGGER {child}_references_on_update ON {child}")
        op.execute(f"DROP TRIGGER {child}_references_on_insert ON {child}")
        op.execute(f"DROP FUNCTION {child}_changed_references_exist()")
        op.execute(f"DROP FUNCTION {child}_references_exist()")
    op.execute("ALTER TABLE source_record_version ALTER COLUMN raw TYPE jsonb USING raw::jsonb")
    for table, name, column, parent in FOREIGN_KEYS:
        op.create_foreign_key(name, table, parent, [column], ["id"])
