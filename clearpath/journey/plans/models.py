"""Support plans led by the person: outcomes in their words and costed lines."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from clearpath.models import Versioned
from domain import rulepacks
from domain.money import FREQUENCY_LABELS, Frequency
from domain.plan_changes import what_changed


class SupportPlan(Versioned):
    """A version of a person's care and support plan (Care Act s25). Approved plans never change."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for a decision"
        RETURNED = "returned", "Returned for changes"
        APPROVED = "approved", "Approved"

    class Format(models.TextChoices):
        TEMPLATE = "template", "Written in Clearpath"
        OWN = "own", "In the person's own format"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plans")
    budget_calculation = models.ForeignKey(
        "budgets.BudgetCalculation", on_delete=models.PROTECT, related_name="plans"
    )
    number = models.PositiveIntegerField(default=1, help_text="Plan version for this person.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    led_by = models.CharField(max_length=30)
    what_matters = models.TextField("what matters to me", max_length=4000, blank=True)
    deployment = models.CharField(max_length=30, default="direct_payment")
    money_notes = models.TextField(
        "how the money will be managed, in detail", max_length=2000, blank=True
    )
    contingency = models.TextField("contingency plan", max_length=4000, blank=True)
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.TEMPLATE)
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    weekly_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="one_plan_number_per_person")
        ]

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def get_led_by_display(self) -> str:
        return rulepacks.codes().label("plan_led_by", self.led_by)

    def get_deployment_display(self) -> str:
        return rulepacks.codes().label("deployments", self.deployment)

    def snapshot(self) -> dict:
        """The parts of the plan that `domain.plan_changes.what_changed` compares."""
        return {
            "what_matters": self.what_matters,
            "deployment": self.get_deployment_display(),
            "money_notes": self.money_notes,
            "contingency": self.contingency,
            "outcomes": [o.text for o in self.outcomes.all()],
            "risks": [r.risk for r in self.risks.all()],
            "lines": {line.description: line.weekly_cost for line in self.lines.all()},
            "weekly_total": self.weekly_total,
        }

    def what_changed(self) -> list[str] | None:
        """What changed since the version this one replaced (None for a first plan)."""
        if self.previous_id is None:
            return None
        return what_changed(self.previous.snapshot(), self.snapshot())


class PlanOutcome(models.Model):
    """Something the person wants to achieve, in their own words."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField(max_length=1000)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class PlanLine(models.Model):
    """One costed piece of support: what, how much each time, how many, how often."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(max_length=200)
    unit_cost = models.DecimalField(max_digits=10, decimal_places=2)
    quantity = models.DecimalField(max_digits=8, decimal_places=2)
    frequency = models.CharField(
        max_length=20, choices=[(f.value, FREQUENCY_LABELS[f]) for f in Frequency]
    )
    weekly_cost = models.DecimalField(max_digits=12, decimal_places=2)
    position = models.PositiveIntegerField(default=0)
    # Where the cost came from, and how it was worked out (e.g. the PA employer calculation).
    source = models.CharField(max_length=60, blank=True)
    working = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["position", "id"]


class PlanRisk(models.Model):
    """A risk the person chooses to take, and how it will be managed (risk enablement)."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="risks")
    risk = models.TextField(max_length=1000)
    how_managed = models.TextField(max_length=1000)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


class PlanDocument(models.Model):
    """A document uploaded for a person: a plan in their own format, or evidence.

    Kept in the database so every download goes through the access gateway; the type is the one
    its content shows (plans/uploads.py), never the name's extension alone."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="documents")
    plan = models.ForeignKey(
        SupportPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    description = models.CharField(max_length=200, blank=True)
    uploaded_by = models.CharField(max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
