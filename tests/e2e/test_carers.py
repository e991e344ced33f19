"""A practitioner does a carer's assessment in a real browser, axe-checked on every page."""

import pytest
from playwright.sync_api import expect

from clearpath.journey.carers.models import CarerAssessment
from domain import rulepacks
from tests.builders import add_test_person
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_practitioner_does_a_carers_assessment(checked_page, practitioner):
    cared_for = add_test_person(by=practitioner)
    carer = add_test_person(by=practitioner, first_name="Joan", nhs_number="")
    cp, page = checked_page, checked_page.page
    sign_in(cp, "priya")

    cp.goto(f"/people/{carer.pk}")
    page.click('a:has-text("Carer\'s assessment")')
    cp.check()
    expect(page.locator("h1")).to_have_text("Start a carer's assessment")
    page.select_option("#id_cared_for", str(cared_for.pk))
    cp.screenshot("carers-01-start")
    page.click('button:has-text("Start the carer\'s assessment")')
    cp.check()
    expect(page.locator("h1")).to_have_text("About caring and how it affects you")
    expect(page.locator(".govuk-caption-l")).to_contain_text("caring for Margaret Okafor")

    page.check("input[name=necessary_care][value=yes]")
    page.check("input[name=habitable_home_ways][value=needs_help]")
    page.fill("#id_habitable_home_own_words", "No time to clean since Mum moved in.")
    page.click("button:has-text('Save and check answers')")
    cp.check()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say whether the carer's health is at risk")
    expect(summary).to_contain_text("Answer the question about time for yourself")
    expect(page.locator("#id_habitable_home_own_words")).to_have_value(
        "No time to clean since Mum moved in."
    )
    cp.screenshot("carers-02-errors")

    page.check("input[name=health_at_risk][value=no]")
    for o in rulepacks.carer_question_set().outcomes:
        if o.code != "habitable_home":
            page.check(f"input[name={o.code}_ways][value=none]")
    page.check("input[name=wellbeing_impact][value=yes]")
    page.check("input[name=needs_fluctuate][value=yes]")
    page.fill("#id_fluctuation", "the last 6 months; worse when Mum is unwell")
    page.click("button:has-text('Save and check answers')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Check the answers before completing the assessment")
    cp.screenshot("carers-03-check")

    page.click('button:has-text("Complete the carer\'s assessment")')
    cp.check()
    expect(page.locator(".govuk-panel")).to_contain_text("Eligible for support as a carer")
    expect(page.locator(".govuk-panel")).to_contain_text("£150.00 a year")
    expect(page.locator("main")).to_contain_text("Condition (b) is met: reg 3(2)(b)(iii)")
    expect(page.locator("main")).to_contain_text(
        "Needs fluctuate: considered over the last 6 months; worse when Mum is unwell"
    )
    page.click("text=The arithmetic (for professionals)")
    cp.screenshot("carers-04-result")
    assert CarerAssessment.objects.get(person=carer).eligible is True

    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto(page.url.replace(cp.base_url, ""))
    cp.screenshot("carers-05-result-320")
