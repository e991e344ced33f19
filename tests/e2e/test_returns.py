"""The statutory return in a real browser: a practitioner records a person's details once, an
administrator checks the quarter, sees what would fail and why, and downloads the file."""

from datetime import date

import pytest
from playwright.sync_api import expect

from clearpath.journey.contacts.services import record_contact
from tests.builders import add_test_person
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_details_asked_once_then_the_return_checked_and_downloaded(
    checked_page, practitioner, administrator
):
    margaret = add_test_person(by=practitioner)
    record_contact(
        person=margaret,
        by=practitioner,
        received_on=date(2026, 9, 1),
        route_of_access="family_friend",
        summary="Her son rang: she has had two falls.",
    )
    ken = add_test_person(by=practitioner, first_name="Ken", last_name="Adeyemi", nhs_number="")
    record_contact(
        person=ken,
        by=practitioner,
        received_on=date(2026, 8, 12),
        route_of_access="self",
        summary="Asked about help at home.",
    )
    cp, page = checked_page, checked_page.page

    sign_in(cp, "priya")
    cp.goto(f"/people/{margaret.pk}/")
    expect(page.locator("h3", has_text="For the statutory return")).to_be_visible()
    page.click("a:has-text('Add')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Details for the statutory return")
    page.select_option("#id_gender", "female")
    page.select_option("#id_ethnicity", "white_irish")
    page.select_option("#id_accommodation_status", "own_home")
    cp.screenshot("returns-01-details")
    page.click("button:has-text('Save details')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("have been saved")
    expect(page.get_by_text("White: Irish")).to_be_visible()
    page.click("button:has-text('Sign out')")

    sign_in(cp, "alex")
    page.click("a:has-text('Returns')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Client Level Data return")
    page.fill("#id_period_end-day", "31")
    page.fill("#id_period_end-month", "8")
    page.fill("#id_period_end-year", "2026")
    page.click("button:has-text('Check the records')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The period must end on the last day of a quarter"
    )
    expect(page.locator("#id_period_end-day")).to_have_value("31")
    page.fill("#id_period_end-day", "30")
    page.fill("#id_period_end-month", "9")
    page.click("button:has-text('Check the records')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Quarter ending 30 September 2026")
    expect(page.locator("body")).to_contain_text("2 rows for 2 people")
    failing = page.locator("table", has=page.locator("th", has_text="Reason and what to do"))
    expect(failing).to_contain_text("The NHS number is not recorded")  # Ken's
    expect(failing).to_contain_text("Gender is not recorded")  # Ken's; Margaret's was given
    rows = page.locator("tbody tr")
    expect(rows.filter(has_text=ken.reference).filter(has_text="Gender")).to_have_count(1)
    expect(rows.filter(has_text=margaret.reference).filter(has_text="Gender")).to_have_count(0)
    cp.screenshot("returns-02-report")
    with page.expect_download() as download:
        page.click("a:has-text('Download the return (CSV)')")
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("LA_Code,Reporting_Period_Start_Date")
    assert len(lines) == 3

    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    cp.check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    cp.screenshot("returns-03-report-320")
