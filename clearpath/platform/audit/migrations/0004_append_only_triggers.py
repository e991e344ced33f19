"""The database refuses to change or remove audit rows.

PostgreSQL: a trigger refuses UPDATE and DELETE (TRUNCATE, used only to empty test databases, is not
a row change). SQLite: a trigger refuses UPDATE (tests empty tables with DELETE there). The chain's
head row is updated by every writer, so it has no trigger; removing rows at the end of the chain is
caught by `manage.py audit verify`, which compares the last row with the head.
"""

from django.db import migrations

TABLE = "audit_auditevent"

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};")
    else:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_append_only;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_existing_rows")]
    operations = [migrations.RunPython(forwards, backwards)]
