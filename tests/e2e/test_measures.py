"""The measures pages in a real browser, axe-checked, at desktop and phone widths."""

import pytest
from playwright.sync_api import expect

from tests.builders import add_test_person, approved, submitted
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_reads_the_measures_and_a_teams_page(checked_page, practitioner, manager):
    approved(by=practitioner)
    approved(by=practitioner, nhs_number="", first_name="Ken")
    submitted(by=practitioner, nhs_number="", first_name="Ada")
    add_test_person(by=practitioner, nhs_number="")  # Margaret again: typed twice
    cp, page = checked_page, checked_page.page

    sign_in(cp, "grace")
    page.click("a:has-text('Measures')")
    cp.check()
    expect(page.locator("h1")).to_have_text("How much process people go through")
    expect(page.locator(".app-figures")).to_contain_text(
        "100.0% of plans decided by the practitioner"
    )
    expect(page.locator(".app-figures")).to_contain_text(
        "1 person added again, so their details were typed twice"
    )
    cp.screenshot("measures-01-dashboard")

    page.fill("#id_start-day", "1")
    page.fill("#id_start-month", "12")
    page.fill("#id_start-year", "2026")
    page.fill("#id_end-day", "1")
    page.fill("#id_end-month", "1")
    page.fill("#id_end-year", "2026")
    page.click("button:has-text('Show the figures')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("on or before its end")
    expect(page.locator("#id_start-month")).to_have_value("12")

    cp.goto("/measures/definitions")
    expect(page.locator("#typed_twice")).to_have_text("Details typed more than once")

    cp.goto(f"/measures/teams/{practitioner.team_id}/")
    expect(page.locator("h1")).to_have_text(practitioner.team.name)
    expect(page.locator("table")).to_contain_text("Plan waiting for a decision")
    cp.screenshot("measures-02-team")

    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto("/measures/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    cp.screenshot("measures-03-dashboard-320")
