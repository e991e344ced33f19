"""An administrator loads and activates a new RAS model in the browser; the public page follows it.
Past budgets keep the version they used. Axe checks every page."""

import pytest
from playwright.sync_api import expect

from clearpath.journey.budgets.models import BudgetCalculation
from domain import rulepacks
from domain.raslab import example_csv
from tests.builders import assessed_person
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

V3 = (
    (rulepacks.HERE / "ras_model" / "demo-points-v2.toml")
    .read_text(encoding="utf-8")
    .replace("version = 2", "version = 3")
    .replace('"8.50"', '"8.00"')
)


def test_an_administrator_switches_the_ras_model_and_past_budgets_stay_put(
    checked_page, administrator, practitioner, tmp_path
):
    before = assessed_person(by=practitioner).budget_calculations.get()
    cp, page = checked_page, checked_page.page

    page = cp.goto("/how-budgets-are-worked-out")  # public: no sign-in
    expect(page.locator("h1")).to_have_text("How budgets are worked out")
    expect(page.locator("main")).to_contain_text("Each point is worth £9.50 a week.")
    cp.screenshot("rules-01-public-page")

    sign_in(cp, "alex")
    page.click("a:has-text('Rule packs')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Rule packs")
    cp.screenshot("rules-02-list")

    bad = tmp_path / "demo-points-v3.toml"
    bad.write_text(V3.replace('"10.00"', '"ten"'), encoding="utf-8")
    page.set_input_files("#id_file", str(bad))
    page.click("button:has-text('Check and load')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "'price_per_point' must be a number"
    )

    good = tmp_path / "v3" / "demo-points-v3.toml"
    good.parent.mkdir()
    good.write_text(V3, encoding="utf-8")
    page.set_input_files("#id_file", str(good))
    page.click("button:has-text('Check and load')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Demonstration points model, stepped prices")
    expect(page.locator("main")).to_contain_text("Points above 30 are worth £8.00 each.")
    cp.screenshot("rules-03-version")

    # Back-test it side by side with the model in use, on past cases, before switching.
    page.click("a:has-text('Back-test demo-points@3 on past cases in the RAS lab')")
    cp.check()
    expect(page.locator("#id_model")).to_have_value("demo-points@3")
    expect(page.locator("#id_compare")).to_have_value("demo-points@1")
    cases = example_csv(rulepacks.question_set())
    page.set_input_files(
        "#id_cases", {"name": "past.csv", "mimeType": "text/csv", "buffer": cases.encode()}
    )
    page.click("button:has-text('Run the test')")
    cp.check()
    expect(page.locator("text=The two models side by side")).to_be_visible()
    expect(page.locator("main")).to_contain_text("demo-points@3")
    expect(page.locator("main")).to_contain_text("demo-points@1")
    cp.screenshot("rules-04-lab-side-by-side")

    page = cp.goto("/rule-packs/ras_model/demo-points/v3/")
    page.click("button:has-text('Activate demo-points@3')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    page.fill("#id_reason", "Agreed by cabinet on 2 March 2027")
    page.click("button:has-text('Activate demo-points@3')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "New work now uses demo-points@3"
    )

    page = cp.goto("/how-budgets-are-worked-out")
    expect(page.locator("main")).to_contain_text("Points above 30 are worth £8.00 each.")
    expect(page.locator("main")).to_contain_text("demo-points@3")

    before.refresh_from_db()
    assert before.model_ref == "demo-points@1"
    after = assessed_person(by=practitioner, nhs_number="9876543210")
    assert BudgetCalculation.objects.get(person=after).model_ref == "demo-points@3"


def test_the_public_page_and_rule_packs_fit_a_320px_screen(checked_page, administrator):
    cp, page = checked_page, checked_page.page
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("/how-budgets-are-worked-out",):
        cp.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways at 320px ({width}px)"
    sign_in(cp, "alex")
    for path in ("/rule-packs/", "/rule-packs/ras_model/demo-bands/v1/"):
        cp.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways at 320px ({width}px)"
    cp.screenshot("rules-05-320px")
