"""A large synthetic council for benchmarks: deterministic, en_GB, every stage of the journey.

Walking 100,000 people through the services one at a time would take hours, so the bulk is written
with bulk_create in batches — but every figure is real: eligibility and budgets come from the same
domain rules and rule packs as the services, routes from the same delegation policy, and each stage
leaves the audit rows the services would.
"""

import random
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import StaffMember
from accounts.services import add_staff_member, add_team
from approvals.models import Decision
from assessments.models import Assessment, EligibilityResult
from audit.models import AuditEvent
from budgets.models import BudgetCalculation, PersonalBudget
from budgets.services import compute
from contacts.models import Contact
from domain import rulepacks
from domain.delegation import panel_triggers, route_plan
from domain.eligibility import decide_adult_eligibility
from domain.money import annual_from_weekly, to_money, weekly_cost
from domain.reviews import direct_payment_review_due, first_review_due, payment_dates
from payments.models import PaymentSchedule, ScheduledPayment
from people.demo import OUTCOMES, SUPPORT_LINES, ensure_staff, fake_person_details
from people.models import Person
from plans.models import PlanLine, PlanOutcome, SupportPlan
from reviews.models import Review

Role = StaffMember.Role
# Share of people at each stage in the synthetic council (most known people have a budget).
STAGE_WEIGHTS = {
    "contact": 8,
    "assessment": 7,
    "not_eligible": 10,
    "planning": 8,
    "decision": 7,
    "budget": 60,
}
EXTRA_TEAMS = 8


def _teams(password: str) -> list[tuple]:
    """(team, practitioner, manager) for the demo teams and the extra locality teams."""
    staff = ensure_staff()
    pairs = [(staff["practitioner"], staff["manager"]), (staff["practitioner2"], staff["manager2"])]
    for n in range(1, EXTRA_TEAMS + 1):
        team = add_team(name=f"Locality team {n}", annual_budget=Decimal("4000000.00"))
        users = []
        for role, limit in ((Role.PRACTITIONER, "500.00"), (Role.TEAM_MANAGER, "1500.00")):
            username = f"{role.value}-{n}"
            users.append(
                StaffMember.objects.filter(username=username).first()
                or add_staff_member(
                    username=username,
                    password=password,
                    first_name=role.label,
                    last_name=f"Team {n}",
                    role=role,
                    team=team,
                    weekly_limit=Decimal(limit),
                )
            )
        pairs.append(tuple(users))
    return [(p.team, p, m) for p, m in pairs], staff["panel"]


class Batch:
    """Rows for one batch, written together in one transaction."""

    def __init__(self):
        self.people, self.contacts, self.assessments, self.results, self.calcs = [], [], [], [], []
        self.plans, self.lines, self.outcomes, self.decisions, self.budgets = [], [], [], [], []
        self.schedules, self.payments, self.reviews, self.events = [], [], [], []


