"""Sign-off: routing by the delegation policy, one-click approval, returns, and refusals."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from clearpath.errors import ServiceError, StaleRecord
from clearpath.journey.approvals.models import Decision
from clearpath.journey.approvals.services import approve_plan, return_plan
from clearpath.journey.people.models import Person
from clearpath.journey.plans.models import SupportPlan
from clearpath.journey.reviews.models import Review
from clearpath.money.payments.models import ScheduledPayment
from clearpath.platform.audit.models import AuditEvent
from tests.builders import approved, submitted


def test_a_plan_within_the_practitioners_limit_and_tolerance_is_theirs_to_approve(practitioner):
    decision = submitted(by=practitioner)
    assert decision.route == Decision.Route.PRACTITIONER
    assert decision.policy_ref and decision.ras_model_ref and decision.question_set_ref
    assert any("limit" in r for r in decision.reasons)
    assert decision.person.stage == Person.Stage.DECISION


def test_a_plan_well_above_the_indicative_budget_goes_to_the_team_manager(practitioner, manager):
    decision = submitted(by=practitioner, weekly="490.00")
    assert decision.route == Decision.Route.MANAGER
    with pytest.raises(ServiceError):
        approve_plan(decision=decision, by=practitioner)
    approve_plan(decision=decision, by=manager)
    decision.refresh_from_db()
    assert (decision.status, decision.decided_by) == ("approved", manager)


def test_mental_health_support_goes_to_the_panel(practitioner, panel_member):
    decision = submitted(by=practitioner, primary_support_reason="mental_health")
    assert decision.route == Decision.Route.PANEL
    assert decision.triggers == ["mental_health"]
    with pytest.raises(ServiceError):
        approve_plan(decision=decision, by=practitioner)
    approve_plan(decision=decision, by=panel_member)
    assert Decision.objects.get(pk=decision.pk).status == "approved"


def test_approval_sets_up_the_budget_four_weekly_payments_and_first_reviews(practitioner):
    decision = approved(by=practitioner)
    budget = decision.personal_budget
    assert budget.weekly_gross == Decimal("94.50") and budget.annual_gross == Decimal("4914.00")
    payments = list(ScheduledPayment.objects.filter(schedule__personal_budget=budget))
    assert len(payments) == 13
    assert payments[0].due_on == date(2026, 11, 2) and payments[1].due_on == date(2026, 11, 30)
    assert {p.amount for p in payments} == {Decimal("378.00")}
    reviews = {r.kind: r for r in Review.objects.filter(personal_budget=budget)}
    assert reviews["first"].due_on == date(2026, 11, 2) + timedelta(weeks=6)
    assert reviews["first"].latest_on == date(2026, 11, 2) + timedelta(weeks=8)
    assert reviews["direct_payment"].due_on == date(2027, 5, 2)
    assert decision.plan.status == SupportPlan.Status.APPROVED
    actions = list(
        AuditEvent.objects.filter(person=decision.person, kind="change").values_list(
            "action", flat=True
        )
    )
    for expected in [
        "decision.approved",
        "personal_budget.created",
        "payments.scheduled",
        "review.scheduled",
    ]:
        assert expected in actions


def test_a_decision_cannot_be_made_twice(practitioner):
    decision = approved(by=practitioner)
    with pytest.raises(ServiceError, match="already been decided"):
        approve_plan(decision=decision, by=practitioner)
    assert ScheduledPayment.objects.count() == 13


def test_a_stale_confirmation_page_cannot_approve(practitioner):
    decision = submitted(by=practitioner)
    with pytest.raises(StaleRecord):
        approve_plan(decision=decision, by=practitioner, expected_version=decision.row_version + 5)


def test_returning_a_plan_needs_reasons_and_reopens_it(practitioner):
    decision = submitted(by=practitioner)
    with pytest.raises(ServiceError):
        return_plan(decision=decision, by=practitioner, reason="  ")
    return_plan(decision=decision, by=practitioner, reason="Add the contingency plan")
    decision.refresh_from_db()
    assert decision.status == "returned" and decision.plan.status == SupportPlan.Status.RETURNED
    assert decision.person.stage == Person.Stage.PLANNING


def test_someone_from_another_team_cannot_decide(practitioner, outsider):
    decision = submitted(by=practitioner)
    with pytest.raises(ServiceError, match="team"):
        approve_plan(decision=decision, by=outsider)
