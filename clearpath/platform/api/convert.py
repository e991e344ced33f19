"""Model → API output shapes (one place, so the web and API show the same facts)."""

from clearpath.platform.api import schemas as s


def person_out(p) -> dict:
    return s.PersonOut(
        id=p.pk,
        reference=p.reference,
        first_name=p.first_name,
        last_name=p.last_name,
        date_of_birth=p.date_of_birth,
        nhs_number=p.nhs_number,
        address=p.address,
        postcode=p.postcode,
        email=p.email,
        phone=p.phone,
        primary_support_reason=p.primary_support_reason,
        has_dementia=p.has_dementia,
        in_transition=p.in_transition,
        team=p.team.name,
        stage=p.stage,
        row_version=p.row_version,
    ).model_dump()


def calc_out(c) -> dict | None:
    if c is None:
        return None
    return s.BudgetCalculationOut(
        id=c.pk,
        model_ref=c.model_ref,
        question_set_ref=c.question_set_ref,
        points=c.points,
        adjusted_points=c.adjusted_points,
        weekly_amount=c.weekly_amount,
        annual_amount=c.annual_amount,
        demo=c.demo,
        capped=c.capped,
        outside_ras=c.outside_ras,
        explanation=c.explanation,
        arithmetic=c.arithmetic,
        what_would_change=c.what_would_change,
    ).model_dump()


def assessment_out(a, missing=()) -> dict:
    from clearpath.journey.assessments.models import EligibilityResult
    from clearpath.journey.budgets.models import BudgetCalculation

    elig = EligibilityResult.objects.filter(assessment=a).first()
    calc = BudgetCalculation.objects.filter(assessment=a).first()
    return s.AssessmentOut(
        id=a.pk,
        person_id=a.person_id,
        question_set_ref=a.question_set_ref,
        mode=a.mode,
        status=a.status,
        answers=a.answers,
        needs_arise_from_impairment=a.needs_arise_from_impairment,
        wellbeing_impact=a.wellbeing_impact,
        wellbeing_words=a.wellbeing_words,
        unpaid_care=a.unpaid_care,
        needs_fluctuate=a.needs_fluctuate,
        fluctuation_words=a.fluctuation_words,
        outside_ras_needs=a.outside_ras_needs,
        row_version=a.row_version,
        missing=[s.FieldError(field=f, message=m) for f, m in missing],
        eligibility=s.EligibilityOut(
            eligible=elig.eligible,
            reasons=elig.reasons,
            unable_outcomes=elig.unable_outcomes,
            rule=elig.rule,
        )
        if elig
        else None,
        budget=calc_out(calc),
    ).model_dump()


def plan_out(p) -> dict:
    return s.PlanOut(
        id=p.pk,
        person_id=p.person_id,
        number=p.number,
        status=p.status,
        led_by=p.led_by,
        what_matters=p.what_matters,
        deployment=p.deployment,
        weekly_total=p.weekly_total,
        indicative_weekly=p.budget_calculation.weekly_amount,
        outcomes=[o.text for o in p.outcomes.all()],
        lines=[
            s.PlanLineOut(
                description=line.description,
                unit_cost=line.unit_cost,
                quantity=line.quantity,
                frequency=line.frequency,
                weekly_cost=line.weekly_cost,
                source=line.source,
                working=line.working,
            )
            for line in p.lines.all()
        ],
        row_version=p.row_version,
        format=p.format,
        risks=[{"risk": r.risk, "how_managed": r.how_managed} for r in p.risks.all()],
        contingency=p.contingency,
        money_notes=p.money_notes,
    ).model_dump()


def decision_out(d) -> dict:
    return s.DecisionOut(
        id=d.pk,
        plan_id=d.plan_id,
        person_id=d.person_id,
        route=d.route,
        status=d.status,
        reasons=d.reasons,
        triggers=d.triggers,
        policy_ref=d.policy_ref,
        ras_model_ref=d.ras_model_ref,
        question_set_ref=d.question_set_ref,
        plan_weekly=d.plan_weekly,
        indicative_weekly=d.indicative_weekly,
        submitted_at=d.submitted_at,
        decided_at=d.decided_at,
        note=d.note,
        row_version=d.row_version,
        approved_weekly=d.approved_weekly,
        due_on=d.due_on,
        referred_from_id=d.referred_from_id,
    ).model_dump()


def budget_out(b) -> dict:
    schedule = getattr(b, "payment_schedule", None)
    return s.PersonalBudgetOut(
        id=b.pk,
        weekly_gross=b.weekly_gross,
        annual_gross=b.annual_gross,
        weekly_contribution=b.weekly_contribution,
        weekly_net=b.weekly_net,
        deployment=b.deployment,
        starts_on=b.starts_on,
        explanation=list(b.explanation()),
        indicative=calc_out(b.plan.budget_calculation),
        payment_every_days=schedule.every_days if schedule else None,
        amount_per_payment=schedule.amount_per_period if schedule else None,
        payments=[
            s.PaymentOut(due_on=p.due_on, amount=p.amount, status=p.status)
            for p in schedule.payments.all()
        ]
        if schedule
        else [],
        reviews=[
            s.ReviewOut(kind=r.kind, due_on=r.due_on, status=r.status) for r in b.reviews.all()
        ],
    ).model_dump()
