"""Support plans: start from the indicative budget, edit while in draft, submit for a decision."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from clearpath.errors import ServiceError, StaleRecord
from clearpath.events import emit
from clearpath.journey.people.models import Person
from clearpath.journey.plans.events import PlanSubmitted, PlanSubmitting
from clearpath.journey.plans.models import PlanLine, PlanOutcome, PlanRisk, SupportPlan
from clearpath.platform.audit.services import record_event
from domain import rulepacks
from domain.money import format_money, to_money, weekly_cost

MAX_LINES = 50
MAX_OUTCOMES = 20
MAX_RISKS = 20


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
    previous = person.plans.filter(status=SupportPlan.Status.APPROVED).first()
    plan = SupportPlan.objects.create(
        person=person,
        budget_calculation=calc,
        number=number,
        led_by=previous.led_by if previous else led_by,
        created_by=by,
        previous=previous,
    )
    if previous:  # a new version starts as a copy of the plan in force: change only what changed
        for name in ("what_matters", "deployment", "money_notes", "contingency"):
            setattr(plan, name, getattr(previous, name))
        plan.weekly_total = previous.weekly_total
        plan.save()
        PlanOutcome.objects.bulk_create(
            PlanOutcome(plan=plan, text=o.text, position=o.position)
            for o in previous.outcomes.all()
        )
        PlanRisk.objects.bulk_create(
            PlanRisk(plan=plan, risk=r.risk, how_managed=r.how_managed, position=r.position)
            for r in previous.risks.all()
        )
        PlanLine.objects.bulk_create(
            PlanLine(
                plan=plan,
                **{
                    f: getattr(line, f)
                    for f in (
                        "description",
                        "unit_cost",
                        "quantity",
                        "frequency",
                        "weekly_cost",
                        "position",
                        "source",
                        "working",
                    )
                },
            )
            for line in previous.lines.all()
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
                "source": (line.get("source") or "")[:60],
                "working": (line.get("working") or "")[:4000],
            }
        )
    return cleaned


def _clean_risks(risks: list[dict]) -> list[dict]:
    if len(risks) > MAX_RISKS:
        raise ServiceError(f"A plan can record up to {MAX_RISKS} risks.", field="risks")
    cleaned = []
    for i, r in enumerate(risks, start=1):
        risk, how = (r.get("risk") or "").strip(), (r.get("how_managed") or "").strip()
        if not risk and not how:
            continue
        if not risk:
            raise ServiceError(f"Risk {i}: say what the risk is.", field=f"risks-{i}-risk")
        if not how:
            raise ServiceError(
                f"Risk {i}: say how the risk will be managed.", field=f"risks-{i}-how_managed"
            )
        cleaned.append({"risk": risk, "how_managed": how})
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
    risks: list[dict] | None = None,
    contingency: str | None = None,
    money_notes: str | None = None,
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
    if risks is not None:
        cleaned_risks = _clean_risks(risks)
        plan.risks.all().delete()
        PlanRisk.objects.bulk_create(
            PlanRisk(plan=plan, position=i, **r) for i, r in enumerate(cleaned_risks)
        )
    if contingency is not None:
        plan.contingency = contingency.strip()
    if money_notes is not None:
        plan.money_notes = money_notes.strip()
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
            source=c["source"],
            working=c["working"],
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
    plan = SupportPlan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    if not plan.is_editable:
        raise ServiceError("This plan has already been submitted.")
    problems = plan_problems(plan)
    if problems:
        raise ServiceError(problems[0][1], field=problems[0][0])
    emit(PlanSubmitting(plan=plan))  # reviews: a budget only goes down through a reassessment
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
    (decision,) = [d for d in emit(PlanSubmitted(plan=plan, by=by)) if d is not None]
    return decision  # opened by the sign-off stage (approvals/handlers.py)


@transaction.atomic
def add_plan_line(
    *,
    plan: SupportPlan,
    by,
    description: str,
    unit_cost: Decimal,
    quantity: Decimal,
    frequency: str,
    source: str = "",
    working: str = "",
    actor_name: str = "",
) -> PlanLine:
    """Add one costed line to a draft plan (from the PA calculator or the local directory)."""
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_editable:
        raise ServiceError("This plan has been submitted and can no longer be changed.")
    if plan.lines.count() >= MAX_LINES:
        raise ServiceError(f"A plan can have up to {MAX_LINES} costed lines.")
    (c,) = _clean_lines(
        [
            {
                "description": description,
                "unit_cost": unit_cost,
                "quantity": quantity,
                "frequency": frequency,
                "source": source,
                "working": working,
            }
        ]
    )
    position = (plan.lines.aggregate(p=Max("position"))["p"] or 0) + 1
    line = PlanLine.objects.create(
        plan=plan,
        position=position,
        description=c["description"],
        unit_cost=c["unit_cost"],
        quantity=c["quantity"],
        frequency=c["frequency"],
        weekly_cost=c["weekly_cost"],
        source=c["source"],
        working=c["working"],
    )
    plan.weekly_total = sum((x.weekly_cost for x in plan.lines.all()), Decimal("0.00"))
    plan.row_version += 1
    plan.save()
    record_event(
        actor=by,
        action="plan.line_added",
        obj=plan,
        person=plan.person,
        summary=f"{actor_name + ' added' if actor_name else 'Added'} a line to the support plan: "
        f"{c['description']}, {format_money(c['weekly_cost'])} a week",
        changes={"source": c["source"], "weekly_cost": c["weekly_cost"]},
    )
    return line


def add_pa_line(*, plan: SupportPlan, by, costs, actor_name: str = "") -> PlanLine:
    """Add a personal assistant's employer costs (domain.pa_costs) to the plan, working and all.
    A rate below the minimum wage is refused here, never silently accepted."""
    if costs.below_minimum:
        raise ServiceError(costs.warnings[0], field="hourly_rate")
    return add_plan_line(
        plan=plan,
        by=by,
        description=(
            f"Personal assistant: {costs.hours_per_week.normalize():f} hours a week at "
            f"£{costs.hourly_rate:.2f} an hour, with employer costs ({costs.tax_year_label})"
        ),
        unit_cost=costs.annual_total,
        quantity=Decimal(1),
        frequency="annually",
        source=f"pa_employer:{costs.ref}",
        working=costs.working_text(),
        actor_name=actor_name,
    )


def start_revised_plan(*, person: Person, by, from_plan: SupportPlan | None = None) -> SupportPlan:
    """A new plan version after a reassessment, with the latest indicative budget. `start_plan`
    copies the plan in force (outcomes, risks, costed lines), so only what changed needs changing;
    an open draft carries on."""
    source = from_plan or person.plans.filter(status=SupportPlan.Status.APPROVED).first()
    if source is None:
        raise ServiceError("There is no approved plan to start from.")
    already_open = person.plans.filter(
        status__in=[SupportPlan.Status.DRAFT, SupportPlan.Status.RETURNED]
    ).exists()
    plan = start_plan(person=person, by=by, led_by=source.led_by)
    if not already_open:
        record_event(
            actor=by,
            action="plan.revised",
            obj=plan,
            person=person,
            summary=f"Started plan version {plan.number} from version {source.number}",
            changes={"from_plan": source.pk, "weekly_total": plan.weekly_total},
        )
    return plan
