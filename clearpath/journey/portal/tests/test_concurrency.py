"""A one-time link used twice at the same moment signs in exactly once (row lock).

Runs on whichever database the suite uses; on PostgreSQL `select_for_update` really locks."""

import threading

import pytest
from django.db import OperationalError, close_old_connections, connection

from clearpath.journey.portal import services
from clearpath.journey.portal.models import SignInLink
from tests.builders import add_test_person


@pytest.mark.django_db(transaction=True)
def test_a_link_used_twice_at_once_signs_in_once(practitioner):
    person = add_test_person(by=practitioner)
    account = services.create_account(
        person=person, role="person", name="M", email="m@example.com", created_by_name="P"
    )
    services.system_actor()
    token = services.send_link(account=account)
    barrier = threading.Barrier(2)
    outcomes = []

    def use():
        try:
            barrier.wait()
            found, problem = services.use_link(token=token)
            outcomes.append("signed in" if found else problem)
        except OperationalError as e:  # SQLite: "database is locked" is a refusal too
            outcomes.append(type(e).__name__)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=use) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert outcomes.count("signed in") == 1, outcomes
    assert SignInLink.objects.get().used_at is not None
