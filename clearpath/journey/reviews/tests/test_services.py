"""Reviews: after events, light-touch answers by link or practitioner, one-click confirmation,
and full reviews through a reassessment that end the old budget when the new one is approved."""

import threading
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone

from clearpath.errors import InvalidInput, ServiceError
from clearpath.journey.approvals.services import approve_plan
from clearpath.journey.assessments.services import save_assessment, submit_assessment
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.plans.services import submit_plan, update_plan
from clearpath.journey.reviews import services
from clearpath.journey.reviews.models import Review, ReviewLink
from clearpath.journey.reviews.tests.conftest import QUIET
from clearpath.money.payments.models import PaymentSchedule, ScheduledPayment
from clearpath.platform.audit.models import AuditEvent
from domain import rulepacks
from tests.builders import answers

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 14)


def test_approval_schedules_the_first_and_direct_payment_reviews(in_place):
    kinds = {r.kind: r.due_on for r in in_place.reviews.all()}
    assert kinds == {"first": date(2026, 12, 14), "direct_payment": date(2027, 5, 2)}


def test_a_review_after_a_hospital_admission_is_due_in_the_policys_days(in_place, practitioner):
    r = services.request_review(
        person=in_place, reason="hospital_admission", by=practitioner, today=TODAY, details="Fall"
    )
    assert (r.kind, r.due_on, r.trigger, r.policy_ref) == (
        "triggered",
        date(2026, 12, 21),
        "hospital_admission",
        "default@2",
    )
    again = services.request_review(
        person=in_place, reason="change_reported_by_provider", by=practitioner, today=TODAY
    )
    assert again.pk == r.pk and again.due_on == date(2026, 12, 21)  # not doubled, kept sooner
    assert AuditEvent.objects.filter(action="review.requested").count() == 2


def test_a_review_request_is_refused_with_a_bad_reason_or_from_another_team(
    in_place, practitioner, outsider
):
    with pytest.raises(ServiceError, match="Choose why") as e:
        services.request_review(person=in_place, reason="whim", by=practitioner, today=TODAY)
    assert e.value.field == "reason"
    with pytest.raises(ServiceError, match="another team's caseload"):
        services.request_review(
            person=in_place, reason="hospital_admission", by=outsider, today=TODAY
        )


def test_the_person_answers_once_on_their_link_and_it_then_stops_working(
    first_review, practitioner
):
    link, token = services.make_person_link(review=first_review, by=practitioner)
    assert link.token_hash != token and len(token) >= 40
    assert services.find_link(token) == (link, None)
    review = services.answer_by_link(token=token, data=QUIET, today=TODAY)
    assert review.answered_by_person and review.method == "online"
    assert review.outcomes_achieved == "achieved" and review.status == "scheduled"
    assert services.find_link(token)[1] == services.USED
    with pytest.raises(ServiceError, match="no longer works"):
        services.answer_by_link(token=token, data=QUIET, today=TODAY)


def test_an_expired_or_unknown_link_says_so(first_review, practitioner):
    link, token = services.make_person_link(review=first_review, by=practitioner)
    later = timezone.now() + timedelta(days=29)
    assert services.find_link(token, now=later)[1] == services.EXPIRED
    assert services.find_link("not-a-real-token") == (None, services.UNKNOWN)
    _, newer = services.make_person_link(review=first_review, by=practitioner)
    assert services.find_link(token)[1] == services.EXPIRED  # a new link replaces the old one
    assert services.find_link(newer)[1] is None


def test_answers_are_checked_all_at_once(first_review, practitioner):
    with pytest.raises(InvalidInput) as e:
        services.record_answers(
            review=first_review, by=practitioner, data={"changed": True, "needs_met": "maybe"}
        )
    assert [f for f, _ in e.value.errors] == ["what_changed", "needs_met", "money_ok", "method"]


