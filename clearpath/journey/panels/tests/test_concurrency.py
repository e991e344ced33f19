"""Two panel members recording a decision on the same item at once: exactly one decision.

Runs on whichever database the suite uses; CI runs it on PostgreSQL, where `select_for_update`
really locks the rows."""

import threading
from datetime import date

import pytest
from django.db import OperationalError, close_old_connections, connection

from clearpath.errors import ServiceError
from clearpath.journey.approvals.models import Decision
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.panels.models import OutcomeNotice
from clearpath.journey.panels.services import (
    add_panel,
    decide_item,
    record_attendance,
    schedule_meeting,
)
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.accounts.services import add_staff_member
from tests.builders import submitted


@pytest.mark.django_db(transaction=True)
def test_two_members_deciding_one_item_at_once_make_one_decision(
    practitioner, panel_member, administrator
):
    kemi = add_staff_member(
        username="kemi",
        password="correct horse battery",
        first_name="Kemi",
        last_name="Bello",
        role=StaffMember.Role.PANEL_MEMBER,
    )
    panel = add_panel(name="Panel", quorum=2, members=[panel_member, kemi], by=administrator)
    decision = submitted(by=practitioner, primary_support_reason="mental_health")
    meeting = schedule_meeting(panel=panel, held_on=date(2026, 12, 1), by=panel_member)
    record_attendance(meeting=meeting, by=panel_member, present=[panel_member, kemi])
    item = meeting.items.get()
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(user, outcome):
        try:
            barrier.wait()
            decide_item(item=item, by=user, outcome=outcome, reasons="Agreed by the panel")
            outcomes.append("decided")
        except (ServiceError, OperationalError) as e:
            outcomes.append(type(e).__name__)
        finally:
            close_old_connections()
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(panel_member, "approved")),
        threading.Thread(target=decide, args=(kemi, "returned")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert outcomes.count("decided") == 1, outcomes
    status = Decision.objects.get(pk=decision.pk).status
    assert status in ("approved", "returned")
    assert PersonalBudget.objects.count() == (1 if status == "approved" else 0)
    assert OutcomeNotice.objects.count() == 1
