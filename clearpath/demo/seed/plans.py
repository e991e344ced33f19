"""Generating the plan half of each person's journey: costed lines, the plan, its route and
decision, and the personal budget with its payments and reviews (CouncilGenerator's parent)."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from clearpath.demo.council import (
    OUTCOMES,
    SUPPORT_LINES,
)
from clearpath.demo.seed.journey import (
    LED_BY,
    LINE_FREQUENCY,
    RETURN_REASONS,
    RETURNED_SHARE,
    WHAT_MATTERS,
)
from clearpath.journey.approvals.models import Decision
from clearpath.journey.budgets.models import PersonalBudget
from clearpath.journey.plans.models import PlanLine, PlanOutcome, SupportPlan
from clearpath.journey.reviews.models import Review
from clearpath.money.payments.models import PaymentSchedule
from clearpath.platform.accounts.models import StaffMember
from domain.delegation import due_by, effective_limits, panel_triggers, route_plan
from domain.money import annual_from_weekly, format_money, to_money, weekly_cost
from domain.reviews import direct_payment_review_due, first_review_due, payment_dates

Role = StaffMember.Role


class PlanStages:
    """The support plan onwards, for CouncilGenerator (generator.py), which holds the state."""

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
