"""Money in a real browser, axe-checked on every page: a finance officer runs a payment run,
imports a statement (a bad one is refused whole), sees only the exceptions, and records a surplus
recovery; the person's balance is on their page. At 1100 px and 320 px."""

import pytest
from playwright.sync_api import expect

from clearpath.money.finance.tests.conftest import dp_agreement
from clearpath.money.finance.tests.test_monitoring import STATEMENT
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_finance_officer_pays_monitors_and_recovers_a_surplus(
    checked_page, practitioner, finance_officer
):
    margaret = dp_agreement(by=practitioner, weekly="20.00")
    dp_agreement(by=practitioner, first_name="Tom", bank=False)
    cp = checked_page
    page = sign_in(cp, "fiona")

    page.click(".govuk-service-navigation a:has-text('Finance')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Finance")
    page.fill("#id_through-day", "1")
    page.fill("#id_through-month", "12")
    page.fill("#id_through-year", "2026")
    cp.screenshot("money-01-finance-home")
    page.click("button:has-text('Start the payment run')")
    cp.check()
    for _ in range(40):  # the run works in the background; the page says when it has finished
        if "Finished" in page.locator("main").inner_text():
            break
        page.wait_for_timeout(250)
        page.reload()
    cp.check()
    expect(page.locator("main")).to_contain_text("2 payments, £160.00")
    expect(page.locator("main")).to_contain_text("Tom Okafor")
    expect(page.locator("main")).to_contain_text("No bank details on the direct payment agreement")
    expect(page.locator("a:has-text('Download the finance export')")).to_be_visible()
    cp.screenshot("money-02-run-finished")

    cp.goto("/finance/accounts/")
    expect(page.locator("table")).to_contain_text("Margaret Okafor")
    page.click("a:has-text('Margaret Okafor')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Direct payment account")

    # A malformed statement is refused whole, with line numbers.
    bad = STATEMENT + b"2026-11-08,SHOP,-3.00,\n2026-11-09,SHOP,2.999,\n"
    page.check("input[name=layout][value=generic]")
    page.set_input_files(
        "#id_file", files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    page.click("button:has-text('Import the statement')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Line 6")
    expect(page.locator("#refusal")).to_contain_text("Line 7")
    cp.screenshot("money-03-statement-refused")

    page.check("input[name=layout][value=generic]")
    page.set_input_files(
        "#id_file", files=[{"name": "november.csv", "mimeType": "text/csv", "buffer": STATEMENT}]
    )
    page.click("button:has-text('Import the statement')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 to look at")
    main = page.locator("main")
    expect(main).to_contain_text("BETTING SHOP")
    expect(main).to_contain_text("Balance above the agreed contingency")
    expect(main).not_to_contain_text("PERSONAL ASSISTANT J SMITH")  # matched: not an exception
    cp.screenshot("money-04-exceptions-on-account")

    cp.goto("/finance/exceptions/")
    expect(page.locator("table tbody tr")).to_have_count(2)
    cp.screenshot("money-05-exceptions")
    page.click("a:has-text('Margaret Okafor') >> nth=0")
    cp.check()

    page.fill("#id_amount", "500.00")
    page.click("button:has-text('Record the recovery')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "no more than the surplus of £410.00"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    expect(page.locator("#id_amount")).to_have_value("500.00")
    page.fill("#id_amount", "400.00")
    page.fill("#id_reasons", "Agreed with Margaret: unspent while she was in hospital")
    page.click("button:has-text('Record the recovery')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Recovery")
    expect(main).to_contain_text("£170.00")
    expect(main).not_to_contain_text("Balance above the agreed contingency")
    cp.screenshot("money-06-recovered")

    # The finance pages at 320 px.
    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto(f"/finance/accounts/{margaret.pk}/")
    cp.screenshot("money-07-account-320")
    cp.goto("/finance/")
    cp.screenshot("money-08-finance-home-320")
    cp.goto("/finance/exceptions/")
    cp.screenshot("money-09-exceptions-320")
    page.set_viewport_size({"width": 1100, "height": 900})

    # The person's balance, on their page (as their practitioner sees it with them).
    page.click("button:has-text('Sign out')")
    cp.check()
    page = sign_in(cp, "priya")
    cp.goto(f"/people/{margaret.person_id}/")
    money = page.locator("#money-summary")
    expect(money).to_contain_text("Balance in the account")
    expect(money).to_contain_text("£170.00")
    expect(page.locator("#money-table")).to_contain_text("Personal assistant")
    cp.screenshot("money-10-person-balance")
    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto(f"/people/{margaret.person_id}/")
    cp.screenshot("money-11-person-balance-320")


def test_agreement_contribution_deployment_and_uplift_pages(
    checked_page, practitioner, finance_officer
):
    from tests.builders import approved

    budget = approved(by=practitioner, weekly="40.00").personal_budget
    cp = checked_page
    page = sign_in(cp, "priya")
    cp.goto(f"/people/{budget.person_id}/")
    page.click("a:has-text('Set up the direct payment agreement')")
    cp.check()
    page.fill("#id_sort_code", "12-34")
    page.click("button:has-text('Set up the agreement')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("sort code of 6 digits")
    page.fill("#id_account_name", "M OKAFOR DP")
    page.fill("#id_sort_code", "30-94-57")
    page.fill("#id_account_number", "12345678")
    cp.screenshot("money-12-agreement-new")
    page.click("button:has-text('Set up the agreement')")
    cp.check()
    page.click("a:has-text('Accept online')")
    cp.check()
    expect(page.locator("ol")).to_contain_text("£40.00 a week")
    page.fill("#id_name", "Margaret Okafor")
    cp.screenshot("money-13-accept")
    page.click("button:has-text('I accept the agreement')")
    cp.check()
    expect(page.locator("main")).to_contain_text("Accepted by Margaret Okafor")
    page.click("button:has-text('Sign out')")
    cp.check()

    page = sign_in(cp, "fiona")
    cp.goto(f"/people/{budget.person_id}/")
    page.click("a:has-text('Record what they pay towards their care')")
    cp.check()
    page.check("input[name=source][value=calculated]")
    page.fill("#id_capital", "15000")
    page.fill("#id_weekly_income", "250")
    page.select_option("#id_mig_band", "single_pc_age")
    page.click("button:has-text('Record the contribution')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Minimum Income Guarantee")
    expect(page.locator("#id_capital")).to_have_value("15000")
    page.fill("#id_mig_amount", "230.00")
    cp.screenshot("money-14-contribution")
    page.click("button:has-text('Record the contribution')")
    cp.check()
    expect(page.locator("#money-heading ~ p").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("pays £23.00 a week towards their care")

    page.click("a:has-text('Change how the budget is used')")
    cp.check()
    page.fill("#id_direct_payment", "10.00")
    page.fill("#id_isf", "7.00")
    page.fill("#id_isf_provider", "Bridge Care")
    page.click("button:has-text('Save the shares')")
    cp.check()
    expect(page.locator("main")).to_contain_text("£10.00 a week direct payment")

    cp.goto("/finance/uplift/")
    page.fill("#id_percent", "3.5")
    page.fill("#id_effective_on-day", "5")
    page.fill("#id_effective_on-month", "4")
    page.fill("#id_effective_on-year", "2027")
    page.fill("#id_reason", "2027/28 uplift")
    page.click("button:has-text('Preview the uplift')")
    cp.check()
    expect(page.locator("main")).to_contain_text("1 of 1 active budgets change")
    cp.screenshot("money-15-uplift-preview")
    page.set_viewport_size({"width": 320, "height": 800})
    cp.check()
    cp.screenshot("money-16-uplift-preview-320")
    page.click("button:has-text('Apply the uplift')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Uplift applied to 1 budget")
