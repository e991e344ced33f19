"""Panels: agendas built from referred plans, quorum, decisions through the approvals services,
the person told, items carried over, and the decision pack."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clearpath.errors import ServiceError
from clearpath.journey.approvals.models import Decision
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.panels.models import AgendaItem, Meeting, OutcomeNotice
from clearpath.journey.panels.services import (
    add_panel,
    close_meeting,
    decide_item,
    record_attendance,
    refresh_agenda,
    schedule_meeting,
)
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.accounts.services import add_staff_member
from clearpath.platform.audit.models import AuditEvent
from tests.builders import submitted


@pytest.fixture
def second_member(db):
    return add_staff_member(
        username="kemi",
        password="correct horse battery",
        first_name="Kemi",
        last_name="Tester",
        role=StaffMember.Role.PANEL_MEMBER,
    )


@pytest.fixture
def panel(panel_member, second_member, administrator):
    return add_panel(
        name="Exceptions panel", quorum=2, members=[panel_member, second_member], by=administrator
    )


def _referred(practitioner, **kw):
    return submitted(by=practitioner, primary_support_reason="mental_health", **kw)


def test_the_quorum_must_fit_the_members(panel_member, administrator):
    with pytest.raises(ServiceError, match="quorum"):
        add_panel(name="Too big", quorum=3, members=[panel_member], by=administrator)


def test_a_meeting_runs_from_agenda_to_decisions_and_carries_over_the_rest(
    practitioner, panel, panel_member, second_member
):
    first = _referred(practitioner)
    second = _referred(practitioner, nhs_number="", first_name="Ann")
    third = _referred(practitioner, nhs_number="", first_name="Bea")
    meeting = schedule_meeting(panel=panel, held_on=date(2026, 12, 1), by=panel_member)
    items = list(meeting.items.order_by("position"))
    assert [i.decision_id for i in items] == [first.pk, second.pk, third.pk]

    with pytest.raises(ServiceError, match="present"):
        decide_item(item=items[0], by=panel_member, outcome="approved", reasons="Meets needs")
    record_attendance(meeting=meeting, by=panel_member, present=[panel_member])
    with pytest.raises(ServiceError, match="not quorate"):
        decide_item(item=items[0], by=panel_member, outcome="approved", reasons="Meets needs")
    record_attendance(meeting=meeting, by=panel_member, present=[panel_member, second_member])
    with pytest.raises(ServiceError, match="reasons"):
        decide_item(item=items[0], by=panel_member, outcome="approved", reasons=" ")

    decide_item(item=items[0], by=panel_member, outcome="approved", reasons="Meets needs")
    decide_item(
        item=items[1],
        by=second_member,
        outcome="approved_with_changes",
        weekly="80.00",
        reasons="Fewer taxi trips are needed",
    )
    assert Decision.objects.get(pk=first.pk).status == "approved"
    budget = PersonalBudget.objects.get(decision=second)
    assert budget.weekly_gross == Decimal("80.00")
    notice = OutcomeNotice.objects.get(item=items[1])
    assert "£80.00 a week" in notice.wording and "Fewer taxi trips" in notice.wording

    nxt = close_meeting(meeting=meeting, by=panel_member)
    assert nxt is not None and nxt.held_on == date(2026, 12, 15)
    carried = nxt.items.get()
    assert carried.decision_id == third.pk and carried.carried_from_id == items[2].pk
    assert AgendaItem.objects.get(pk=items[2].pk).status == "carried_over"
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"


def test_a_new_referral_joins_the_next_agenda_once(practitioner, panel, panel_member):
    meeting = schedule_meeting(panel=panel, held_on=date(2026, 12, 1), by=panel_member)
    assert meeting.items.count() == 0
    _referred(practitioner)
    assert refresh_agenda(meeting=meeting, by=panel_member) == 1
    assert refresh_agenda(meeting=meeting, by=panel_member) == 0
    other = schedule_meeting(panel=panel, held_on=date(2026, 12, 8), by=panel_member)
    assert other.items.count() == 0  # already on an open agenda


def test_someone_not_on_the_panel_cannot_see_its_meetings(
    client, practitioner, panel, panel_member
):
    meeting = schedule_meeting(panel=panel, held_on=date(2026, 12, 1), by=panel_member)
    client.force_login(practitioner)
    assert client.get(reverse("panels:meeting-detail", args=[meeting.pk])).status_code == 404


def test_the_meeting_pages_and_the_decision_pack(
    client, practitioner, panel, panel_member, second_member, django_assert_max_num_queries
):
    _referred(practitioner)
    meeting = schedule_meeting(panel=panel, held_on=date(2026, 12, 1), by=panel_member)
    client.force_login(panel_member)
    page = client.get(reverse("panels:meeting-detail", args=[meeting.pk]))
    assert page.status_code == 200 and "Mental health" in page.content.decode()
    pdf = client.get(reverse("panels:meeting-pack", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    read = AuditEvent.objects.get(action="panel.pack_viewed")
    assert read.actor == panel_member and read.changes == {"people": 1}
    item = meeting.items.get()
    url = reverse("panels:item-decide", args=[item.pk])
    record_attendance(meeting=meeting, by=panel_member, present=[panel_member, second_member])
    bad = client.post(url, {"row_version": item.row_version, "outcome": "approved", "reasons": ""})
    assert bad.status_code == 422 and "Give the panel" in bad.content.decode()
    ok = client.post(
        url, {"row_version": item.row_version, "outcome": "returned", "reasons": "Add a backup"}
    )
    assert ok.status_code == 302
    letter = client.get(reverse("panels:item-letter", args=[item.pk])).content.decode()
    assert "asked for changes" in letter and "Add a backup" in letter
    # The agenda page's queries do not grow with the number of items.
    for n in range(3):
        _referred(practitioner, nhs_number="", first_name=f"N{n}")
    refresh_agenda(meeting=meeting, by=panel_member)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("panels:meeting-detail", args=[meeting.pk])).status_code == 200


def test_the_api_shows_the_agenda_and_records_a_decision(
    client, practitioner, panel, panel_member, second_member
):
    _referred(practitioner)
    meeting = schedule_meeting(panel=panel, held_on=date(2026, 12, 1), by=panel_member)
    client.force_login(panel_member)
    body = client.get(f"/api/panels/meetings/{meeting.pk}").json()
    assert body["quorum"] == 2 and body["items"][0]["triggers"] == ["mental_health"]
    item = body["items"][0]
    url = f"/api/panels/items/{item['id']}/decision"
    payload = {"row_version": item["row_version"], "outcome": "approved", "reasons": "Agreed"}
    r = client.post(url, payload, content_type="application/json")
    assert r.status_code == 422 and "present" in r.json()["detail"]
    record_attendance(meeting=meeting, by=panel_member, present=[panel_member, second_member])
    r = client.post(
        url, {**payload, "outcome": "approved_with_changes"}, content_type="application/json"
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "weekly"
    r = client.post(url, payload, content_type="application/json")
    assert r.status_code == 200 and r.json()["outcome"] == "approved"
    client.force_login(practitioner)
    assert client.get(f"/api/panels/meetings/{meeting.pk}").status_code == 404


def test_scheduling_without_a_date_shows_an_error(client, panel, panel_member):
    client.force_login(panel_member)
    r = client.post(reverse("panels:meeting-add", args=[panel.pk]), {})
    assert r.status_code == 422 and "Enter the date of the meeting" in r.content.decode()
