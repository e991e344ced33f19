"""Two people deciding the same plan at once produce exactly one decision (row locks).

Runs on whichever database the suite uses; CI runs it on PostgreSQL, where `select_for_update`
really locks the row.
"""

import threading

import pytest
from django.db import OperationalError, close_old_connections, connection

from clearpath.errors import ServiceError
from clearpath.journey.approvals.models import Decision
from clearpath.journey.approvals.services import approve_plan
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.money.payments.models import ScheduledPayment
from tests.builders import submitted


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_make_one_decision_and_one_budget(practitioner, manager):
    decision = submitted(by=practitioner)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(user):
        try:
            barrier.wait()
            approve_plan(decision=decision, by=user)
            outcomes.append("approved")
        except (ServiceError, OperationalError) as e:
            outcomes.append(type(e).__name__)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=decide, args=(u,)) for u in (practitioner, manager)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(outcomes) == 2 and outcomes.count("approved") == 1, (
        outcomes
    )  # the other is refused cleanly
    assert Decision.objects.filter(status="approved").count() == 1
    assert PersonalBudget.objects.count() == 1
    assert ScheduledPayment.objects.count() == 13


@pytest.mark.django_db(transaction=True)
def test_approving_and_referring_at_once_leave_exactly_one_outcome(practitioner, manager):
    """One person approves while another refers the same plan: the row lock lets one through,
    and the other is refused (already decided, or a stale form) - never both."""
    from clearpath.journey.approvals.services import refer_decision

    decision = submitted(by=practitioner)
    version = decision.row_version
    barrier = threading.Barrier(2)
    outcomes = []

    def act(fn):
        try:
            barrier.wait()
            fn()
            outcomes.append("done")
        except (ServiceError, OperationalError) as e:
            outcomes.append(type(e).__name__)
        finally:
            close_old_connections()
            connection.close()

    jobs = [
        lambda: approve_plan(decision=decision, by=practitioner, expected_version=version),
        lambda: refer_decision(
            decision=decision, by=manager, to="panel", reason="Complex", expected_version=version
        ),
    ]
    threads = [threading.Thread(target=act, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert outcomes.count("done") == 1, outcomes
    statuses = sorted(Decision.objects.filter(plan=decision.plan).values_list("status", flat=True))
    assert statuses in (["approved"], ["pending", "referred"])
    assert PersonalBudget.objects.count() == (1 if statuses == ["approved"] else 0)
