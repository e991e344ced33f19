"""Indicative budgets from the active RAS model, and personal budgets once a plan is approved."""

from dataclasses import asdict
from datetime import date

from django.db import transaction

from clearpath.journey.budgets.models import BudgetCalculation, PersonalBudget
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.money import annual_from_weekly, format_money
from domain.ras import calculate_budget, what_would_change


def ras_inputs(assessment) -> dict:
    """The only inputs the RAS sees: the help level for each outcome and unpaid care available."""
    return {
        "help_levels": {code: a.get("help", "") for code, a in sorted(assessment.answers.items())},
        "unpaid_care": assessment.unpaid_care,
        "outside_ras": bool(assessment.outside_ras_needs.strip()),
    }


def compute(*, model_ref: str, question_set_ref: str, inputs: dict):
    """Run the RAS on stored inputs with stated versions: the same answer today and forever."""
    model = rulepacks.ras_model(model_ref)
    question_set = rulepacks.question_set(question_set_ref)
    result = calculate_budget(model=model, question_set=question_set, **inputs)
    changes = what_would_change(model=model, question_set=question_set, **inputs)
    return result, changes


def budget_calculation_from(
    *, assessment, inputs: dict, result, changes, **extra
) -> BudgetCalculation:
    """The (unsaved) snapshot of one RAS result: inputs, versions, points, amount and explanation."""
    return BudgetCalculation(
        person=assessment.person,
        assessment=assessment,
        model_ref=result.model_ref,
        question_set_ref=assessment.question_set_ref,
        inputs=inputs,
        points=result.points,
        adjusted_points=result.adjusted_points,
        weekly_amount=result.weekly_amount,
        annual_amount=result.annual_amount,
        capped=result.capped,
        outside_ras=result.outside_ras,
        demo=result.demo,
        factors=[{k: str(v) for k, v in asdict(f).items()} for f in result.factors],
        explanation=list(result.explanation),
        arithmetic=list(result.arithmetic),
        what_would_change=list(changes),
        **extra,
    )


@transaction.atomic
def calculate_indicative_budget(*, assessment, by) -> BudgetCalculation:
    """Work out and keep the indicative budget for a completed, eligible assessment."""
    inputs = ras_inputs(assessment)
    model_ref = rulepacks.ras_model().ref
    result, changes = compute(
        model_ref=model_ref, question_set_ref=assessment.question_set_ref, inputs=inputs
    )
    calc = budget_calculation_from(
        assessment=assessment, inputs=inputs, result=result, changes=changes
    )
    calc.save()
    record_event(
        actor=by,
        action="budget.indicative_calculated",
        obj=calc,
        person=assessment.person,
        summary=f"Indicative budget worked out: {format_money(result.weekly_amount)} a week",
        changes={"weekly_amount": result.weekly_amount, "model": result.model_ref},
    )
    return calc


def create_personal_budget(*, plan, decision, by, starts_on: date) -> PersonalBudget:
    """Set up the personal budget for an approved plan (called inside the approval's transaction)."""
    # The amount agreed: the plan's cost, or the amount a decider approved with changes.
    weekly = getattr(decision, "approved_weekly", None) or plan.weekly_total
    budget = PersonalBudget.objects.create(
        person=plan.person,
        plan=plan,
        decision=decision,
        weekly_gross=weekly,
        annual_gross=annual_from_weekly(weekly),
        weekly_net=weekly,
        deployment=plan.deployment,
        starts_on=starts_on,
    )
    record_event(
        actor=by,
        action="personal_budget.created",
        obj=budget,
        person=plan.person,
        summary=(
            f"Personal budget of {format_money(budget.weekly_gross)} a week "
            f"({format_money(budget.annual_gross)} a year) as a {budget.get_deployment_display().lower()}"
        ),
        changes={"weekly_gross": budget.weekly_gross, "deployment": budget.deployment},
    )
    return budget


def end_personal_budget(*, budget: PersonalBudget, ends_on: date, by, reason: str) -> None:
    """End a personal budget when a new one takes over (inside the approval's transaction).
    It stays on record; `ends_on` is the last day it pays for (recorded in the audit row)."""
    PersonalBudget.objects.filter(pk=budget.pk).update(
        status=PersonalBudget.Status.ENDED, row_version=budget.row_version + 1
    )
    budget.status = PersonalBudget.Status.ENDED
    record_event(
        actor=by,
        action="personal_budget.ended",
        obj=budget,
        person=budget.person,
        summary=f"Personal budget of {format_money(budget.weekly_gross)} a week ended on "
        f"{ends_on:%-d %B %Y}: {reason}",
        changes={"ends_on": ends_on, "reason": reason},
    )
