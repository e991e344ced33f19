"""Reviews in a real browser, axe-checked on every page: a light-touch review with nothing changed
(one short page for the person, one click for the practitioner); a changed review through a
pre-filled reassessment, a revised plan compared side by side and a decision by the usual route;
and overdue reviews per team."""

from datetime import date

import pytest
from playwright.sync_api import expect

from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.reviews import services
from clearpath.journey.reviews.models import Review
from clearpath.money.payments.models import ScheduledPayment
from tests.builders import approved
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_320(cp, path):
    cp.page.set_viewport_size({"width": 320, "height": 800})
    cp.goto(path)
    width = cp.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path} scrolls sideways at 320px ({width}px)"


def test_nothing_changed_takes_the_person_one_page_and_the_practitioner_one_click(
    checked_page, practitioner
):
    person = approved(by=practitioner).person
    review = person.reviews.get(kind="first")
    _, token = services.make_person_link(review=review, by=practitioner)
    cp = checked_page
    page = cp.page

    # The person, on their phone, not signed in: one short page.
    page.set_viewport_size({"width": 320, "height": 800})
    cp.goto(f"/reviews/your-review/{token}")
    expect(page.locator("h1")).to_have_text("Your review, Margaret")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.click("button:has-text('Send my answers')")
    cp.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether anything has changed")
    cp.screenshot("review-01-person-errors-320")
    page.check("input[name=changed][value=no]")
    page.check("input[name=needs_met][value=yes]")
    page.fill(
        "#id_own_words", "I have my bath every other day now, and I see my friends at church."
    )
    page.check("input[name=money_ok][value=yes]")
    cp.screenshot("review-02-person-answers-320")
    page.click("button:has-text('Send my answers')")
    cp.check()
    expect(page.locator(".govuk-panel")).to_contain_text("your answers have been sent")
    cp.screenshot("review-03-person-sent-320")
    cp.goto(f"/reviews/your-review/{token}")  # the link works once
    expect(page.locator("h1")).to_have_text("This link has already been used")
    expect(page.locator("main")).to_contain_text("What to do next")
    cp.screenshot("review-04-link-used-320")

    # The practitioner: the queue shows it is ready; one click confirms it.
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(cp, "priya")
    page.click(".govuk-service-navigation a:has-text('Reviews')")
    cp.check()
    page.click("a:has-text('All open')")
    cp.check()
    expect(page.locator("table >> nth=1")).to_contain_text("Nothing changed: ready to confirm")
    cp.screenshot("review-05-queue")
    page.click("a:has-text('Margaret Okafor: first review')")
    cp.check()
    expect(page.locator("main")).to_contain_text("I have my bath every other day now")
    cp.screenshot("review-06-ready-to-confirm")
    page.click("button:has-text('Confirm: nothing has changed')")  # the one click
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Review confirmed")
    expect(page.locator("main")).to_contain_text("Continuation of support or services")
    cp.screenshot("review-07-confirmed")
    review.refresh_from_db()
    assert (review.status, review.outcome, review.outcomes_achieved, review.method) == (
        "completed",
        "continuation",
        "achieved",
        "online",
    )
    assert review.next_review.kind == "annual" and review.next_review.status == "scheduled"
    assert review.next_review.due_on.year == review.completed_on.year + 1
    _fits_320(cp, f"/reviews/{review.pk}/")
    cp.screenshot("review-08-confirmed-320")