def test_confirming_nothing_changed_twice_has_one_effect(first_review, practitioner):
    services.record_answers(review=first_review, by=practitioner, data={**QUIET, "method": "phone"})
    done = services.confirm_no_change(review=first_review, by=practitioner, today=TODAY)
    again = services.confirm_no_change(review=first_review, by=practitioner, today=TODAY)
    assert again.pk == done.pk and again.next_review_id == done.next_review_id
    assert (done.status, done.outcome, done.cld_reason, done.outcomes_achieved, done.method) == (
        "completed",
        "continuation",
        "planned",
        "achieved",
        "phone",
    )
    nxt = done.next_review
    assert (nxt.kind, nxt.due_on, nxt.status) == ("annual", date(2027, 12, 14), "scheduled")
    assert Review.objects.filter(kind="annual").count() == 1
    assert AuditEvent.objects.filter(action="review.confirmed").count() == 1


def test_confirming_is_refused_without_authority_answers_or_when_something_changed(
    first_review, practitioner, outsider, manager
):
    with pytest.raises(ServiceError, match="another team's caseload"):
        services.confirm_no_change(review=first_review, by=outsider, today=TODAY)
    with pytest.raises(ServiceError, match="Record the person's answers"):
        services.confirm_no_change(review=first_review, by=practitioner, today=TODAY)
    services.record_answers(
        review=first_review,
        by=practitioner,
        data={**QUIET, "changed": True, "what_changed": "Moved in with my son", "method": "phone"},
    )
    with pytest.raises(ServiceError, match="start a reassessment instead"):
        services.confirm_no_change(review=first_review, by=manager, today=TODAY)


def test_the_council_can_let_low_risk_reviews_confirm_themselves(
    first_review, practitioner, monkeypatch
):
    allowing = replace(rulepacks.review_policy(), auto_confirm_no_change=True)
    monkeypatch.setattr(services.rulepacks, "review_policy", lambda ref=None: allowing)
    _, token = services.make_person_link(review=first_review, by=practitioner)
    review = services.answer_by_link(token=token, data=QUIET, today=TODAY)
    assert review.status == "completed" and review.auto_confirmed and review.completed_by is None


def _reassess(review, by, **levels):
    assessment = services.start_reassessment(review=review, by=by)
    save_assessment(assessment=assessment, by=by, answers=answers(**levels))
    return submit_assessment(assessment=assessment, by=by)


def test_a_changed_review_starts_a_prefilled_reassessment(first_review, practitioner):
    last = first_review.personal_budget.plan.budget_calculation.assessment
    assessment = services.start_reassessment(review=first_review, by=practitioner)
    assert assessment.pk != last.pk and assessment.is_draft
    assert assessment.answers == last.answers and assessment.unpaid_care == last.unpaid_care
    assert services.start_reassessment(review=first_review, by=practitioner).pk == assessment.pk
    first_review.refresh_from_db()
    assert (first_review.status, first_review.outcome) == (
        "reassessing",
        "progress_to_reassessment",
    )


def test_a_full_review_ends_the_old_budget_when_the_new_decision_is_approved(
    first_review, practitioner, manager
):
    _reassess(first_review, practitioner, nutrition="a_lot", hygiene="full", clothing="full")
    plan = services.start_revised_plan_for(review=first_review, by=practitioner)
    old_plan = first_review.personal_budget.plan
    assert plan.number == old_plan.number + 1
    assert [(line.description, line.weekly_cost) for line in plan.lines.all()] == [
        (line.description, line.weekly_cost) for line in old_plan.lines.all()
    ]
    plan = update_plan(
        plan=plan,
        by=practitioner,
        expected_version=plan.row_version,
        led_by="person",
        what_matters="Staying at home",
        deployment="direct_payment",
        outcomes=["Have a bath every other day", "Get dressed each morning"],
        lines=[
            {
                "description": "Morning visit",
                "unit_cost": "13.50",
                "quantity": "7",
                "frequency": "weekly",
            },
            {
                "description": "Evening visit",
                "unit_cost": "10.00",
                "quantity": "7",
                "frequency": "weekly",
            },
        ],
    )
    decision = services.submit_revised_plan(review=first_review, by=practitioner)
    old = first_review.personal_budget
    approve_plan(decision=decision, by=manager, starts_on=date(2026, 12, 28))
    old.refresh_from_db()
    new = PersonalBudget.objects.get(plan=plan)
    assert old.status == "ended" and new.status == "active"
    assert new.weekly_gross == Decimal("164.50")
    assert not ScheduledPayment.objects.filter(
        schedule__personal_budget=old, status="scheduled", due_on__gte=date(2026, 12, 28)
    ).exists()
    assert (
        ScheduledPayment.objects.filter(schedule__personal_budget=old, status="cancelled").count()
        == 11  # 2 and 30 November are kept; 28 December onwards are cancelled
    )
    assert PaymentSchedule.objects.get(personal_budget=old).status == "stopped"
    assert PaymentSchedule.objects.get(personal_budget=new).status == "active"
    first_review.refresh_from_db()
    assert (first_review.status, first_review.outcome) == ("completed", "progress_to_reassessment")
    assert first_review.next_review == new.reviews.get(kind="first")
    assert set(old.reviews.values_list("status", flat=True)) == {"completed", "cancelled"}
    assert new.reviews.filter(kind="first", status="scheduled").exists()
    ended = AuditEvent.objects.get(action="personal_budget.ended")
    assert ended.changes["ends_on"] == "2026-12-27"


