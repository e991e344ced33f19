"""The finance jobs the worker runs (django-tasks, on the database queue: `manage.py worker`)."""

from django.conf import settings
from django_tasks import task

from clearpath.money.finance.payment_runs import process_payment_run


@task()
def payment_run_job(run_id: int) -> str:
    """Pay a queued run. Safe to run twice, or after a stop: it carries on and pays nobody twice."""
    return process_payment_run(run_id, chunk_size=settings.PAYMENT_RUN_CHUNK_SIZE).status
