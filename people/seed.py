"""A large synthetic council for benchmarks, written in bulk but field for field as the services write it.

`people/demo.py` walks each person through the real services (~40 queries a person): right for the
50-person demo, far too slow for 100,000 people. Here the same journeys are generated in memory and
written with `bulk_create` in batches: Person, Representative, Contact, Assessment, EligibilityResult,
BudgetCalculation (the real RAS result from `budgets.services.compute`), SupportPlan, PlanLine,
PlanOutcome, Decision (routed by the real delegation rules), PersonalBudget, PaymentSchedule,
ScheduledPayment, Review, and the AuditEvent rows each service writes, so timelines are full.

Each person's journey happens in the past, on working days and hours, in order, so timelines read
naturally and every date is consistent (contact, then assessment, plan, decision, budget start).

Deterministic: the same seed, number of people and `today` give the same people, answers, budgets
and dates (pks and the time it was written aside). Staff and teams come from the real services.
"""

import random
import time as clock
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import StaffMember, Team
from accounts.services import add_staff_member, add_team
from approvals.models import Decision
from assessments.models import Assessment, EligibilityResult
from audit.models import AuditEvent
from audit.services import _jsonable
from budgets.models import BudgetCalculation, PersonalBudget
from budgets.services import budget_calculation_from, compute, ras_inputs
from contacts.models import Contact
from domain import rulepacks
from domain.delegation import panel_triggers, route_plan
from domain.eligibility import decide_adult_eligibility
from domain.money import annual_from_weekly, format_money, to_money, weekly_cost
from domain.reviews import direct_payment_review_due, first_review_due, payment_dates
from payments.models import PaymentSchedule, ScheduledPayment
from people.demo import (
    DEMO_PASSWORD,
    OUTCOMES,
    STAGES,
    SUPPORT_LINES,
    _answers,
    ensure_staff,
    fake_person_details,
    valid_nhs_number,
)
from people.models import Person, Representative
from plans.models import PlanLine, PlanOutcome, SupportPlan
from reviews.models import Review

Role = StaffMember.Role

# Share of people at each stage (per cent). ~100k people known, ~30k budgets (ARCHITECTURE.md §7).
STAGE_SHARES = {
    "contact": 18,
    "assessment": 10,
    "not_eligible": 25,
    "planning": 12,
    "decision": 3,
    "budget": 32,
}
assert list(STAGE_SHARES) == STAGES

# The demo's North and South teams plus six more: eight locality teams, one practitioner and one
# team manager each (demonstration figures, like the demo's).
EXTRA_TEAMS = [
    # team, (practitioner first, last), (manager first, last)
    ("East locality team", ("Aisha", "Begum"), ("David", "Price")),
    ("West locality team", ("Rhys", "Jenkins"), ("Claire", "Whitfield")),
    ("Central locality team", ("Mei", "Chen"), ("Marcus", "Boateng")),
    ("Coastal locality team", ("Hannah", "Pearce"), ("Imran", "Qureshi")),
    ("Rural locality team", ("Owen", "Lloyd"), ("Fiona", "MacLeod")),
    ("City locality team", ("Zainab", "Okoro"), ("Peter", "Sutcliffe")),
]
PRACTITIONER_LIMIT, MANAGER_LIMIT = Decimal("500.00"), Decimal("1500.00")

CONTACT_SUMMARIES = [
    "Asked for help to stay living at home.",
    "Daughter called: mum is struggling with washing and meals since her fall.",
    "Referred by the hospital discharge team after a stroke.",
    "GP asked us to see him: he has stopped going out and is not eating well.",
    "Moving from children's services; wants to live more independently.",
    "Carer asked for a break; her husband needs help day and night.",
]
WHAT_MATTERS = [
    "Staying in my own home, near my friends and my church.",
    "Seeing my grandchildren and getting to the shops on my own terms.",
    "Keeping my allotment going and not being a burden on my son.",
    "Going back to the swimming club and cooking for myself.",
    "Having a routine I choose, with people I know.",
]
# How each demo support line is usually bought.
LINE_FREQUENCY = {"hours": "weekly", "sessions": "weekly", "trips": "weekly", "months": "monthly"}
REPRESENTATIVE_KINDS = (["family", "friend", "advocate", "nominated_person"], [60, 10, 15, 15])
LED_BY = (["person", "family", "practitioner", "independent_planner"], [50, 25, 20, 5])
# Of the people planning, how many had a plan returned by the decider and are changing it.
RETURNED_SHARE = 0.15
RETURN_REASONS = [
    "Please show how the taxi trips meet the outcomes agreed.",
    "The plan is above the indicative budget; say why the extra hours are needed.",
    "Add what the person said about the day centre in their own words.",
]

