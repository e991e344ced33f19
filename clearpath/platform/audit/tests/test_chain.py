"""The audit trail is append-only and hash-chained: a change made around the app shows."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction

from clearpath.journey.people.models import Person
from clearpath.platform.audit.chain import GENESIS, first_break
from clearpath.platform.audit.models import AuditChainHead, AuditEvent
from clearpath.platform.audit.services import record_bulk_view, record_event, record_view

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL feature (CI runs on PostgreSQL)"
)


@pytest.fixture
def person(north):
    return Person.objects.create(
        first_name="Ada", last_name="Lovelace", date_of_birth="1950-01-01", team=north
    )


@pytest.fixture
def trail(person, practitioner):
    record_view(actor=practitioner, person=person)
    record_event(
        actor=practitioner,
        action="person.updated",
        obj=person,
        summary="Changed",
        person=person,
        changes={"a": 1},
    )
    record_bulk_view(actor=practitioner, action="people.listed", what="the people list", people=25)
    # Every row so far, the fixtures' own (team and staff added) included: one chain.
    return list(AuditEvent.objects.order_by("id"))


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_each_row_carries_the_hash_of_the_row_before_it(trail):
    assert trail[0].prev_hash == GENESIS
    assert [r.prev_hash for r in trail[1:]] == [r.row_hash for r in trail[:-1]]
    assert len({r.row_hash for r in trail}) == len(trail)
    assert AuditChainHead.objects.get().last_hash == trail[-1].row_hash
    assert trail[-1].changes == {"people": 25}
    assert "25 people" in trail[-1].summary


def test_verify_passes_on_a_whole_chain(trail):
    assert first_break() == (None, "", len(trail))
    assert f"{len(trail)} rows checked" in _verify()


def test_the_app_cannot_update_or_delete_audit_rows(trail):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[0].pk).update(summary="nothing to see")
    if connection.vendor == "postgresql":  # SQLite's test runner empties tables with DELETE
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=trail[0].pk).delete()
    assert AuditEvent.objects.get(pk=trail[0].pk).summary == trail[0].summary


def _as_owner_without_the_trigger(sql: str, params) -> None:
    """What someone with the owner's rights could do: switch the trigger off and rewrite rows."""
    with transaction.atomic(), connection.cursor() as c:
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        c.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        c.execute(sql, params)
        c.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only")


@on_postgres
def test_verify_names_the_row_changed_by_the_owner(trail):
    _as_owner_without_the_trigger(
        "UPDATE audit_auditevent SET summary = 'Viewed nothing' WHERE id = %s", [trail[-2].pk]
    )
    assert first_break()[0] == trail[-2].pk
    with pytest.raises(CommandError, match=f"Row {trail[-2].pk}: its content does not match"):
        _verify()


@on_postgres
def test_verify_names_the_row_after_one_deleted_by_the_owner(trail):
    _as_owner_without_the_trigger("DELETE FROM audit_auditevent WHERE id = %s", [trail[-2].pk])
    with pytest.raises(CommandError, match=f"Row {trail[-1].pk}: its link to the row before"):
        _verify()


@on_postgres
def test_verify_sees_the_newest_rows_removed(trail):
    _as_owner_without_the_trigger("DELETE FROM audit_auditevent WHERE id = %s", [trail[-1].pk])
    with pytest.raises(CommandError, match="newest rows have been removed"):
        _verify()


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_as_the_apps_role_an_update_is_refused_and_triggers_cannot_be_dropped(trail):
    role = "clearpath_app_test"
    with connection.cursor() as c:
        c.execute("DROP OWNED BY clearpath_app_test") if _role_exists(c, role) else None
        c.execute(f"DROP ROLE IF EXISTS {role}")
    try:
        call_command("audit", "grant-app-role", role, "--create", stdout=None)
        with connection.cursor() as c:
            c.execute(f"SET ROLE {role}")
            try:
                # The app's role can still do its work: read, and add audit rows.
                c.execute("SELECT count(*) FROM audit_auditevent")
                assert c.fetchone()[0] == len(trail)
                with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
                    c.execute(
                        "UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [trail[0].pk]
                    )
                with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
                    c.execute("DELETE FROM ledger_ledgerline")
                with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
                    c.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL")
                with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
                    c.execute("DROP TRIGGER audit_auditevent_append_only ON audit_auditevent")
            finally:
                c.execute("RESET ROLE")
        assert first_break() == (None, "", len(trail))
    finally:
        with connection.cursor() as c:
            c.execute(f"DROP OWNED BY {role}")
            c.execute(f"DROP ROLE {role}")


REFUSED = "permission denied|must be owner"


def _role_exists(cursor, role) -> bool:
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
    return cursor.fetchone() is not None


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_many_writers_at_once_keep_one_unbroken_chain(person, practitioner):
    errors = []

    def writer(n):
        try:
            for i in range(15):
                with transaction.atomic():
                    record_event(
                        actor=practitioner,
                        action="person.updated",
                        obj=person,
                        summary=f"{n}-{i}",
                        person=person,
                    )
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            connections.close_all()

    before = AuditEvent.objects.count()
    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEvent.objects.count() == before + 60
    assert first_break() == (None, "", before + 60)
