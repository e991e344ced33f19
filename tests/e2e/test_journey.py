"""One person from first contact to a scheduled direct payment, in a real browser, axe-checked."""

import re

import pytest
from playwright.sync_api import expect

from clearpath.journey.approvals.models import Decision
from clearpath.journey.people.models import Person
from clearpath.money.payments.models import ScheduledPayment
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_takes_a_person_from_contact_to_scheduled_payments(
    checked_page, practitioner, manager
):
    cp = checked_page
    page = cp.page
    sign_in(cp, "priya")
    expect(page.locator("h1")).to_have_text("People")

    page.click("text=Add a person")
    cp.check()
    page.click("button:has-text('Save and record the contact')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's first name")
    cp.screenshot("01-add-person-errors")

    page.fill("#id_first_name", "Margaret")
    page.fill("#id_last_name", "Okafor")
    page.fill("#id_date_of_birth-day", "12")
    page.fill("#id_date_of_birth-month", "5")
    page.fill("#id_date_of_birth-year", "1948")
    page.fill("#id_nhs_number", "943 476 5918")
    page.fill("#id_address", "14 Mill Lane\nLeeds")
    page.fill("#id_postcode", "ls1 4ap")
    page.check("input[name=primary_support_reason] >> nth=1")
    page.click("button:has-text('Save and record the contact')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("last digit does not match")
    expect(page.locator("#id_first_name")).to_have_value("Margaret")  # nothing typed is lost
    page.fill("#id_nhs_number", "943 476 5919")
    page.click("button:has-text('Save and record the contact')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Record a contact")

    page.check("input[name=route_of_access] >> nth=0")
    page.fill("#id_summary", "Margaret's daughter asked for help with washing and meals.")
    page.click("button:has-text('Save contact')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Margaret Okafor")

    page.click("#journey-2 a, a:has-text('Assessment')")
    cp.check()
    page.check("input[name=mode][value=supported]")
    page.click("button:has-text('Start')")
    cp.check()
    page.check("input[name=needs_arise_from_impairment][value=yes]")
    for code, level in [
        ("nutrition", "a_lot"),
        ("hygiene", "full"),
        ("clothing", "some"),
        ("community", "some"),
    ]:
        page.check(f"input[name={code}_help][value={level}]")
        page.check(f"input[name={code}_ways][value=needs_help]")
    page.fill("#id_hygiene_own_words", "I can't get in the bath on my own any more.")
    page.click("button:has-text('Save draft')")
    cp.check()
    expect(page.locator("#id_hygiene_own_words")).to_have_value(
        "I can't get in the bath on my own any more."
    )
    page.click("button:has-text('Save and check answers')")
    cp.check()
    expect(
        page.locator(".govuk-error-summary")
    ).to_be_visible()  # the other outcomes still need answers
    for radio in page.locator("input[type=radio][value=none]").all():
        if not page.locator(f"input[name='{radio.get_attribute('name')}']:checked").count():
            radio.check()
    page.check("input[name=wellbeing_impact][value=yes]")
    page.check("input[name=unpaid_care][value=some]")
    page.click("button:has-text('Save and check answers')")
    cp.check()
    expect(page.locator("h1")).to_contain_text("Check the answers")
    page.click("button:has-text('Complete the assessment')")
    cp.check()
    expect(page.locator(".govuk-panel")).to_contain_text("Eligible")
    cp.screenshot("02-eligibility-and-budget")

    page.click("button:has-text('Start the support plan')")
    cp.check()
    page.check("input[name=led_by][value=person]")
    page.fill("#id_what_matters", "Staying at home with my cat, and seeing my friends at church.")
    page.fill("[id='id_outcome-1']", "I want to have a bath every other day")
    page.fill("[id='id_lines-1-description']", "Personal assistant for washing and dressing")
    page.fill("[id='id_lines-1-unit_cost']", "13.50")
    page.fill("[id='id_lines-1-quantity']", "7")
    expect(page.locator("[data-plan-total]")).to_have_text("£94.50")  # live total with JavaScript
    page.check("input[name=deployment][value=direct_payment]")
    page.click("button:has-text('Save and continue')")
    cp.check()
    expect(page.locator("h1")).to_contain_text("Check the plan")
    expect(page.locator(".govuk-inset-text")).to_contain_text("You can approve this plan yourself")
    cp.screenshot("03-plan-route")
    page.click("button:has-text('Submit the plan')")
    cp.check()
    page.click("button:has-text('Approve the plan')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Plan approved")
    cp.screenshot("04-person-with-budget")

    person = Person.objects.get(last_name="Okafor")
    assert person.stage == Person.Stage.BUDGET
    decision = Decision.objects.get(person=person)
    assert (decision.route, decision.status, decision.decided_by) == (
        "practitioner",
        "approved",
        practitioner,
    )
    payments = ScheduledPayment.objects.filter(schedule__person=person)
    assert payments.count() == 13 and payments.first().amount > 0

    page.click("a:has-text('Direct payments')")
    cp.check()
    expect(page.locator("table")).to_contain_text("Scheduled")
    page.goto(cp.base_url + f"/people/{person.pk}/timeline")
    cp.check()
    expect(page.locator(".app-timeline")).to_contain_text("Approved support plan")
    cp.screenshot("05-timeline")

    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto(f"/people/{person.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the person page scrolls sideways at 320px ({width}px)"
    cp.screenshot("06-person-320px")
    assert len(cp.checked) >= 20


def test_a_practitioner_from_another_team_sees_not_found(checked_page, practitioner, outsider):
    from tests.builders import add_test_person

    person = add_test_person(by=practitioner)
    sign_in(checked_page, "oscar")
    page = checked_page.goto(f"/people/{person.pk}/")
    expect(page.locator("h1")).to_have_text("Page not found")
    assert re.search(r"/people/\d+/", page.url)