class Seeder:
    def __init__(self, *, seed: int, today: date, password: str):
        from faker import Faker

        self.rng, self.today = random.Random(seed), today
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.teams, self.panel = _teams(password)
        self.qs, self.model = rulepacks.question_set(), rulepacks.ras_model()
        self.policy, self.review_policy = rulepacks.delegation_policy(), rulepacks.review_policy()
        self.codes = rulepacks.codes()
        self.routes = [c.code for c in self.codes.routes_of_access]
        self.nhs_seen: set[str] = set()
        self.cache: dict = {}

    def _details(self) -> dict:
        while True:
            details = fake_person_details(self.fake, self.rng, self.today)
            if details["nhs_number"] not in self.nhs_seen:
                self.nhs_seen.add(details["nhs_number"])
                return details

    def _answers(self, eligible: bool) -> dict:
        levels = [c.code for c in self.qs.help_levels]
        needs = self.rng.randint(2, 7) if eligible else self.rng.randint(0, 1)
        chosen = set(self.rng.sample([o.code for o in self.qs.outcomes], needs))
        return {
            o.code: {"help": self.rng.choice(levels[1:]), "ways": ["needs_help"], "own_words": ""}
            if o.code in chosen
            else {"help": "none", "ways": [], "own_words": ""}
            for o in self.qs.outcomes
        }

    def _budget(self, inputs: dict):
        key = (tuple(sorted(inputs["help_levels"].items())), inputs["unpaid_care"])
        if key not in self.cache:
            self.cache[key] = compute(
                model_ref=self.model.ref, question_set_ref=self.qs.ref, inputs=inputs
            )
        return self.cache[key]

    def _when(self, days_ago: int) -> datetime:
        day = self.today - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, clock(10, 0)))

    def write_batch(self, count: int) -> dict:
        """Make `count` people and everything their stage implies; returns counts by stage."""
        rng, b = self.rng, Batch()
        stages = rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()), k=count)
        specs = []
        for stage in stages:
            team, practitioner, manager = rng.choice(self.teams)
            person = Person(**self._details(), team=team, stage=stage)
            specs.append(
                {
                    "stage": stage,
                    "person": person,
                    "by": practitioner,
                    "manager": manager,
                    "age": rng.randint(20, 400),
                }
            )
        b.people = Person.objects.bulk_create([s["person"] for s in specs])
        for s in specs:
            self._contact_and_assessment(s, b)
        Contact.objects.bulk_create(b.contacts)
        Assessment.objects.bulk_create(b.assessments)
        for s in specs:
            self._eligibility_and_plan(s, b)
        EligibilityResult.objects.bulk_create(b.results)
        BudgetCalculation.objects.bulk_create(b.calcs)
        SupportPlan.objects.bulk_create(b.plans)
        for s in specs:
            self._lines_and_decision(s, b)
        PlanLine.objects.bulk_create(b.lines)
        PlanOutcome.objects.bulk_create(b.outcomes)
        Decision.objects.bulk_create(b.decisions)
        for s in specs:
            self._budget_rows(s, b)
        PersonalBudget.objects.bulk_create(b.budgets)
        for s in specs:
            self._schedule_and_reviews(s, b)
        PaymentSchedule.objects.bulk_create(b.schedules)
        for s in specs:
            if "schedule" in s:
                sched = s["schedule"]
                b.payments += [
                    ScheduledPayment(
                        schedule=sched,
                        due_on=d,
                        amount=sched.amount_per_period,
                        status="paid" if d <= self.today else "scheduled",
                        idempotency_key=f"pb{s['budget'].pk}-{d.isoformat()}",
                    )
                    for d in payment_dates(
                        first=sched.first_payment_on,
                        every_days=sched.every_days,
                        count=self.review_policy.payments_scheduled_ahead,
                    )
                ]
        ScheduledPayment.objects.bulk_create(b.payments, batch_size=5000)
        Review.objects.bulk_create(b.reviews)
        for s in specs:
            self._events(s, b)
        AuditEvent.objects.bulk_create(b.events, batch_size=5000)
        return {st: stages.count(st) for st in STAGE_WEIGHTS}

    def _contact_and_assessment(self, s: dict, b: Batch) -> None:
        p = s["person"]
        s["contact"] = Contact(
            person=p,
            received_on=self.today - timedelta(days=s["age"]),
            route_of_access=self.rng.choice(self.routes),
            summary="Asked for help to stay living at home.",
            recorded_by=s["by"],
        )
        b.contacts.append(s["contact"])
        if s["stage"] == "contact":
            return
        eligible = s["stage"] != "not_eligible"
        done = s["stage"] != "assessment"
        s["assessment"] = Assessment(
            person=p,
            contact=s["contact"],
            question_set_ref=self.qs.ref,
            mode=self.rng.choice(["self", "supported", "practitioner"]),
            status="submitted" if done else "draft",
            answers=self._answers(eligible),
            needs_arise_from_impairment=True,
            wellbeing_impact=eligible if done else None,
            unpaid_care=self.rng.choice(["none", "none", "some", "a_lot"]),
            created_by=s["by"],
            submitted_at=self._when(s["age"] - 10) if done else None,
            submitted_by=s["by"] if done else None,
        )
        b.assessments.append(s["assessment"])

    def _eligibility_and_plan(self, s: dict, b: Batch) -> None:
        a = s.get("assessment")
        if a is None or a.status == "draft":
            return
        result = decide_adult_eligibility(
            question_set=self.qs,
            needs_arise_from_impairment=True,
            ways_by_outcome={c: v["ways"] for c, v in a.answers.items()},
            wellbeing_impact=bool(a.wellbeing_impact),
        )
        b.results.append(
            EligibilityResult(
                assessment=a,
                eligible=result.eligible,
                reasons=list(result.reasons),
                unable_outcomes=list(result.unable_outcomes),
                rule=result.rule,
                question_set_ref=self.qs.ref,
            )
        )
        if not result.eligible:
            s["person"].stage = "not_eligible"
            return
        inputs = {
            "help_levels": {c: v["help"] for c, v in sorted(a.answers.items())},
            "unpaid_care": a.unpaid_care,
        }
        ras, changes = self._budget(inputs)
        s["calc"] = BudgetCalculation(
            person=s["person"],
            assessment=a,
            model_ref=ras.model_ref,
            question_set_ref=self.qs.ref,
            inputs=inputs,
            points=ras.points,
            adjusted_points=ras.adjusted_points,
            weekly_amount=ras.weekly_amount,
            annual_amount=ras.annual_amount,
            capped=ras.capped,
            demo=ras.demo,
            factors=[{"code": f.code, "points": str(f.points)} for f in ras.factors],
            explanation=list(ras.explanation),
            arithmetic=list(ras.arithmetic),
            what_would_change=list(changes),
        )
        b.calcs.append(s["calc"])
        status = {"planning": "draft", "decision": "submitted", "budget": "approved"}[s["stage"]]
        s["plan"] = SupportPlan(
            person=s["person"],
            budget_calculation=s["calc"],
            number=1,
            status=status,
            led_by=self.rng.choice(["person", "family", "practitioner", "independent_planner"]),
            what_matters="Staying in my own home, near the people I love.",
            deployment=self.rng.choice(["direct_payment", "direct_payment", "council_managed"]),
            created_by=s["by"],
            submitted_at=self._when(s["age"] - 20) if status != "draft" else None,
        )
        b.plans.append(s["plan"])
        target = max(
            ras.weekly_amount * Decimal(self.rng.choice(["0.8", "0.95", "1.0", "1.05", "1.3"])),
            Decimal(20),
        )
        desc, rate, _unit = self.rng.choice(SUPPORT_LINES)
        qty = max((target / Decimal(rate)).quantize(Decimal("0.5")), Decimal("0.5"))
        cost = weekly_cost(unit_cost=Decimal(rate), quantity=qty, frequency="weekly")
        s["line"] = (desc, Decimal(rate), qty, cost)
        s["plan"].weekly_total = cost

    def _lines_and_decision(self, s: dict, b: Batch) -> None:
        plan = s.get("plan")
        if plan is None:
            return
        indicative, (desc, rate, qty, cost) = s["calc"].weekly_amount, s["line"]
        b.lines.append(
            PlanLine(
                plan=plan,
                description=desc,
                unit_cost=rate,
                quantity=qty,
                frequency="weekly",
                weekly_cost=cost,
            )
        )
        b.outcomes.append(PlanOutcome(plan=plan, text=self.rng.choice(OUTCOMES)))
        if plan.status == "draft":
            return
        p = s["person"]
        triggers = panel_triggers(
            policy=self.policy,
            primary_support_reason=self.codes.label(
                "primary_support_reasons", p.primary_support_reason
            ),
            age=p.age_on(self.today),
            has_dementia=p.has_dementia,
            in_transition=p.in_transition,
            outside_ras=False,
        )
        route = route_plan(
            policy=self.policy,
            plan_weekly=cost,
            indicative_weekly=indicative,
            practitioner_limit_weekly=s["by"].weekly_limit,
            manager_limit_weekly=s["manager"].weekly_limit,
            triggers=triggers,
        )
        approved = plan.status == "approved"
        decider = {"practitioner": s["by"], "manager": s["manager"], "panel": self.panel}[
            route.route
        ]
        s["decision"] = Decision(
            plan=plan,
            person=p,
            team=p.team,
            route=route.route,
            status="approved" if approved else "pending",
            reasons=list(route.reasons),
            triggers=list(route.triggers),
            policy_ref=route.policy_ref,
            ras_model_ref=s["calc"].model_ref,
            question_set_ref=self.qs.ref,
            plan_weekly=cost,
            indicative_weekly=indicative,
            submitted_by=s["by"],
            submitted_at=plan.submitted_at,
            decided_by=decider if approved else None,
            decided_at=self._when(s["age"] - 25) if approved else None,
        )
        b.decisions.append(s["decision"])

    def _budget_rows(self, s: dict, b: Batch) -> None:
        d = s.get("decision")
        if d is None or d.status != "approved":
            return
        plan = s["plan"]
        s["budget"] = PersonalBudget(
            person=s["person"],
            plan=plan,
            decision=d,
            weekly_gross=plan.weekly_total,
            annual_gross=annual_from_weekly(plan.weekly_total),
            weekly_net=plan.weekly_total,
            deployment=plan.deployment,
            starts_on=self.today - timedelta(days=max(s["age"] - 30, 0)),
        )
        b.budgets.append(s["budget"])

    def _schedule_and_reviews(self, s: dict, b: Batch) -> None:
        budget = s.get("budget")
        if budget is None:
            return
        start, policy = budget.starts_on, self.review_policy
        b.reviews.append(
            Review(
                person=s["person"],
                personal_budget=budget,
                kind="first",
                policy_ref=policy.ref,
                due_on=first_review_due(start=start, policy=policy),
                latest_on=start + timedelta(weeks=policy.first_review_latest_weeks),
            )
        )
        if budget.deployment != "direct_payment":
            return
        b.reviews.append(
            Review(
                person=s["person"],
                personal_budget=budget,
                kind="direct_payment",
                policy_ref=policy.ref,
                due_on=direct_payment_review_due(start=start, policy=policy),
            )
        )
        every = policy.payment_every_days
        s["schedule"] = PaymentSchedule(
            personal_budget=budget,
            person=s["person"],
            every_days=every,
            first_payment_on=start,
            amount_per_period=to_money(budget.weekly_net * Decimal(every) / Decimal(7)),
        )
        b.schedules.append(s["schedule"])

    def _events(self, s: dict, b: Batch) -> None:
        """The audit rows the services would have written at each stage boundary."""
        p, by = s["person"], s["by"]

        def event(action, obj, summary, actor=by):
            b.events.append(
                AuditEvent(
                    actor=actor,
                    action=action,
                    summary=summary,
                    person=p,
                    object_type=obj._meta.label_lower,
                    object_id=str(obj.pk),
                )
            )

        event("person.added", p, f"Added {p.full_name} to {p.team.name}'s caseload")
        event("contact.recorded", s["contact"], "Recorded a contact")
        if "assessment" in s:
            event("assessment.started", s["assessment"], "Started an assessment")
        if s.get("assessment") and s["assessment"].status == "submitted":
            event("assessment.submitted", s["assessment"], "Completed the assessment")
        if "calc" in s:
            event("budget.indicative_calculated", s["calc"], "Indicative budget worked out")
            event("plan.started", s["plan"], "Started support plan version 1")
        if "decision" in s:
            event("decision.opened", s["decision"], f"Sent to {s['decision'].route} for a decision")
        if "budget" in s:
            event(
                "decision.approved",
                s["decision"],
                "Approved support plan version 1",
                s["decision"].decided_by,
            )
            event("personal_budget.created", s["budget"], "Personal budget set up")


def seed_council(
    *, people: int, seed: int, today: date, batch: int = 2000, password: str, log=print
) -> dict:
    """Generate `people` synthetic people over every stage; returns the counts by stage."""
    seeder, totals, started = (
        Seeder(seed=seed, today=today, password=password),
        dict.fromkeys(STAGE_WEIGHTS, 0),
        time.monotonic(),
    )
    for done in range(0, people, batch):
        with transaction.atomic():
            counts = seeder.write_batch(min(batch, people - done))
        for k, v in counts.items():
            totals[k] += v
        log(f"{done + min(batch, people - done):>8} people  ({time.monotonic() - started:.0f} s)")
    return totals