# Working days between the steps of a journey (low, high).
GAPS = {
    "assess": (1, 21),
    "save": (0, 3),
    "submit": (0, 10),
    "plan": (0, 7),
    "plan_save": (1, 21),
    "plan_submit": (0, 7),
    "decide": (0, 10),
    "panel": (7, 28),
    "start": (0, 14),
}
# The steps each stage goes through (its journey must fit between its first contact and today).
STAGE_STEPS = {
    "contact": [],
    "assessment": ["assess", "save"],
    "not_eligible": ["assess", "save", "submit"],
    "planning": ["assess", "save", "submit", "plan", "plan_save", "plan_submit", "panel"],
    "decision": ["assess", "save", "submit", "plan", "plan_save", "plan_submit"],
    "budget": list(GAPS),
}
# How far back first contacts go: settled cases up to a year before their journey, open ones recent.
STAGE_SPREAD_DAYS = {"not_eligible": 365, "budget": 365}
OPEN_SPREAD_DAYS = 100


# --- Staff -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Locality:
    team: Team
    practitioner: StaffMember
    manager: StaffMember


def ensure_council_staff(*, password: str = DEMO_PASSWORD) -> tuple[list[Locality], StaffMember]:
    """The demo's staff plus six more locality teams (idempotent). Returns the teams and the panel."""
    staff = ensure_staff(password=password)
    localities = [
        Locality(staff["practitioner"].team, staff["practitioner"], staff["manager"]),
        Locality(staff["practitioner2"].team, staff["practitioner2"], staff["manager2"]),
    ]
    for i, (name, (pf, pl), (mf, ml)) in enumerate(EXTRA_TEAMS, start=3):
        team = add_team(name=name, annual_budget=Decimal("2500000.00"))
        pair = []
        for username, first, last, role, limit in (
            (f"practitioner{i}", pf, pl, Role.PRACTITIONER, PRACTITIONER_LIMIT),
            (f"manager{i}", mf, ml, Role.TEAM_MANAGER, MANAGER_LIMIT),
        ):
            existing = StaffMember.objects.filter(username=username).first()
            pair.append(
                existing
                or add_staff_member(
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    role=role,
                    team=team,
                    weekly_limit=limit,
                    email=f"{username}@demo.invalid",
                )
            )
        localities.append(Locality(team, pair[0], pair[1]))
    return localities, staff["panel"]


def _manager_limits(teams) -> dict[int, Decimal]:
    """What approvals.services._manager_limit works out for each team, read once."""
    limits = {}
    for team in teams:
        top = (
            team.staff.filter(role=Role.TEAM_MANAGER, is_active=True)
            .order_by("-weekly_limit")
            .values_list("weekly_limit", flat=True)
            .first()
        )
        limits[team.pk] = top or Decimal(0)
    return limits


# --- Time ----------------------------------------------------------------------------------------


