"""Two payment runs at the same moment (say, the page and the command) pay each payment once.

Runs on whichever database the suite uses; on PostgreSQL the row locks (SKIP LOCKED) are real."""

import threading
from datetime import date

import pytest
from django.db import close_old_connections, connection

from clearpath.money.finance.models import RunPayment
from clearpath.money.finance.services import process_payment_run, request_payment_run
from clearpath.money.finance.tests.conftest import dp_agreement
from clearpath.money.ledger.models import LedgerEntry
from clearpath.money.payments.models import ScheduledPayment


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_runs_never_pay_twice(practitioner, finance_officer):
    for i in range(4):
        dp_agreement(by=practitioner, first_name=f"P{i}")
    runs = [
        request_payment_run(through=date(2026, 12, 1), by=finance_officer),
        request_payment_run(through=date(2026, 12, 2), by=finance_officer),
    ]
    barrier = threading.Barrier(2)
    errors = []

    def work(run):
        try:
            barrier.wait()
            process_payment_run(run.pk, chunk_size=1)
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work, args=(r,)) for r in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not [e for e in errors if "locked" not in e], errors
    assert ScheduledPayment.objects.filter(status="paid").count() == 8
    assert RunPayment.objects.count() == 8
    assert RunPayment.objects.values("payment").distinct().count() == 8
    assert LedgerEntry.objects.filter(kind="payment").count() == 8
