"""Indicative budgets (immutable RAS calculations) and personal budgets once a plan is approved."""

from decimal import Decimal

from django.db import models

from clearpath.models import Versioned

MONEY = {"max_digits": 12, "decimal_places": 2}


class BudgetCalculation(models.Model):
    """An immutable snapshot of one RAS calculation: its inputs, model version, points and explanation.

    Any past budget can be recomputed exactly from `inputs` with the model at `model_ref`.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="budget_calculations"
    )
    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="budget_calculation"
    )
    model_ref = models.CharField(max_length=60)
    question_set_ref = models.CharField(max_length=60)
    inputs = models.JSONField()
    points = models.DecimalField(max_digits=8, decimal_places=2)
    adjusted_points = models.DecimalField(max_digits=8, decimal_places=2)
    weekly_amount = models.DecimalField(**MONEY)
    annual_amount = models.DecimalField(**MONEY)
    capped = models.BooleanField(default=False)
    outside_ras = models.BooleanField(default=False)
    demo = models.BooleanField(default=False)
    factors = models.JSONField(default=list)
    explanation = models.JSONField(default=list)
    arithmetic = models.JSONField(default=list)
    what_would_change = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class PersonalBudget(Versioned):
    """The money agreed to meet a person's eligible needs, and how it is deployed (Care Act s26)."""

    class Deployment(models.TextChoices):
        DIRECT_PAYMENT = "direct_payment", "Direct payment"
        COUNCIL_MANAGED = "council_managed", "Council-managed account"
        INDIVIDUAL_SERVICE_FUND = "individual_service_fund", "Individual service fund"
        MIXED = "mixed", "Mixed arrangement"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="personal_budgets"
    )
    plan = models.OneToOneField(
        "plans.SupportPlan", on_delete=models.PROTECT, related_name="personal_budget"
    )
    decision = models.OneToOneField(
        "approvals.Decision", on_delete=models.PROTECT, related_name="personal_budget"
    )
    weekly_gross = models.DecimalField(**MONEY)
    annual_gross = models.DecimalField(**MONEY)
    weekly_contribution = models.DecimalField(**MONEY, default=Decimal("0.00"))
    weekly_net = models.DecimalField(**MONEY)
    deployment = models.CharField(max_length=30, choices=Deployment.choices)
    starts_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        ordering = ["-starts_on", "-id"]

    def explanation(self) -> tuple[str, ...]:
        """The budget in words for the person: what it pays for, and the change from the first figure."""
        from domain.explain import final_budget_explanation

        return final_budget_explanation(
            weekly=self.weekly_gross,
            annual=self.annual_gross,
            indicative_weekly=self.plan.budget_calculation.weekly_amount,
            lines=[(line.description, line.weekly_cost) for line in self.plan.lines.all()],
            deployment=self.get_deployment_display(),
        )