class Clock:
    """Moves one person's journey forward through working days and hours, never backwards.

    The gaps between steps are drawn first, so the first contact can be placed for the whole journey
    to have happened by `today` (recent budgets as well as old ones)."""

    def __init__(self, rng: random.Random, today: date, stage: str):
        self.rng, self.tz = rng, timezone.get_default_timezone()
        self.gaps = {step: rng.randint(lo, hi) for step, (lo, hi) in GAPS.items()}
        span = sum(self._calendar_days(self.gaps[step]) for step in STAGE_STEPS[stage])
        spread = STAGE_SPREAD_DAYS.get(stage, OPEN_SPREAD_DAYS)
        self.first_day = today - timedelta(days=rng.randint(span + 3, span + 3 + spread))
        self.now = self._morning(self.first_day)
        self.first_day = self.now.date()

    @staticmethod
    def _calendar_days(working_days: int) -> int:
        return working_days + working_days // 5 * 2 + 2

    def _morning(self, day: date) -> datetime:
        while day.weekday() >= 5:  # the council works Monday to Friday
            day += timedelta(days=1)
        return datetime.combine(day, time(9), self.tz) + timedelta(minutes=self.rng.randint(0, 420))

    def later(self, gap: str | None = None) -> datetime:
        """The next step: `gap` working days on (GAPS), or a few minutes after the last step."""
        days = self.gaps[gap] if gap else 0
        if days:
            self.now = self._morning(self.now.date() + timedelta(days=days + days // 5 * 2))
        else:
            self.now += timedelta(minutes=self.rng.randint(1, 25), seconds=self.rng.randint(0, 59))
        return self.now


@contextmanager
def historical_timestamps(models) -> Iterator[None]:
    """Let bulk_create keep the past times we give `created_at`, `at`... (auto_now(_add) off)."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


# --- Generating one batch ----------------------------------------------------------------------

ALL_MODELS = [
    Person,
    Representative,
    Contact,
    Assessment,
    EligibilityResult,
    BudgetCalculation,
    SupportPlan,
    PlanOutcome,
    PlanLine,
    Decision,
    PersonalBudget,
    PaymentSchedule,
    ScheduledPayment,
    Review,
    AuditEvent,
]


@dataclass
class Batch:
    """Unsaved rows for a batch of people, in the order they must be written."""

    rows: dict[type, list] = field(default_factory=lambda: {m: [] for m in ALL_MODELS})
    # (when, actor, action, obj, person, summary, changes): object ids are known once written.
    events: list[tuple] = field(default_factory=list)
    # Payments need the personal budget's pk for their idempotency key: made after budgets.
    payments: list[tuple[PaymentSchedule, PersonalBudget, tuple[date, ...]]] = field(
        default_factory=list
    )

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj

    def event(self, when, actor, action, obj, person, summary, changes=None):
        self.events.append((when, actor, action, obj, person, summary, changes))


class CouncilGenerator:
    """Generates people and their journeys deterministically from one seed."""

    def __init__(self, *, seed: int, today: date, localities, panel, used_nhs_numbers=()):
        from faker import Faker

        self.rng, self.today = random.Random(seed), today
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.localities, self.panel = localities, panel
        self.manager_limits = _manager_limits([loc.team for loc in localities])
        self.used_nhs = set(used_nhs_numbers)
        self.qs = rulepacks.question_set()
        self.ras = rulepacks.ras_model()
        self.delegation = rulepacks.delegation_policy()
        self.reviews = rulepacks.review_policy()
        self.codes = rulepacks.codes()

    def stages(self, people: int) -> list[str]:
        """Exactly the STAGE_SHARES mix (every stage at least once from 6 people), shuffled."""
        quota = {s: people * share // 100 for s, share in STAGE_SHARES.items()}
        if people >= len(STAGES):
            quota = {s: max(n, 1) for s, n in quota.items()}
        by_size = sorted(STAGE_SHARES, key=lambda s: -STAGE_SHARES[s])
        i = 0
        while sum(quota.values()) != people:
            s = by_size[i % len(by_size)]
            step = 1 if sum(quota.values()) < people else -1
            if quota[s] + step >= (1 if people >= len(STAGES) else 0):
                quota[s] += step
            i += 1
        stages = [s for s in STAGES for _ in range(quota[s])]
        self.rng.shuffle(stages)
        return stages

    # One person ---------------------------------------------------------------------------------

    def person(self, batch: Batch, stage: str) -> None:
        rng, fake, today = self.rng, self.fake, self.today
        loc = rng.choice(self.localities)
        practitioner = loc.practitioner
        details = fake_person_details(fake, rng, today)
        while details["nhs_number"] in self.used_nhs:
            details["nhs_number"] = valid_nhs_number(rng)
        self.used_nhs.add(details["nhs_number"])

        clk = Clock(rng, today, stage)
        first_day = clk.first_day

        # add_person
        at = clk.later()
        person = batch.add(
            Person(
                **details, team=loc.team, stage=stage, created_at=at, updated_at=at, row_version=1
            )
        )
        batch.event(
            at,
            practitioner,
            "person.added",
            person,
            person,
            f"Added {person.full_name} to {loc.team.name}'s caseload",
            {"team": loc.team.name, "primary_support_reason": person.primary_support_reason},
        )
        # add_representative, for about a third of people (as the demo)
        if rng.random() < 1 / 3:
            at = clk.later()
            rep = batch.add(
                Representative(
                    person=person,
                    name=fake.name(),
                    kind=rng.choices(*REPRESENTATIVE_KINDS)[0],
                    email="",
                    phone=fake.phone_number(),
                    created_at=at,
                    updated_at=at,
                )
            )
            batch.event(
                at,
                practitioner,
                "representative.added",
                rep,
                person,
                f"Added {rep.name} ({rep.get_kind_display().lower()}) as a representative",
                {"name": rep.name, "kind": rep.kind},
            )
        # record_contact
        at = clk.later()
        route = rng.choices(
            [c.code for c in self.codes.routes_of_access],
            weights=[30, 25, 20, 15, 3, 7][: len(self.codes.routes_of_access)],
        )[0]
        contact = batch.add(
            Contact(
                person=person,
                received_on=first_day,
                route_of_access=route,
                summary=rng.choice(CONTACT_SUMMARIES),
                recorded_by=practitioner,
                created_at=at,
            )
        )
        batch.event(
            at,
            practitioner,
            "contact.recorded",
            contact,
            person,
            f"Recorded a contact: {contact.get_route_of_access_display()}",
            {"received_on": first_day, "route_of_access": route},
        )
        if stage == "contact":
            return
        self._assessment_onwards(batch, stage, person, contact, loc, clk)

    def _assessment_onwards(self, batch, stage, person, contact, loc, clk) -> None:
        rng, qs, practitioner = self.rng, self.qs, loc.practitioner
        # start_assessment
        at = clk.later("assess")
        assessment = batch.add(
            Assessment(
                person=person,
                contact=contact,
                mode=rng.choice(["supported", "practitioner", "self"]),
                created_by=practitioner,
                question_set_ref=qs.ref,
                created_at=at,
            )
        )
        batch.event(
            at,
            practitioner,
            "assessment.started",
            assessment,
            person,
            f"Started a {assessment.get_mode_display().lower()}",
            {"question_set": qs.ref, "mode": assessment.mode},
        )
        # save_assessment (the whole form, as the demo)
        at = clk.later("save")
        eligible = stage != "not_eligible"
        assessment.answers = _answers(rng, rng.randint(2, 6) if eligible else 1)
        assessment.needs_arise_from_impairment = True
        assessment.wellbeing_impact = eligible
        assessment.unpaid_care = rng.choices(
            [c.code for c in qs.unpaid_care_levels], weights=[45, 35, 20]
        )[0]
        assessment.row_version, assessment.updated_at = 2, at
        batch.event(
            at,
            practitioner,
            "assessment.saved",
            assessment,
            person,
            "Saved the assessment draft",
            {
                "answers": sorted(assessment.answers),
                "needs_arise_from_impairment": True,
                "wellbeing_impact": eligible,
                "unpaid_care": assessment.unpaid_care,
            },
        )
        if stage == "assessment":
            return
        # submit_assessment
        at = clk.later("submit")
        result = decide_adult_eligibility(
            question_set=qs,
            needs_arise_from_impairment=bool(assessment.needs_arise_from_impairment),
            ways_by_outcome={code: a.get("ways", []) for code, a in assessment.answers.items()},
            wellbeing_impact=bool(assessment.wellbeing_impact),
        )
        assert result.eligible == eligible
        batch.add(
            EligibilityResult(
                assessment=assessment,
                eligible=result.eligible,
                reasons=list(result.reasons),
                unable_outcomes=list(result.unable_outcomes),
                rule=result.rule,
                question_set_ref=qs.ref,
                decided_at=at,
            )
        )
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at, assessment.submitted_by = at, practitioner
        assessment.row_version, assessment.updated_at = 3, at
        batch.event(
            at,
            practitioner,
            "assessment.submitted",
            assessment,
            person,
            "Completed the assessment: " + ("eligible" if eligible else "not eligible"),
            {"eligible": eligible, "unable_outcomes": list(result.unable_outcomes)},
        )
        if not eligible:
            return
        calc = self._indicative_budget(batch, assessment, person, practitioner, at)
        self._plan_onwards(batch, stage, person, calc, loc, clk)

    def _indicative_budget(self, batch, assessment, person, by, at) -> BudgetCalculation:
        """calculate_indicative_budget, with the real RAS."""
        inputs = ras_inputs(assessment)
        result, changes = compute(
            model_ref=self.ras.ref, question_set_ref=assessment.question_set_ref, inputs=inputs
        )
        calc = batch.add(
            budget_calculation_from(
                assessment=assessment, inputs=inputs, result=result, changes=changes, created_at=at
            )
        )
        batch.event(
            at,
            by,
            "budget.indicative_calculated",
            calc,
            person,
            f"Indicative budget worked out: {format_money(result.weekly_amount)} a week",
            {"weekly_amount": result.weekly_amount, "model": result.model_ref},
        )
        return calc

    def _lines(self, indicative: Decimal) -> list[dict]:
        """Costed lines adding up to about the indicative budget (most plans within it)."""
        rng = self.rng
        target = indicative * Decimal(
            str(
                rng.choices(
                    [rng.uniform(0.8, 1.0), rng.uniform(1.0, 1.1), rng.uniform(1.1, 1.5)],
                    weights=[70, 20, 10],
                )[0]
            )
        )
        chosen = rng.sample(SUPPORT_LINES, rng.randint(1, 3))
        if all(LINE_FREQUENCY[unit] == "monthly" for *_, unit in chosen):
            chosen.append(SUPPORT_LINES[0])  # a gym membership alone meets no one's needs
        chosen.sort(key=lambda line: LINE_FREQUENCY[line[2]] != "monthly")  # weekly lines last
        lines, left = [], target
        for n, (desc, rate, unit) in enumerate(chosen):
            frequency = LINE_FREQUENCY[unit]
            per_unit = weekly_cost(
                unit_cost=Decimal(rate), quantity=Decimal(1), frequency=frequency
            )
            if frequency == "monthly":
                quantity = Decimal(1)
            else:
                share = left / (len(chosen) - n)
                quantity = max(Decimal(1), (share / per_unit).quantize(Decimal(1)))
            cost = weekly_cost(unit_cost=Decimal(rate), quantity=quantity, frequency=frequency)
            left -= cost
            lines.append(
                {
                    "description": desc,
                    "unit_cost": to_money(rate),
                    "quantity": quantity,
                    "frequency": frequency,
                    "weekly_cost": cost,
                }
            )
        return lines

    def _plan_onwards(self, batch, stage, person, calc, loc, clk) -> None:
        rng, practitioner = self.rng, loc.practitioner
        # start_plan
        at = clk.later("plan")
        plan = batch.add(
            SupportPlan(
                person=person,
                budget_calculation=calc,
                number=1,
                led_by="person",
                created_by=practitioner,
                created_at=at,
            )
        )
        batch.event(
            at,
            practitioner,
            "plan.started",
            plan,
            person,
            "Started support plan version 1",
            {"led_by": "person"},
        )
        # update_plan
        at = clk.later("plan_save")
        lines = self._lines(calc.weekly_amount)
        outcomes = rng.sample(OUTCOMES, rng.randint(1, 3))
        for i, text in enumerate(outcomes):
            batch.add(PlanOutcome(plan=plan, text=text, position=i))
        for i, c in enumerate(lines):
            batch.add(
                PlanLine(
                    plan=plan,
                    position=i,
                    description=c["description"],
                    unit_cost=c["unit_cost"],
                    quantity=c["quantity"],
                    frequency=c["frequency"],
                    weekly_cost=c["weekly_cost"],
                )
            )
        plan.led_by = rng.choices(*LED_BY)[0]
        plan.what_matters = rng.choice(WHAT_MATTERS)
        plan.deployment = rng.choices(["direct_payment", "council_managed"], weights=[60, 40])[0]
        plan.weekly_total = sum((c["weekly_cost"] for c in lines), Decimal("0.00"))
        plan.row_version, plan.updated_at = 2, at
        batch.event(
            at,
            practitioner,
            "plan.saved",
            plan,
            person,
            f"Saved the support plan: {format_money(plan.weekly_total)} a week",
            {"weekly_total": plan.weekly_total, "lines": len(lines), "outcomes": len(outcomes)},
        )
        returned = stage == "planning" and rng.random() < RETURNED_SHARE
        if stage == "planning" and not returned:
            return
        # submit_plan + open_decision
        at = clk.later("plan_submit")
        plan.status, plan.submitted_at = SupportPlan.Status.SUBMITTED, at
        plan.row_version, plan.updated_at = 3, at
        batch.event(
            at,
            practitioner,
            "plan.submitted",
            plan,
            person,
            "Submitted support plan version 1 for a decision",
            {"weekly_total": plan.weekly_total},
        )
        route = self.route(plan=plan, person=person, calc=calc, practitioner=practitioner, on=at)
        decision = batch.add(
            Decision(
                plan=plan,
                person=person,
                team=loc.team,
                route=route.route,
                reasons=list(route.reasons),
                triggers=list(route.triggers),
                policy_ref=route.policy_ref,
                ras_model_ref=calc.model_ref,
                question_set_ref=calc.question_set_ref,
                plan_weekly=plan.weekly_total,
                indicative_weekly=calc.weekly_amount,
                submitted_by=practitioner,
                submitted_at=at,
                created_at=at,
                updated_at=at,
            )
        )
        batch.event(
            at,
            practitioner,
            "decision.opened",
            decision,
            person,
            f"Sent to {decision.get_route_display().lower()} for a decision",
            {"route": route.route, "reasons": list(route.reasons), "policy": route.policy_ref},
        )
        if stage == "decision":
            return
        decider = {
            Decision.Route.PRACTITIONER: practitioner,
            Decision.Route.MANAGER: loc.manager,
            Decision.Route.PANEL: self.panel,
        }[route.route]
        at = clk.later("panel" if route.route == Decision.Route.PANEL else "decide")
        decision.decided_by, decision.decided_at = decider, at
        decision.row_version, decision.updated_at = 2, at
        if returned:  # return_plan
            decision.status, decision.note = Decision.Status.RETURNED, rng.choice(RETURN_REASONS)
            plan.status, plan.row_version = SupportPlan.Status.RETURNED, 4
            batch.event(
                at,
                decider,
                "decision.returned",
                decision,
                person,
                "Returned the support plan for changes",
                {"reason": decision.note},
            )
            return
        # approve_plan
        decision.status = Decision.Status.APPROVED
        plan.status, plan.row_version = SupportPlan.Status.APPROVED, 4
        batch.event(
            at,
            decider,
            "decision.approved",
            decision,
            person,
            f"Approved support plan version 1 ({format_money(plan.weekly_total)} a week)",
            {"route": route.route, "note": ""},
        )
        self._budget(batch, plan, decision, person, decider, clk)

    def route(self, *, plan, person, calc, practitioner, on: datetime):
        """approvals.services.route_for, with each team's manager limit read once."""
        policy = self.delegation
        triggers = panel_triggers(
            policy=policy,
            primary_support_reason=person.get_primary_support_reason_display(),
            age=person.age_on(timezone.localdate(on)),
            has_dementia=person.has_dementia,
            in_transition=person.in_transition,
            outside_ras=False,
        )
        limit = practitioner.weekly_limit if practitioner.role == Role.PRACTITIONER else 0
        return route_plan(
            policy=policy,
            plan_weekly=plan.weekly_total,
            indicative_weekly=calc.weekly_amount,
            practitioner_limit_weekly=limit,
            manager_limit_weekly=self.manager_limits[person.team_id],
            triggers=triggers,
        )

    def _budget(self, batch, plan, decision, person, by, clk) -> None:
        """create_personal_budget, schedule_direct_payments and schedule_first_reviews."""
        at = clk.now
        starts_on = min(timezone.localdate(at) + timedelta(days=clk.gaps["start"]), self.today)
        budget = batch.add(
            PersonalBudget(
                person=person,
                plan=plan,
                decision=decision,
                weekly_gross=plan.weekly_total,
                annual_gross=annual_from_weekly(plan.weekly_total),
                weekly_net=plan.weekly_total,
                deployment=plan.deployment,
                starts_on=starts_on,
                created_at=at,
                updated_at=at,
            )
        )
        batch.event(
            at,
            by,
            "personal_budget.created",
            budget,
            person,
            f"Personal budget of {format_money(budget.weekly_gross)} a week "
            f"({format_money(budget.annual_gross)} a year) as a "
            f"{budget.get_deployment_display().lower()}",
            {"weekly_gross": budget.weekly_gross, "deployment": budget.deployment},
        )
        policy = self.reviews
        direct = budget.deployment == PersonalBudget.Deployment.DIRECT_PAYMENT
        if direct:
            every = policy.payment_every_days
            amount = to_money(budget.weekly_net * Decimal(every) / Decimal(7))
            schedule = batch.add(
                PaymentSchedule(
                    personal_budget=budget,
                    person=person,
                    every_days=every,
                    amount_per_period=amount,
                    first_payment_on=starts_on,
                    created_at=at,
                )
            )
            dates = payment_dates(
                first=starts_on, every_days=every, count=policy.payments_scheduled_ahead
            )
            batch.payments.append((schedule, budget, dates))
            batch.event(
                at,
                by,
                "payments.scheduled",
                schedule,
                person,
                f"Direct payments of {format_money(amount)} every {every} days, in advance, "
                f"from {starts_on:%-d %B %Y}",
                {"amount_per_period": amount, "every_days": every, "policy": policy.ref},
            )
        reviews = [
            Review(
                person=person,
                personal_budget=budget,
                kind=Review.Kind.FIRST,
                due_on=first_review_due(start=starts_on, policy=policy),
                policy_ref=policy.ref,
                latest_on=starts_on + timedelta(weeks=policy.first_review_latest_weeks),
                created_at=at,
            )
        ]
        if direct:
            reviews.append(
                Review(
                    person=person,
                    personal_budget=budget,
                    kind=Review.Kind.DIRECT_PAYMENT,
                    policy_ref=policy.ref,
                    due_on=direct_payment_review_due(start=starts_on, policy=policy),
                    created_at=at,
                )
            )
        for review in reviews:
            batch.add(review)
        batch.event(
            at,
            by,
            "review.scheduled",
            budget,
            person,
            f"First review due {reviews[0].due_on:%-d %B %Y}",
            {"kinds": [r.kind for r in reviews], "policy": policy.ref},
        )


# --- Writing -------------------------------------------------------------------------------------

WRITE_BATCH = 1000  # rows per INSERT


def write_batch(batch: Batch) -> int:
    """Write a batch's rows in dependency order; returns how many rows were written."""
    written = 0
    for model in ALL_MODELS:
        if model is ScheduledPayment:
            batch.rows[model] = [
                ScheduledPayment(
                    schedule=schedule,
                    due_on=due,
                    amount=schedule.amount_per_period,
                    idempotency_key=f"pb{budget.pk}-{due.isoformat()}",
                )
                for schedule, budget, dates in batch.payments
                for due in dates
            ]
        elif model is AuditEvent:
            batch.rows[model] = [
                AuditEvent(
                    at=when,
                    kind=AuditEvent.Kind.CHANGE,
                    actor=actor,
                    action=action,
                    summary=summary[:300],
                    object_type=obj._meta.label_lower,
                    object_id=str(obj.pk),
                    person=person,
                    changes=_jsonable(changes or {}),
                )
                for when, actor, action, obj, person, summary, changes in batch.events
            ]
        rows = batch.rows[model]
        model.objects.bulk_create(rows, batch_size=WRITE_BATCH)
        written += len(rows)
    return written


def seed_council(
    *,
    people: int,
    seed: int,
    today: date,
    batch_size: int = 2000,
    progress: Callable[[str], None] = lambda _msg: None,
) -> dict:
    """Generate `people` people over every stage, with staff and teams. Returns counts and timings."""
    started = clock.perf_counter()
    localities, panel = ensure_council_staff()
    used = Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True)
    gen = CouncilGenerator(
        seed=seed, today=today, localities=localities, panel=panel, used_nhs_numbers=used
    )
    stages = gen.stages(people)
    rows = 0
    with historical_timestamps(ALL_MODELS):
        for start in range(0, people, batch_size):
            batch = Batch()
            for stage in stages[start : start + batch_size]:
                gen.person(batch, stage)
            with transaction.atomic():
                rows += write_batch(batch)
            done = min(start + batch_size, people)
            progress(
                f"  {done:>9,} / {people:,} people, {rows:,} rows "
                f"({clock.perf_counter() - started:.1f} s)"
            )
    if connection.vendor == "postgresql":
        progress("  ANALYZE (fresh planner statistics)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "people": people,
        "rows": rows,
        "stages": {s: stages.count(s) for s in STAGES},
        "seconds": clock.perf_counter() - started,
    }
