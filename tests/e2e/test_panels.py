"""A panel meeting in a real browser, axe-checked on every page: the agenda built from referred
plans, who is present, a decision recorded per item with reasons, the letter to the person, the
decision pack, and the item not reached carried over when the meeting closes. Then the manager's
numbers and financial view; and the pages at 320 px wide."""

from datetime import date

import pytest
from playwright.sync_api import expect

from clearpath.journey.approvals.models import Decision
from clearpath.journey.panels.models import AgendaItem
from clearpath.journey.panels.services import add_panel
from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.accounts.services import add_staff_member
from tests.builders import submitted
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_panel_meeting_runs_from_agenda_to_recorded_decisions(
    checked_page, practitioner, manager, panel_member, administrator
):
    kemi = add_staff_member(
        username="kemi",
        password="correct horse battery",
        first_name="Kemi",
        last_name="Bello",
        role=StaffMember.Role.PANEL_MEMBER,
    )
    add_panel(name="Exceptions panel", quorum=2, members=[panel_member, kemi], by=administrator)
    first = submitted(by=practitioner, primary_support_reason="mental_health")
    submitted(
        by=practitioner, primary_support_reason="mental_health", nhs_number="", first_name="Ann"
    )
    submitted(by=practitioner, nhs_number="", first_name="Bea")  # the practitioner's to decide

    cp = checked_page
    # The practitioner: their queue, the one confirmation page, and a referral to the panel.
    page = sign_in(cp, "priya")
    cp.goto("/decisions/")
    expect(page.locator("h2").first).to_have_text("Decisions for me")
    page.click("a:has-text('Bea')")
    cp.check()
    expect(page.locator("main")).to_contain_text("within your £500.00 limit")
    for option in ("Approve with changes", "Return the plan for changes", "Refer the plan onwards"):
        expect(page.locator("summary", has_text=option)).to_be_visible()
    cp.screenshot("panels-00-decision-page")
    page.click("summary:has-text('Refer the plan onwards')")
    page.check("input[name=to][value=panel]")
    page.click("button:has-text('Refer the plan')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why you are referring")
    page.fill("#id_refer_reason", "Her family disagree about the plan; the panel should hear them.")
    page.click("button:has-text('Refer the plan')")
    cp.check()
    expect(page.locator("main")).to_contain_text("The practitioner asked for the panel to decide")
    page.context.clear_cookies()

    page = sign_in(cp, "olu")
    cp.goto("/panels/")
    expect(page.locator("h1")).to_have_text("Panels")
    page.fill("#id_held_on-day", "1")
    page.fill("#id_held_on-month", "12")
    page.fill("#id_held_on-year", "2026")
    page.click("button:has-text('Schedule the meeting')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Meeting on 1 December 2026")
    expect(page.locator("table")).to_contain_text("Mental health support is the main reason")
    expect(page.locator("table")).to_contain_text("The practitioner asked for the panel")
    expect(page.locator("main")).to_contain_text("not quorate")
    cp.screenshot("panels-01-agenda")

    page.check(f"input[name=present][value='{panel_member.pk}']")
    page.check(f"input[name=present][value='{kemi.pk}']")
    page.click("button:has-text('Record who is present')")
    cp.check()
    expect(page.locator("main")).to_contain_text("2 of 2 members; quorum 2 (quorate)")

    page.click(f"a:has-text('{first.person.full_name}')")
    cp.check()
    expect(page.locator("h1")).to_have_text(first.person.full_name)
    page.click("button:has-text('Record the decision')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the panel's decision")
    page.check("input[name=outcome][value=approved_with_changes]")
    page.fill("#id_reasons", "The support meets the outcomes; two fewer taxi trips are needed.")
    page.click("button:has-text('Record the decision')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the weekly amount")
    expect(page.locator("#id_reasons")).to_have_value(
        "The support meets the outcomes; two fewer taxi trips are needed."
    )
    page.fill("#id_weekly", "80.00")
    cp.screenshot("panels-02-item")
    page.click("button:has-text('Record the decision')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Decision recorded")
    expect(page.locator("table")).to_contain_text("Approved with changes")
    page.click("a:has-text('Letter')")
    cp.check()
    expect(page.locator("main")).to_contain_text("£80.00 a week")
    cp.screenshot("panels-03-letter")
    page.go_back()

    meeting = AgendaItem.objects.filter(decision=first).get().meeting
    response = page.request.get(f"{cp.base_url}/panels/meetings/{meeting.pk}/pack.pdf")
    assert response.headers["content-type"] == "application/pdf"

    page.click("button:has-text('Close the meeting')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "carried over to 15 December 2026"
    )
    cp.screenshot("panels-04-closed")
    assert Decision.objects.get(pk=first.pk).status == "approved"
    carried = AgendaItem.objects.filter(meeting__held_on=date(2026, 12, 15)).first()
    assert AgendaItem.objects.filter(meeting__held_on=date(2026, 12, 15)).count() == 2
    assert carried.carried_from is not None

    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto(f"/panels/meetings/{carried.meeting_id}/")
    expect(page.locator("table")).to_contain_text("Carried over from 1 December 2026")
    cp.screenshot("panels-05-next-meeting-320")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    # The manager: queues, the numbers and the financial view.
    page.set_viewport_size({"width": 1100, "height": 900})
    page.context.clear_cookies()
    sign_in(cp, "grace")
    cp.goto("/decisions/?queue=team")
    expect(page.locator("h2").first).to_contain_text("My team's decisions")
    cp.screenshot("panels-06a-team-queue")
    cp.goto("/decisions/numbers")
    expect(page.locator("table")).to_contain_text("Panel")
    cp.screenshot("panels-06-numbers")
    cp.goto("/decisions/spending")
    expect(page.locator("main")).to_contain_text("Committed so far")
    cp.screenshot("panels-07-spending")
    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto("/decisions/spending")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    cp.screenshot("panels-08-spending-320")