def test_a_changed_review_goes_through_a_prefilled_reassessment_to_a_new_decision(
    checked_page, practitioner
):
    person = approved(by=practitioner).person
    review = person.reviews.get(kind="first")
    old_budget = person.personal_budgets.get()
    cp = checked_page
    page = cp.page
    sign_in(cp, "priya")
    cp.goto(f"/people/{person.pk}/")
    page.click("a:has-text('First review')")
    cp.check()
    page.click("a:has-text('Ask the questions now')")
    cp.check()
    expect(page.locator("h1")).to_have_text("Light-touch review")
    page.check("input[name=changed][value=yes]")
    page.fill("#id_what_changed", "Margaret now needs help to get dressed every morning.")
    page.check("input[name=needs_met][value=partly]")
    page.check("input[name=money_ok][value=yes]")
    page.check("input[name=method][value=phone]")
    cp.screenshot("review-10-light-touch-staff")
    page.click("button:has-text('Save the answers')")
    cp.check()
    expect(page.locator(".govuk-warning-text")).to_contain_text("this needs a full review")
    cp.screenshot("review-11-needs-full-review")
    page.click("button:has-text('Start the reassessment')")
    cp.check()

    # The reassessment starts with the last answers filled in: change only what changed.
    expect(page.locator("input[name=hygiene_help][value=full]")).to_be_checked()
    expect(page.locator("input[name=nutrition_help][value=a_lot]")).to_be_checked()
    page.check("input[name=clothing_help][value=full]")
    page.click("button:has-text('Save and check answers')")
    cp.check()
    page.click("button:has-text('Complete the assessment')")
    cp.check()
    expect(page.locator(".govuk-panel")).to_contain_text("Eligible")
    cp.screenshot("review-16-reassessment-result")
    page.click("a:has-text('Continue the review')")
    cp.check()
    expect(page.locator("main")).to_contain_text("New indicative budget")
    page.click("button:has-text('Start the revised plan')")
    cp.check()
    expect(page.locator("[id='id_lines-1-description']")).to_have_value("Personal assistant")
    page.fill("[id='id_lines-2-description']", "Help to get dressed")
    page.fill("[id='id_lines-2-unit_cost']", "8.00")
    page.fill("[id='id_lines-2-quantity']", "7")
    page.click("button:has-text('Save and continue')")  # the plan's usual next step
    cp.check()
    expect(page.locator("h1")).to_have_text("Compare and submit the revised plan")
    table = page.locator("table")
    expect(table).to_contain_text("Help to get dressed")
    expect(table).to_contain_text("£94.50")
    expect(table).to_contain_text("£150.50")
    expect(table).to_contain_text("+£56.00")
    cp.screenshot("review-12-side-by-side")
    page.click("button:has-text('Submit for a decision')")
    cp.check()

    # The decision, by the usual route, shows the differences side by side.
    expect(page.locator("h1")).to_have_text("Decide the support plan")
    expect(page.locator("main")).to_contain_text("What changes from plan version 1")
    cp.screenshot("review-13-decision-side-by-side")
    page.click("button:has-text('Approve the plan')")
    cp.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Plan approved")
    old_budget.refresh_from_db()
    new_budget = person.personal_budgets.get(status="active")
    assert old_budget.status == PersonalBudget.Status.ENDED
    assert new_budget.weekly_gross > old_budget.weekly_gross
    assert not ScheduledPayment.objects.filter(
        schedule__personal_budget=old_budget, status="scheduled", due_on__gte=new_budget.starts_on
    ).exists()
    review.refresh_from_db()
    assert (review.status, review.outcome) == ("completed", "progress_to_reassessment")
    cp.goto(f"/reviews/person/{person.pk}")
    expect(page.locator("table")).to_contain_text("Progress to assessment, review or reassessment")
    cp.screenshot("review-17-person-reviews")
    cp.goto(f"/reviews/{review.pk}/")
    expect(page.locator("main")).to_contain_text("Plan version 2 was approved")
    cp.screenshot("review-14-full-review-done")
    _fits_320(cp, f"/decisions/{review.revised_plan.decisions.get().pk}/")
    cp.screenshot("review-15-decision-320")


def test_overdue_reviews_are_visible_per_team(checked_page, practitioner, manager, outsider):
    for i in range(3):
        approved(by=practitioner, nhs_number="", first_name=f"North{i}")
    approved(by=outsider, nhs_number="", first_name="South")
    Review.objects.filter(kind="first").update(due_on=date(2026, 1, 5))
    cp = checked_page
    page = cp.page
    sign_in(cp, "grace")
    cp.goto("/reviews/")
    expect(page.locator("h1")).to_have_text("Reviews")
    teams = page.locator("table >> nth=0")
    expect(teams).to_contain_text("North team")
    expect(teams).not_to_contain_text("South team")  # least privilege: your own team only
    expect(page.locator("table >> nth=1")).to_contain_text("North0")
    expect(page.locator("table >> nth=1")).not_to_contain_text("South")
    expect(page.locator("main")).to_contain_text("3 overdue")
    cp.screenshot("review-20-overdue-by-team")
    _fits_320(cp, "/reviews/")
    cp.screenshot("review-21-overdue-320")
    cp.goto("/reviews/your-review/not-a-real-link")
    expect(page.locator("h1")).to_have_text("This link does not work")
