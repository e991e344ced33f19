"""Payment runs on the job queue: a worker killed part-way and started again pays everyone
exactly once, the run's page says what happened, and two workers never run the same job.

The workers are real `manage.py worker` processes on the suite's database (PostgreSQL in CI);
one dies with os._exit (no clean-up, as kill -9) after its second chunk has committed.
"""

import os
import subprocess
import sys
from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from clearpath.money.finance.models import PaymentRun, RunPayment
from clearpath.money.finance.services import (
    CRASH_ENV,
    queue_payment_run,
    request_payment_run,
    stalled,
)
from clearpath.money.finance.tests.conftest import dp_agreement
from clearpath.money.finance.tests.test_crash_rerun import ROOT, _database_url
from clearpath.money.ledger.models import LedgerEntry, LedgerLine
from clearpath.money.payments.models import ScheduledPayment

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's locks (CI runs on PostgreSQL)"
)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
pytestmark = [on_postgres, pytest.mark.django_db(transaction=True)]


def worker(*args, crash_after=None, wait=True):
    env = {**os.environ, "DATABASE_URL": _database_url(), "PAYMENT_RUN_CHUNK_SIZE": "4"}
    env.pop(CRASH_ENV, None)
    env["TASKS_BACKEND"] = DATABASE_QUEUE["default"]["BACKEND"]
    if crash_after:
        env[CRASH_ENV] = str(crash_after)
    connection.close()
    command = [sys.executable, "manage.py", "worker", "--batch", "--interval", "0.2", *args]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def queued_run(through, by=None):
    with override_settings(TASKS=DATABASE_QUEUE):
        return queue_payment_run(request_payment_run(through=through, by=by), by=by)


def test_a_worker_killed_part_way_and_started_again_pays_everyone_once(
    practitioner, finance_officer, client
):
    for i in range(6):
        dp_agreement(by=practitioner, first_name=f"P{i}")
    run = queued_run(date(2026, 12, 1), by=finance_officer)
    assert run.status == PaymentRun.Status.QUEUED and run.job_id

    killed = worker(crash_after=2)
    assert killed.returncode == 17, killed.stderr
    run.refresh_from_db()
    assert run.status == PaymentRun.Status.RUNNING and RunPayment.objects.count() == 8
    assert stalled(run)  # nobody holds its lock: its worker is gone
    client.force_login(finance_officer)
    page = client.get(reverse("finance:run-detail", args=[run.pk])).content.decode()
    assert "Stopped part-way" in page and "It had made 8 of 12 payments" in page
    assert "Carry on with this run" in page

    again = worker()
    assert again.returncode == 0, again.stderr
    assert f"payment run {run.pk} queued again" in again.stdout
    run.refresh_from_db()
    assert run.status == PaymentRun.Status.DONE and run.attempts == 2
    assert ScheduledPayment.objects.filter(status="paid").count() == 12
    refs = RunPayment.objects.values_list("reference", flat=True)
    assert len(refs) == 12 and max(Counter(refs).values()) == 1
    assert LedgerEntry.objects.filter(kind="payment").count() == 12
    assert sum(line.amount for line in LedgerLine.objects.all()) == 0
    page = client.get(reverse("finance:run-detail", args=[run.pk])).content.decode()
    assert "Finished" in page and "the worker stopped part-way through; carried on at" in page
    assert "nobody was paid twice" in page


def test_a_failed_run_shows_its_error_and_carries_on_when_asked(
    practitioner, finance_officer, client
):
    dp_agreement(by=practitioner)
    run = queued_run(date(2026, 12, 1), by=finance_officer)
    PaymentRun.objects.filter(pk=run.pk).update(
        status=PaymentRun.Status.FAILED, error="The bank file could not be written"
    )
    DBTaskResult.objects.all().delete()  # the failed job is gone: only the run remembers it
    client.force_login(finance_officer)
    url = reverse("finance:run-detail", args=[run.pk])
    page = client.get(url).content.decode()
    assert "The bank file could not be written" in page and "Carry on with this run" in page
    with override_settings(TASKS=DATABASE_QUEUE):
        client.post(reverse("finance:run-carry-on", args=[run.pk]))
    assert DBTaskResult.objects.count() == 1
    assert worker().returncode == 0
    run.refresh_from_db()
    assert run.status == PaymentRun.Status.DONE and RunPayment.objects.count() == 2


def test_two_workers_at_once_run_each_job_once(practitioner):
    for i in range(8):
        dp_agreement(by=practitioner, first_name=f"W{i}")
    runs = [queued_run(d) for d in (date(2026, 11, 2), date(2026, 11, 30), date(2026, 12, 28))]
    a, b = worker(wait=False), worker(wait=False)
    assert a.wait(timeout=180) == 0 and b.wait(timeout=180) == 0
    assert [PaymentRun.objects.get(pk=r.pk).status for r in runs] == ["done"] * 3
    jobs = DBTaskResult.objects.all()
    assert jobs.count() == 3 and {j.status for j in jobs} == {"SUCCESSFUL"}
    refs = list(RunPayment.objects.values_list("reference", flat=True))
    assert len(refs) == 8 * 3 and max(Counter(refs).values()) == 1
