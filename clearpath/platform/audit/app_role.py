"""The database role the app connects as in production: it owns nothing, so it cannot drop or
disable the append-only triggers, and it may only add rows to the audit trail and the ledger.

Migrations run as the tables' owner; `manage.py audit grant-app-role ROLE` (run after each migrate)
gives ROLE exactly what the app needs.
"""

from django.db import connection

# Rows here are only ever added: the app's role may read and insert, never update or delete.
APPEND_ONLY_TABLES = ("audit_auditevent", "ledger_ledgerentry", "ledger_ledgerline")


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def grant_statements(role: str, tables: list[str]) -> list[str]:
    """The SQL that gives `role` what the app needs on `tables`, and nothing more."""
    r = _quoted(role)
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r}",
        f"REVOKE CREATE ON SCHEMA public FROM {r}",
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}",
    ]
    for table in sorted(tables):
        if table in APPEND_ONLY_TABLES:
            rights = "SELECT, INSERT"
        else:
            rights = "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {rights} ON {_quoted(table)} TO {r}")
    return statements


def role_exists(role: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        return cursor.fetchone() is not None


def owned_by(role: str) -> list[str]:
    """Tables in the public schema that `role` owns (there must be none)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = %s",
            [role],
        )
        return [name for (name,) in cursor.fetchall()]


def grant_app_role(role: str, *, create: bool = False) -> list[str]:
    """Set up `role` for the app (creating it, without a password, if asked). Returns the SQL run."""
    if connection.vendor != "postgresql":
        raise ValueError("The app's database role is a PostgreSQL feature; this database is not.")
    run = []
    if not role_exists(role):
        if not create:
            raise ValueError(f"There is no database role called {role}. Use --create to make one.")
        run.append(f"CREATE ROLE {_quoted(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    elif owned_by(role):
        raise ValueError(
            f"{role} owns tables ({', '.join(owned_by(role)[:3])}...): the app's role must own "
            "nothing, or it could disable the triggers. Use a separate role for migrations."
        )
    tables = connection.introspection.table_names()
    run += grant_statements(role, tables)
    with connection.cursor() as cursor:
        for sql in run:
            cursor.execute(sql)
    return run