def test_a_budget_goes_down_only_through_a_reassessment_and_with_reasons(
    first_review, practitioner
):
    _reassess(first_review, practitioner, nutrition="some", hygiene="some")
    plan = services.start_revised_plan_for(review=first_review, by=practitioner)
    plan = update_plan(
        plan=plan,
        by=practitioner,
        expected_version=plan.row_version,
        led_by="person",
        what_matters="",
        deployment="direct_payment",
        outcomes=["Have a bath every other day"],
        lines=[
            {
                "description": "Bath visit",
                "unit_cost": "20.00",
                "quantity": "3",
                "frequency": "weekly",
            }
        ],
    )
    with pytest.raises(ServiceError, match="Say why the budget goes down from £94.50 to £60.00"):
        services.submit_revised_plan(review=first_review, by=practitioner, reduction_reasons=" ")
    decision = services.submit_revised_plan(
        review=first_review,
        by=practitioner,
        reduction_reasons="Her daughter now helps with meals every day.",
    )
    assert decision.plan_weekly == Decimal("60.00")


def test_a_plan_that_cuts_the_budget_without_a_reassessment_is_refused(in_place, practitioner):
    from clearpath.journey.plans.services import start_plan

    # A new indicative budget without a review's reassessment (e.g. a plan started by hand).
    plan = start_plan(person=in_place, by=practitioner)
    plan = update_plan(
        plan=plan,
        by=practitioner,
        expected_version=plan.row_version,
        led_by="person",
        what_matters="",
        deployment="direct_payment",
        outcomes=["x"],
        lines=[
            {"description": "Visit", "unit_cost": "10.00", "quantity": "1", "frequency": "weekly"}
        ],
    )
    with pytest.raises(ServiceError, match="only go down after a reassessment"):
        submit_plan(plan=plan, by=practitioner)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_have_one_effect(practitioner, manager):
    from tests.builders import approved

    review = approved(by=practitioner).person.reviews.get(kind="first")
    services.record_answers(review=review, by=practitioner, data={**QUIET, "method": "phone"})
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm(user):
        try:
            barrier.wait()
            services.confirm_no_change(review=review, by=user, today=TODAY)
            outcomes.append("ok")
        except (ServiceError, OperationalError) as e:
            outcomes.append(type(e).__name__)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=confirm, args=(u,)) for u in (practitioner, manager)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(outcomes) == 2 and "ok" in outcomes
    assert Review.objects.filter(kind="annual").count() == 1
    assert AuditEvent.objects.filter(action="review.confirmed").count() == 1
    assert ReviewLink.objects.count() == 0


def test_a_link_stops_working_once_a_full_review_has_started(first_review, practitioner):
    _, token = services.make_person_link(review=first_review, by=practitioner)
    services.start_reassessment(review=first_review, by=practitioner)
    assert services.find_link(token)[1] == services.CLOSED
    with pytest.raises(ServiceError, match="no longer works"):
        services.answer_by_link(token=token, data=QUIET, today=TODAY)


def test_another_part_of_clearpath_can_report_an_event_itself(in_place):
    review = services.request_review(
        person=in_place, reason="monitoring_exception", by=None, today=TODAY, details="Unspent"
    )
    assert review.requested_by is None and review.due_on == date(2026, 12, 28)
    assert AuditEvent.objects.get(action="review.requested").actor is None
