"""Support plans: start from the indicative budget, edit while in draft, submit for a decision."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import record_event
from clearpath.errors import ServiceError, StaleRecord
from domain import rulepacks
from domain.money import format_money, to_money, weekly_cost
from people.models import Person
from plans.models import PlanLine, PlanOutcome, SupportPlan

MAX_LINES = 50
MAX_OUTCOMES = 20


@transaction.atomic
def start_plan(*, person: Person, by, led_by: str = "person") -> SupportPlan:
    """Start the support plan from the latest indicative budget, or carry on with the open draft."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    open_plan = person.plans.filter(
        status__in=[SupportPlan.Status.DRAFT, SupportPlan.Status.RETURNED]
    ).first()
    if open_plan:
        return open_plan
    calc = person.budget_calculations.first()
    if calc is None:
        raise ServiceError("Complete an assessment that finds the person eligible before planning.")
    number = (person.plans.aggregate(n=Max("number"))["n"] or 0) + 1
    plan = SupportPlan.objects.create(
        person=person,
        budget_calculation=calc,
        number=number,
        led_by=led_by,
        created_by=by,
    )
    record_event(
        actor=by,
        action="plan.started",
        obj=plan,
        person=person,
        summary=f"Started support plan version {number}",
        changes={"led_by": led_by},
    )
    return plan


def _clean_lines(lines: list[dict]) -> list[dict]:
    if len(lines) > MAX_LINES:
        raise ServiceError(f"A plan can have up to {MAX_LINES} costed lines.", field="lines")
    cleaned = []
    for i, line in enumerate(lines, start=1):
        description = (line.get("description") or "").strip()
        if not description:
            raise ServiceError(
                f"Line {i}: say what the support is.", field=f"lines-{i}-description"
            )
        unit_cost, quantity = to_money(line["unit_cost"]), Decimal(str(line["quantity"]))
        if unit_cost < 0 or quantity <= 0:
            raise ServiceError(
                f"Line {i}: costs and amounts must be more than zero.", field=f"lines-{i}-unit_cost"
            )
        cost = weekly_cost(unit_cost=unit_cost, quantity=quantity, frequency=line["frequency"])
        cleaned.append(
            {
                **line,
                "description": description,
                "unit_cost": unit_cost,
                "quantity": quantity,
                "weekly_cost": cost,
            }
        )
    return cleaned


@transaction.atomic
def update_plan(
    *,
    plan: SupportPlan,
    by,
    expected_version: int,
    led_by: str,
    what_matters: str,
    deployment: str,
    outcomes: list[str],
    lines: list[dict],
) -> SupportPlan:
    """Save the whole plan as the planner sees it: outcomes, costed lines, who led it, the money."""
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_editable:
        raise ServiceError("This plan has been submitted and can no longer be changed.")
    if expected_version != plan.row_version:
        raise StaleRecord("plan")
    codes = rulepacks.codes()
    if led_by not in {c.code for c in codes.plan_led_by}:
        raise ServiceError("Choose who led the planning.", field="led_by")
    if deployment not in {c.code for c in codes.deployments}:
        raise ServiceError("Choose how the money will be managed.", field="deployment")
    outcomes = [o.strip() for o in outcomes if o and o.strip()]
    if len(outcomes) > MAX_OUTCOMES:
        raise ServiceError(f"A plan can have up to {MAX_OUTCOMES} outcomes.", field="outcomes")
    cleaned = _clean_lines(lines)
    plan.outcomes.all().delete()
    plan.lines.all().delete()
    PlanOutcome.objects.bulk_create(
        PlanOutcome(plan=plan, text=t, position=i) for i, t in enumerate(outcomes)
    )
    PlanLine.objects.bulk_create(
        PlanLine(
            plan=plan,
            position=i,
            description=c["description"],
            unit_cost=c["unit_cost"],
            quantity=c["quantity"],
            frequency=c["frequency"],
            weekly_cost=c["weekly_cost"],
        )
        for i, c in enumerate(cleaned)
    )
    plan.led_by, plan.what_matters, plan.deployment = led_by, what_matters, deployment
    plan.weekly_total = sum((c["weekly_cost"] for c in cleaned), Decimal("0.00"))
    plan.row_version += 1
    plan.save()
    record_event(
        actor=by,
        action="plan.saved",
        obj=plan,
        person=plan.person,
        summary=f"Saved the support plan: {format_money(plan.weekly_total)} a week",
        changes={
            "weekly_total": plan.weekly_total,
            "lines": len(cleaned),
            "outcomes": len(outcomes),
        },
    )
    return plan


def plan_problems(plan: SupportPlan) -> list[tuple[str, str]]:
    """What must be put right before a plan can be submitted."""
    problems = []
    if not plan.outcomes.exists():
        problems.append(("outcomes", "Add at least one thing the person wants to achieve"))
    if not plan.lines.exists():
        problems.append(("lines-1-description", "Add at least one costed line of support"))
    return problems


@transaction.atomic
def submit_plan(*, plan: SupportPlan, by):
    """Submit the plan for sign-off; the delegation policy decides who may approve it, and why."""
    from approvals.services import open_decision

    plan = SupportPlan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    if not plan.is_editable:
        raise ServiceError("This plan has already been submitted.")
    problems = plan_problems(plan)
    if problems:
        raise ServiceError(problems[0][1], field=problems[0][0])
    from reviews.services import check_budget_change

    check_budget_change(plan)  # a budget only goes down through a reassessment, with reasons
    plan.status = SupportPlan.Status.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.row_version += 1
    plan.save()
    record_event(
        actor=by,
        action="plan.submitted",
        obj=plan,
        person=plan.person,
        summary=f"Submitted support plan version {plan.number} for a decision",
        changes={"weekly_total": plan.weekly_total},
    )
    return open_decision(plan=plan, by=by)


@transaction.atomic
def start_revised_plan(*, person: Person, by, from_plan: SupportPlan | None = None) -> SupportPlan:
    """A new plan version after a reassessment: the latest indicative budget, with the outcomes and
    costed lines of the last approved plan copied in so only what changed needs changing. Carries
    on with the open draft (filling it in if it is still empty)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    source = from_plan or person.plans.filter(status=SupportPlan.Status.APPROVED).first()
    if source is None:
        raise ServiceError("There is no approved plan to start from.")
    plan = start_plan(person=person, by=by, led_by=source.led_by)
    if plan.pk == source.pk or plan.lines.exists() or plan.outcomes.exists():
        return plan
    PlanOutcome.objects.bulk_create(
        PlanOutcome(plan=plan, text=o.text, position=o.position) for o in source.outcomes.all()
    )
    PlanLine.objects.bulk_create(
        PlanLine(
            plan=plan,
            position=line.position,
            description=line.description,
            unit_cost=line.unit_cost,
            quantity=line.quantity,
            frequency=line.frequency,
            weekly_cost=line.weekly_cost,
        )
        for line in source.lines.all()
    )
    plan.what_matters, plan.deployment = source.what_matters, source.deployment
    plan.weekly_total = source.weekly_total
    plan.row_version += 1
    plan.save()
    record_event(
        actor=by,
        action="plan.revised",
        obj=plan,
        person=person,
        summary=f"Started plan version {plan.number} from version {source.number}",
        changes={"from_plan": source.pk, "weekly_total": plan.weekly_total},
    )
    return plan
