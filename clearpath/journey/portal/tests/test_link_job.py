"""Sign-in links go out from the job queue, and the one-time token is never stored there."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from clearpath.journey.portal import services
from clearpath.journey.portal.models import OutboxMessage
from tests.builders import add_test_person

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def account(practitioner):
    person = add_test_person(by=practitioner, nhs_number="")
    return services.create_account(
        person=person, role="person", name="Margaret", email="m@example.com", created_by_name="P"
    )


def test_asking_for_a_link_queues_a_job_that_makes_and_sends_it(client, account):
    with override_settings(TASKS=DATABASE_QUEUE):
        page = client.post(reverse("portal:sign-in"), {"contact": "m@example.com"})
    assert page.status_code in (200, 302)
    assert not OutboxMessage.objects.exists()  # nothing sent in the request
    [job] = DBTaskResult.objects.all()
    stored = json.dumps(job.args_kwargs)
    assert job.args_kwargs["args"][0] == account.pk and "token" not in stored
    assert account.links.count() == 0  # the link is made by the worker, not the page

    job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])  # what the worker does
    [message] = OutboxMessage.objects.all()
    assert message.to == "m@example.com" and "/portal/link/" in message.body
    assert account.links.count() == 1
    token = message.body.split("/portal/link/")[1].split()[0].rstrip("/")
    assert token not in stored
