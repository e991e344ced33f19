"""The portal in a real browser, axe-checked on every page, the helper at a phone's width.

A person signs in with a one-time link and chooses a helper; the helper (at 320 px) completes
the self-assessment, which the practitioner checks and completes without re-keying anything;
the helper builds a costed plan with a personal assistant line from the calculator and sends
it; the practitioner submits it and approves it. Then the person uploads a plan written in
their own format, which goes through the same route and is approved.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.portal import services
from clearpath.journey.portal.models import AccessLog, OutboxMessage
from domain import rulepacks
from tests.builders import add_test_person
from tests.e2e.conftest import CheckedPage
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _new_message(email: str, before: int) -> str:
    """The message sent to `email` after the `before` already there: the job queue's worker may
    take a moment to send it."""
    for _ in range(150):
        messages = OutboxMessage.objects.filter(to=email).order_by("id")
        if messages.count() > before:
            return messages.last().body
        time.sleep(0.1)
    raise AssertionError(f"No new message was sent to {email}")


def _follow_link(cp, email):
    """Ask for a link on the sign-in page, then open the newest one the outbox holds."""
    before = OutboxMessage.objects.filter(to=email).count()
    page = cp.goto("/portal/sign-in")
    page.fill("#id_contact", email)
    page.click("button:has-text('Send me a link')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Check your email or phone")
    body = _new_message(email, before)
    path = re.search(r"/portal/link/[\w-]+", body).group(0)
    cp.goto(path)
    page.click("button:has-text('Continue to sign in')")
    cp.check()
    return page, path


def _context(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, CheckedPage(page, live_server.url)


def test_a_person_and_helper_plan_online_and_the_council_signs_off(
    browser, live_server, checked_page, practitioner
):
    person = add_test_person(by=practitioner)
    services.create_account(
        person=person,
        role="person",
        name="Margaret Okafor",
        email="margaret@example.com",
        created_by_name="Priya Tester",
    )

    # The person signs in with a one-time link and chooses a helper.
    me = checked_page
    page, used = _follow_link(me, "margaret@example.com")
    expect(page.locator("h1")).to_have_text("Hello Margaret")
    me.screenshot("portal-01-person-home")
    me.goto(used)
    page.click("button:has-text('Continue to sign in')")
    me.check()
    expect(page.locator("h1")).to_have_text("This link does not work")
    expect(page.locator("main")).to_contain_text("already been used")
    me.screenshot("portal-02-link-used")
    page, _ = _follow_link(me, "margaret@example.com")
    page.click("a:has-text('Choose who can help you')")
    me.check()
    page.click("button:has-text('Give permission')")
    me.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter their name")
    page.fill("#id_name", "Sam Okafor")
    page.fill("#id_relationship", "my son")
    page.fill("#id_email", "sam@example.com")
    for scope in ("assessment", "budget", "plan", "documents", "messages"):
        page.check(f"input[name=scopes][value={scope}]")
    page.click("button:has-text('Give permission')")
    me.check()
    expect(page.locator(".govuk-summary-card")).to_contain_text("Sam Okafor")
    me.screenshot("portal-03-helpers")

    # The helper, on a phone.
    context, helper = _context(browser, live_server, 320)
    hp, _ = _follow_link(helper, "sam@example.com")
    expect(hp.locator("h1")).to_have_text("Margaret's care and support")
    helper.screenshot("portal-04-helper-home-320")
    hp.click("a:has-text('Tell us about your needs')")
    helper.check()
    hp.click("button:has-text('Start')")
    helper.check()
    hp.check("input[name=needs_arise_from_impairment][value=yes]")
    hp.check("input[name=hygiene_help][value=full]")
    hp.check("input[name=hygiene_ways][value=needs_help]")
    hp.fill("#id_hygiene_own_words", "Mum cannot get in and out of the bath on her own")
    hp.click("button:has-text('Save draft')")
    helper.check()
    expect(hp.locator(".govuk-notification-banner")).to_contain_text("saved")
    expect(hp.locator("#id_hygiene_own_words")).to_have_value(
        "Mum cannot get in and out of the bath on her own"
    )
    levels = {"nutrition": "a_lot", "clothing": "a_lot", "community": "some"}
    for o in rulepacks.question_set().outcomes:
        if o.code != "hygiene":
            hp.check(f"input[name={o.code}_help][value={levels.get(o.code, 'none')}]")
            if o.code in levels:
                hp.check(f"input[name={o.code}_ways][value=needs_help]")
    hp.check("input[name=wellbeing_impact][value=yes]")
    hp.check("input[name=unpaid_care][value=none]")
    helper.screenshot("portal-05-assessment-320")
    hp.click("button:has-text('Save and check answers')")
    helper.check()
    expect(hp.locator("h1")).to_have_text("Check your answers before you send them")
    hp.click("button:has-text('Send to the council')")
    helper.check()
    expect(hp.locator(".govuk-notification-banner")).to_contain_text("Sent to the council")
    helper.screenshot("portal-06-assessment-sent-320")

    # The practitioner checks the same answers with them and completes the assessment.
    staff_context, staff = _context(browser, live_server, 1100)
    sp = sign_in(staff, "priya")
    staff.goto(f"/people/{person.pk}/online-access")
    expect(sp.locator("main")).to_contain_text("sent by Sam Okafor (helper)")
    staff.screenshot("portal-07-staff-online-access")
    sp.click("a:has-text('open the answers')")
    staff.check()
    expect(sp.locator(".govuk-inset-text").first).to_contain_text("Sent by Sam Okafor (helper)")
    expect(sp.locator("#id_hygiene_own_words")).to_have_value(
        "Mum cannot get in and out of the bath on her own"
    )
    staff.screenshot("portal-08-staff-sees-answers")
    sp.click("button:has-text('Save and check answers')")
    staff.check()
    sp.click("button:has-text('Complete the assessment')")
    staff.check()
    expect(sp.locator(".govuk-panel")).to_contain_text("Eligible")

    # The helper sees the budget with its explanation and builds the plan with a PA line.
    hp.click("a:has-text('Home')")
    helper.check()
    hp.click("a:has-text('Eligibility and budget')")
    helper.check()
    expect(hp.locator(".govuk-panel")).to_contain_text("£152.00 a week")
    expect(hp.locator("main")).to_contain_text("How your budget was worked out")
    helper.screenshot("portal-09-budget-320")
    hp.click("a:has-text('Go to your support plan')")
    helper.check()
    hp.click("button:has-text('Write my plan here')")
    helper.check()
    hp.click("a:has-text('Work out what a personal assistant costs')")
    helper.check()
    hp.fill("#id_hourly_rate", "11.50")
    hp.fill("#id_hours_per_week", "10")
    hp.click("button:has-text('Work out the costs')")
    helper.check()
    expect(hp.locator(".govuk-warning-text").first).to_contain_text("below the legal minimum")
    expect(hp.locator("button:has-text('Add to my plan')")).to_have_count(0)
    hp.fill("#id_hourly_rate", "12.71")
    hp.click("button:has-text('Work out the costs')")
    helper.check()
    expect(hp.locator("[data-pa-weekly]")).to_have_text("£140.79 a week")
    helper.screenshot("portal-10-pa-costs-320")
    hp.click("button:has-text('Add to my plan')")
    helper.check()
    expect(hp.locator(".govuk-notification-banner")).to_contain_text("added to your plan")
    hp.check("input[name=led_by][value=family]")
    hp.fill("#id_what_matters", "Staying in my own home and seeing my grandchildren")
    hp.fill("#id_outcome-1", "Have a bath twice a week")
    hp.fill("#id_risks-1-risk", "Going to the shops on my own")
    hp.fill("#id_risks-1-how_managed", "I take my phone and Sam rings at 11")
    hp.fill("#id_contingency", "If my PA is ill, Sam comes instead")
    hp.check("input[name=deployment][value=direct_payment]")
    expect(hp.locator("[data-plan-total]")).to_have_text("£140.79")
    helper.screenshot("portal-11-plan-320")
    hp.click("button:has-text('Save and continue')")
    helper.check()
    expect(hp.locator("main")).to_contain_text("Personal assistant: 10 hours a week at £12.71")
    hp.click("button:has-text('Send my plan to the council')")
    helper.check()
    expect(hp.locator(".govuk-notification-banner")).to_contain_text("sent to the council")
    helper.screenshot("portal-12-plan-sent-320")

    # The practitioner submits it, unchanged, and approves it within their delegated limit.
    staff.goto(f"/people/{person.pk}/online-access")
    sp.click("a:has-text('open the plan')")
    staff.check()
    expect(sp.locator("main")).to_contain_text("Staying in my own home")
    expect(sp.locator("main")).to_contain_text("I take my phone and Sam rings at 11")
    expect(sp.locator(".govuk-inset-text").first).to_contain_text("Sent by Sam Okafor")
    staff.screenshot("portal-13-staff-plan")
    sp.click("button:has-text('Submit the plan')")
    staff.check()
    sp.click("button:has-text('Approve the plan')")
    staff.check()
    expect(sp.locator(".govuk-notification-banner")).to_contain_text("Plan approved")
    plan = SupportPlan.objects.get(person=person, number=1)
    assert plan.status == "approved" and str(plan.weekly_total) == "140.79"

    # The person uploads a new version written in their own format; the same route signs it off.
    page.click("a:has-text('Home')")
    me.check()
    page.click("a:has-text('Your support plan')")
    me.check()
    page.click("button:has-text('Upload a plan I have written')")
    me.check()
    page.set_input_files(
        "#id_document",
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"not really a pdf"}],
    )
    page.fill("#id_weekly_total", "150.00")
    page.fill("#id_main-1-description", "Personal assistant, 10 hours")
    page.fill("#id_main-1-weekly_cost", "140.79")
    page.fill("#id_outcomes", "Have a bath twice a week\nGo to the lunch club")
    page.check("input[name=deployment][value=direct_payment]")
    page.click("button:has-text('Upload and continue')")
    me.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a PDF, Word")
    expect(page.locator("#id_weekly_total")).to_have_value("150.00")
    expect(page.locator("#id_outcomes")).to_have_value(
        "Have a bath twice a week\nGo to the lunch club"
    )
    me.screenshot("portal-14-upload-refused")
    page.set_input_files(
        "#id_document",
        files=[{"name": "My plan.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click("button:has-text('Upload and continue')")
    me.check()
    expect(page.locator("main")).to_contain_text("My plan.pdf")
    expect(page.locator("main")).to_contain_text("What changed since version 1")
    page.click("button:has-text('Send my plan to the council')")
    me.check()
    me.screenshot("portal-15-own-format-sent")
    staff.goto(f"/people/{person.pk}/online-access")
    sp.locator("a:has-text('open the plan')").first.click()
    staff.check()
    expect(sp.locator("main")).to_contain_text("own format")
    sp.click("button:has-text('Submit the plan')")
    staff.check()
    sp.click("button:has-text('Approve the plan')")
    staff.check()
    expect(sp.locator(".govuk-notification-banner")).to_contain_text("Plan approved")
    own = SupportPlan.objects.get(person=person, number=2)
    assert own.format == "own" and own.status == "approved"

    # The person sees the decisions, and every page the helper opened.
    page.click("a:has-text('Home')")
    me.check()
    page.click("a:has-text('Decisions and messages')")
    me.check()
    expect(page.locator("main")).to_contain_text("Plan version 2: Approved")
    page.click("a:has-text('Who can help me')")
    me.check()
    page.click("a:has-text('See every page they have opened')")
    me.check()
    expect(page.locator("table")).to_contain_text("Sam Okafor")
    expect(page.locator("table")).to_contain_text("Personal assistant costs")
    me.screenshot("portal-16-access-log")
    assert AccessLog.objects.filter(person=person, account__name="Sam Okafor").count() > 10
    context.close()
    staff_context.close()


def test_a_practitioner_costs_a_plan_from_the_directory_and_the_pa_calculator(
    checked_page, practitioner
):
    from clearpath.demo.directory import load_demo_directory
    from clearpath.journey.plans.services import start_plan
    from tests.builders import assessed_person

    load_demo_directory()
    plan = start_plan(person=assessed_person(by=practitioner), by=practitioner)
    cp = checked_page
    page = sign_in(cp, "priya")
    cp.goto(f"/plans/{plan.pk}/edit")
    page.click("a:has-text('Find support in the local directory')")
    cp.check()
    page.select_option("#id_need", "community")
    page.fill("#id_max_price", "50")
    page.click("button:has-text('Search')")
    cp.check()
    expect(page.locator("main")).to_contain_text("Riverside Walking Group (demo)")
    cp.screenshot("directory-01-search")
    page.click("a:has-text('Northtown Day Opportunities (demo)')")
    cp.check()
    page.fill("#id_quantity", "2")
    page.check("input[name=frequency][value=weekly]")
    page.click("button:has-text('Work out the cost')")
    cp.check()
    expect(page.locator(".govuk-inset-text")).to_contain_text("£90.00 a week")
    cp.screenshot("directory-02-entry")
    page.click("button:has-text('Add to the plan')")
    cp.check()
    page.click("a:has-text('Work out what a personal assistant costs')")
    cp.check()
    page.fill("#id_hourly_rate", "13.00")
    page.click("summary:has-text('Fill in a rota instead')")
    page.fill("#id_rota_mon", "3")
    page.fill("#id_rota_thu", "3")
    page.check("input[name=irregular_hours][value=yes]")
    page.click("button:has-text('Work out the costs')")
    cp.check()
    expect(page.locator("[data-pa-weekly]")).to_contain_text("a week")
    cp.screenshot("pa-costs-01-result")
    page.click("button:has-text('Add to')")
    cp.check()
    expect(page.locator("[data-plan-total]")).not_to_have_text("£90.00")
    cp.screenshot("plan-01-with-directory-and-pa-lines")
