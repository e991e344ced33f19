"""The load balancer's checks: /healthz answers "ok" without the database; /readyz answers 200 with
each check's answer when the database, the cache, the migrations and the job queue are fine, and 503
naming the check that is not. Neither needs signing in or a known Host, nor says anything personal."""

import json
from unittest import mock

import pytest
from django.db.migrations.executor import MigrationExecutor

from clearpath import health
from tests.builders import add_test_person


@pytest.fixture(autouse=True)
def _migrations_checked_afresh():
    health._migrated["yes"] = False
    yield
    health._migrated["yes"] = False


def test_liveness_answers_ok_without_the_database(client):
    # Outside django_db any query would raise, so this answer touched no database.
    answer = client.get("/healthz")
    assert (answer.status_code, answer.content) == (200, b"ok")
    assert answer["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_answers_200_with_every_check(client, practitioner):
    add_test_person(by=practitioner)
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json() == {"database": "ok", "cache": "ok", "migrations": "ok", "queue": "ok"}
    assert "Margaret" not in answer.content.decode()


@pytest.mark.django_db
def test_readiness_answers_503_naming_unapplied_migrations(client):
    waiting = [(mock.Mock(), False)]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=waiting):
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json() == {
        "database": "ok",
        "cache": "ok",
        "migrations": "failed",
        "queue": "ok",
    }


@pytest.mark.django_db
def test_readiness_answers_503_naming_the_cache_when_it_gives_nothing_back(client):
    with mock.patch.object(health.cache, "get", return_value=None):
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert json.loads(answer.content)["cache"] == "failed"


def test_readiness_answers_503_naming_the_database_when_it_cannot_be_reached(client):
    # Outside django_db, every query fails, as it would with the database down.
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["database"] == "failed"


@pytest.mark.django_db
def test_readiness_fails_when_the_job_queue_cannot_be_read(client):
    from django.db import DatabaseError
    from django_tasks_db.models import DBTaskResult

    assert client.get("/readyz").json()["queue"] == "ok"
    broken = mock.patch.object(
        type(DBTaskResult.objects), "exists", side_effect=DatabaseError("no such table")
    )
    with broken:
        answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.json()["queue"] == "failed" and answer.json()["database"] == "ok"


@pytest.mark.django_db
def test_checks_answer_over_http_for_any_host_with_the_production_redirect_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["clearpath.example.gov.uk"]
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    # Every other page still goes to https first.
    assert client.get("/", HTTP_HOST="clearpath.example.gov.uk").status_code == 301
