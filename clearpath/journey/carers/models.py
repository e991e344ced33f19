"""Carer's assessments (SI 2015/313 reg 3) and the separate carer budget worked out from them."""

from django.conf import settings
from django.db import models

from clearpath.models import Versioned

MONEY = {"max_digits": 12, "decimal_places": 2}


class CarerAssessment(Versioned):
    """A carer's assessment. `person` is the carer (a person the council knows); `cared_for` is
    the adult they look after, if the council knows them too.

    `answers` maps an outcome code to {"ways": [reg 3(3) way codes], "none": bool, "own_words": text};
    "none" means the carer can achieve the outcome (or it does not apply).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="carer_assessments"
    )
    cared_for = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carer_assessments_about",
    )
    question_set_ref = models.CharField(max_length=60)
    allocation_ref = models.CharField(max_length=60, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    necessary_care = models.BooleanField(null=True)
    health_at_risk = models.BooleanField(null=True)
    wellbeing_impact = models.BooleanField(null=True)
    wellbeing_words = models.TextField(max_length=2000, blank=True)
    needs_fluctuate = models.BooleanField(null=True)
    fluctuation = models.TextField(max_length=2000, blank=True)
    eligible = models.BooleanField(null=True)
    reasons = models.JSONField(default=list, blank=True)
    unable_outcomes = models.JSONField(default=list, blank=True)
    rule = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class CarerBudget(models.Model):
    """An immutable snapshot of one carer allocation: inputs, model version, amount and working.

    It can be recomputed exactly from `inputs` with the carer allocation at `model_ref`.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="carer_budgets"
    )
    assessment = models.OneToOneField(
        CarerAssessment, on_delete=models.PROTECT, related_name="budget"
    )
    model_ref = models.CharField(max_length=60)
    inputs = models.JSONField()
    points = models.PositiveIntegerField()
    band = models.CharField(max_length=100)
    amount = models.DecimalField(**MONEY)
    period = models.CharField(max_length=10)
    annual_amount = models.DecimalField(**MONEY)
    capped = models.BooleanField(default=False)
    demo = models.BooleanField(default=False)
    explanation = models.JSONField(default=list)
    arithmetic = models.JSONField(default=list)
    what_would_change = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def per(self) -> str:
        return "a week" if self.period == "weekly" else "a year"
