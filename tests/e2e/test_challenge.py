"""The right to challenge (statutory guidance 11.24), in a real browser, axe-checked on every page.

The person challenges their indicative budget without signing in, using the reference on their
letter and their date of birth; the practitioner it is routed to answers it with reasons.
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from clearpath.journey.challenges.models import Challenge
from clearpath.journey.letters.services import reference_for_calculation
from tests.builders import assessed_person
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_challenges_their_budget_and_the_practitioner_answers(checked_page, practitioner):
    cache.clear()
    person = assessed_person(by=practitioner)
    calc = person.budget_calculations.get()
    letter = reference_for_calculation(calculation=calc, by=practitioner)
    cp = checked_page
    page = cp.page

    # The person, not signed in.
    cp.goto("/challenge-a-budget")
    expect(page.locator("h1")).to_have_text("Challenge a personal budget")
    page.fill("#id_reference", "CP-2222-3333")
    page.fill("#id_date_of_birth-day", "12")
    page.fill("#id_date_of_birth-month", "5")
    page.fill("#id_date_of_birth-year", "1948")
    page.click("button:has-text('Continue')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("could not find a letter")
    expect(page.locator("#id_reference")).to_have_value("CP-2222-3333")
    cp.screenshot("challenge-01-not-found")

    page.fill("#id_reference", letter.code.lower())
    page.click("button:has-text('Continue')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Tell us why the amount is not enough")
    page.click("button:has-text('Send the challenge')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the amount is not enough")
    page.check("input[name=raised_by][value=representative]")
    page.fill("#id_raised_by_name", "Ada Okafor")
    page.fill("#id_reasons", "Mum needs help getting ready for bed as well as in the morning.")
    page.fill("#id_what_is_needed", "An evening visit every day")
    page.check("input[name=contact_by][value=email]")
    page.fill("#id_contact_details", "ada@example.com")
    cp.screenshot("challenge-02-details")
    page.click("button:has-text('Send the challenge')")
    cp.check()
    challenge = Challenge.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(challenge.number)
    expect(page.locator("main")).to_contain_text("Priya Tester")
    cp.screenshot("challenge-03-sent")

    # The practitioner it was routed to.
    page = sign_in(cp, "priya")
    page.click(".govuk-service-navigation a:has-text('Challenges')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Challenges")
    expect(page.locator("table")).to_contain_text("Margaret Okafor")
    cp.screenshot("challenge-04-queue")
    page.click(f"a:has-text('{challenge.number}')")
    cp.check()
    expect(page.locator("main")).to_contain_text("Mum needs help getting ready for bed")
    page.click("button:has-text('Send the answer')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether the challenge")
    page.check("input[name=outcome][value=upheld]")
    page.fill("#id_reasons", "We had not counted help at bedtime. We have added an evening visit.")
    page.fill("#id_new_weekly_amount", "185.00")
    cp.screenshot("challenge-05-answer")
    page.click("button:has-text('Send the answer')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("answered")
    expect(page.locator("main")).to_contain_text("£185.00")
    cp.screenshot("challenge-06-answered")
    challenge.refresh_from_db()
    assert (challenge.outcome, challenge.answered_by) == ("upheld", practitioner)

    # The person's challenges, and recording one that came in by phone.
    cp.goto(f"/people/{person.pk}/challenges/")
    expect(page.locator("table")).to_contain_text("Upheld")
    page.click("a:has-text('Record a challenge')")
    cp.check()
    page.check("input[name=subject] >> nth=0")
    page.check("input[name=channel][value=phone]")
    page.click("button:has-text('Record the challenge')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose who is making the challenge"
    )
    expect(page.locator("input[name=channel][value=phone]")).to_be_checked()
    cp.screenshot("challenge-08-record-errors")

    # The letter the person was sent: an HTML preview and the A4 PDF made from it.
    cp.goto(f"/people/{person.pk}/letters/indicative/{calc.pk}")
    expect(page.locator("main")).to_contain_text(letter.code)
    expect(page.locator("main")).to_contain_text("/challenge-a-budget")
    cp.screenshot("challenge-07-letter-preview")
    pdf = page.request.get(cp.base_url + f"/people/{person.pk}/letters/indicative/{calc.pk}.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    cp.goto(f"/people/{person.pk}/timeline")
    expect(page.locator(".app-timeline")).to_contain_text(f"Answered challenge {challenge.number}")

    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto("/challenge-a-budget")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
