"""The RAS lab in a real browser: an administrator uploads past cases, sees a bad file refused
with line numbers, then sees the results of a good one. Axe checks every page."""

import pytest
from playwright.sync_api import expect

from clearpath.insight.raslab.models import LabRun
from clearpath.insight.raslab.selectors import model_source
from domain import rulepacks
from domain.raslab import example_csv
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def csv_file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}


def test_an_administrator_back_tests_past_cases(checked_page, administrator):
    cp, page = checked_page, checked_page.page
    sign_in(cp, "alex")
    cp.goto("/ras-lab/")
    expect(page.locator("h1")).to_have_text("Test a RAS model against past cases")
    cp.screenshot("ras-lab-01-start")

    good = example_csv(rulepacks.question_set())
    header, first, *rest = good.splitlines()
    bad = "\n".join([header, first.replace(",240.00,", ",12.x,"), *rest])
    page.set_input_files("#id_cases", csv_file("bad.csv", bad))
    page.select_option("#id_model", "demo-points@1")
    page.click("button:has-text('Run the test')")
    cp.check()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 2, agreed_weekly: '12.x' is not an amount of money")
    expect(page.locator("#id_model")).to_have_value("demo-points@1")  # the choice is kept
    cp.screenshot("ras-lab-02-bad-file")
    assert LabRun.objects.count() == 0

    page.set_input_files("#id_cases", csv_file("past-cases.csv", good))
    page.select_option("#id_compare", "upload")
    dearer = model_source("demo-points@1").replace("version = 1", "version = 2")
    page.set_input_files(
        "#id_compare_file",
        {
            "name": "dearer.toml",
            "mimeType": "application/toml",
            "buffer": dearer.replace('"9.50"', '"11.00"').encode(),
        },
    )
    page.click("button:has-text('Run the test')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Results for past-cases.csv")
    expect(page.locator("text=The two models side by side")).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(4)
    expect(page.locator("text=Best-fit price per point").first).to_be_visible()
    page.click("text=The figures in this chart, as a table >> nth=0")
    expect(page.locator("caption:has-text('Predicted against agreed')").first).to_be_visible()
    cp.screenshot("ras-lab-03-results")

    page.set_viewport_size({"width": 320, "height": 800})
    cp.check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # nothing spills over
    cp.screenshot("ras-lab-04-results-320")
