"""Generating each person's journey in memory, field for field as the services write it."""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from clearpath.demo.council import (
    OUTCOMES,
    STAGES,
    SUPPORT_LINES,
    _answers,
    assessment_extras,
    fake_person_details,
    valid_nhs_number,
)
from clearpath.demo.seed.journey import (
    CONTACT_SUMMARIES,
    LED_BY,
    LINE_FREQUENCY,
    REPRESENTATIVE_KINDS,
    RETURN_REASONS,
    RETURNED_SHARE,
    STAGE_SHARES,
    WHAT_MATTERS,
    Batch,
    Clock,
    _manager_limits,
)
from clearpath.journey.approvals.models import Decision
from clearpath.journey.assessments.models import Assessment, EligibilityResult
from clearpath.journey.budgets.models import BudgetCalculation, PersonalBudget
from clearpath.journey.budgets.services import budget_calculation_from, compute, ras_inputs
from clearpath.journey.contacts.models import Contact
from clearpath.journey.people.models import Person, Representative
from clearpath.journey.plans.models import PlanLine, PlanOutcome, SupportPlan
from clearpath.journey.reviews.models import Review
from clearpath.money.payments.models import PaymentSchedule
from clearpath.platform.accounts.models import StaffMember
from domain import rulepacks
from domain.delegation import due_by, effective_limits, panel_triggers, route_plan
from domain.eligibility import decide_adult_eligibility
from domain.money import annual_from_weekly, format_money, to_money, weekly_cost
from domain.reviews import direct_payment_review_due, first_review_due, payment_dates

Role = StaffMember.Role


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
        extras = assessment_extras(int(person.nhs_number or 0))
        assessment.needs_fluctuate = extras["needs_fluctuate"]
        assessment.fluctuation_words = extras["fluctuation_words"]
        assessment.outside_ras_needs = extras["outside_ras_needs"]
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
                due_on=due_by(self.delegation, route.route, timezone.localdate(at)),
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
            outside_ras=calc.outside_ras,
        )
        limit = practitioner.weekly_limit if practitioner.role == Role.PRACTITIONER else 0
        own_weekly, own_annual = effective_limits(policy, "practitioner", limit)
        top_weekly, top_annual = effective_limits(
            policy, "manager", self.manager_limits[person.team_id]
        )
        return route_plan(
            policy=policy,
            plan_weekly=plan.weekly_total,
            indicative_weekly=calc.weekly_amount,
            practitioner_limit_weekly=own_weekly,
            manager_limit_weekly=top_weekly,
            triggers=triggers,
            practitioner_limit_annual=own_annual,
            manager_limit_annual=top_annual,
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
