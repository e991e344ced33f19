"""Full reviews: a pre-filled reassessment, the revised plan and its decision by the usual route;
a budget only goes down through a reassessment, with reasons; the old budget ends when the new one
is approved."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from clearpath.errors import ServiceError
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.reviews.guards import active_budget as _active_budget
from clearpath.journey.reviews.guards import authorised as _authorised
from clearpath.journey.reviews.guards import cld_reason as _cld_reason
from clearpath.journey.reviews.guards import locked as _locked
from clearpath.journey.reviews.models import Review
from clearpath.platform.audit.services import record_event
from domain.money import format_money
from domain.reviews import budget_reduction_problem


@transaction.atomic
def start_reassessment(*, review: Review, by, mode: str = "supported"):
    """A full review: a new assessment filled in from the last answers (only what changed needs
    changing), then a new indicative budget, revised plan and decision by the normal route."""
    from clearpath.journey.assessments.services import start_prefilled_assessment

    review = _locked(review)
    _authorised(by, review.person)
    if review.reassessment_id:
        return review.reassessment
    if not review.is_open:
        raise ServiceError("This review has already been completed.")
    last = review.personal_budget.plan.budget_calculation.assessment
    assessment = start_prefilled_assessment(
        person=review.person, by=by, mode=mode, from_assessment=last
    )
    review.reassessment = assessment
    review.status = Review.Status.REASSESSING
    review.outcome = "progress_to_reassessment"
    review.cld_reason = _cld_reason(review)
    review.row_version += 1
    review.save()
    record_event(
        actor=by,
        action="review.reassessment_started",
        obj=review,
        person=review.person,
        summary="Full review: reassessment started from the last answers",
        changes={"assessment": assessment.pk, "outcome": review.outcome},
    )
    return assessment


@transaction.atomic
def start_revised_plan_for(*, review: Review, by):
    """After the reassessment: the next plan version, with the last approved plan's lines copied."""
    from clearpath.journey.plans.services import start_revised_plan

    review = _locked(review)
    _authorised(by, review.person)
    if review.status != Review.Status.REASSESSING or review.reassessment is None:
        raise ServiceError("Start the reassessment first.")
    if review.reassessment.is_draft:
        raise ServiceError("Complete the reassessment first.")
    if not hasattr(review.reassessment, "budget_calculation"):
        raise ServiceError(
            "The reassessment found the person not eligible, so there is no new budget to plan."
        )
    plan = start_revised_plan(person=review.person, by=by, from_plan=review.personal_budget.plan)
    if review.revised_plan_id != plan.pk:
        review.revised_plan = plan
        review.row_version += 1
        review.save()
    return plan


@transaction.atomic
def submit_revised_plan(*, review: Review, by, reduction_reasons: str = ""):
    """Submit the revised plan for a decision by the normal route, with the reasons if the budget
    goes down."""
    from clearpath.journey.plans.services import submit_plan

    review = _locked(review)
    _authorised(by, review.person)
    if review.revised_plan is None:
        raise ServiceError("Start the revised plan first.")
    reasons = (reduction_reasons or "").strip()
    if len(reasons) > 4000:
        raise ServiceError(
            "Keep the reasons to 4000 characters or fewer.", field="reduction_reasons"
        )
    review.reduction_reasons = reasons
    review.row_version += 1
    review.save()
    return submit_plan(plan=review.revised_plan, by=by)


def check_budget_change(plan) -> None:
    """Called when a plan is submitted: a budget can only go down through a reassessment, with
    reasons (guidance ch.13). Raises ServiceError naming what is missing."""
    current = _active_budget(plan.person)
    if current is None:
        return
    review = (
        Review.objects.filter(revised_plan=plan, status=Review.Status.REASSESSING)
        .select_related("reassessment")
        .first()
    )
    reassessed = bool(
        review
        and review.reassessment
        and not review.reassessment.is_draft
        and plan.budget_calculation.assessment_id == review.reassessment_id
    )
    problem = budget_reduction_problem(
        current_weekly=current.weekly_gross,
        new_weekly=plan.weekly_total,
        reassessed=reassessed,
        reasons=review.reduction_reasons if review else "",
    )
    if problem:
        raise ServiceError(problem, field="reduction_reasons")


def replace_previous_budget(*, new_budget, by) -> PersonalBudget | None:
    """Inside the approval of a revised plan: the person's previous personal budget ends the day
    before the new one starts, its future direct payments are cancelled, its waiting reviews are
    no longer needed, and the review that led here is completed."""
    from clearpath.journey.budgets.services import end_personal_budget
    from clearpath.money.payments.services import stop_future_payments

    old = (
        PersonalBudget.objects.select_for_update()
        .filter(person=new_budget.person, status=PersonalBudget.Status.ACTIVE)
        .exclude(pk=new_budget.pk)
        .first()
    )
    if old is None:
        return None
    starts = new_budget.starts_on
    end_personal_budget(
        budget=old,
        ends_on=starts - timedelta(days=1),
        by=by,
        reason=f"replaced by a new personal budget of {format_money(new_budget.weekly_gross)} "
        f"a week from {starts:%-d %B %Y}",
    )
    stop_future_payments(personal_budget=old, from_date=starts, by=by)
    today = timezone.localdate()
    first = Review.objects.filter(personal_budget=new_budget, kind=Review.Kind.FIRST).first()
    for review in Review.objects.select_for_update().filter(
        personal_budget=old, status__in=Review.OPEN
    ):
        if review.revised_plan_id == new_budget.plan_id:
            review.status, review.completed_on, review.completed_by = (
                Review.Status.COMPLETED,
                today,
                by,
            )
            review.next_review = first
            record_event(
                actor=by,
                action="review.completed",
                obj=review,
                person=review.person,
                summary=f"Full review completed: plan version {new_budget.plan.number} approved",
                changes={"outcome": review.outcome, "new_budget": new_budget.pk},
            )
        else:
            review.status = Review.Status.CANCELLED
        review.row_version += 1
        review.save()
    return old
