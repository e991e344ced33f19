"""Decisions on support plans, routed by the delegation policy."""

from django.conf import settings
from django.db import models

from clearpath.models import Versioned

MONEY = {"max_digits": 12, "decimal_places": 2}


class Decision(Versioned):
    """The sign-off of one submitted plan: who may decide (route) and why, and what they decided.

    Records the rule-pack versions used so the route can be explained and re-checked later.
    """

    class Route(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        MANAGER = "manager", "Team manager"
        PANEL = "panel", "Panel"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for changes"
        REFERRED = "referred", "Referred onwards"

    plan = models.ForeignKey(
        "plans.SupportPlan", on_delete=models.PROTECT, related_name="decisions"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="decisions")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="decisions")
    route = models.CharField(max_length=20, choices=Route.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    reasons = models.JSONField(default=list)
    triggers = models.JSONField(default=list)
    policy_ref = models.CharField(max_length=60)
    ras_model_ref = models.CharField(max_length=60)
    question_set_ref = models.CharField(max_length=60)
    plan_weekly = models.DecimalField(**MONEY)
    indicative_weekly = models.DecimalField(**MONEY)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    # Approve with changes: the weekly amount agreed when it differs from the plan's cost.
    approved_weekly = models.DecimalField(**MONEY, null=True, blank=True)
    # Refer onwards: the decision this one was referred from (same plan, a higher route).
    referred_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="referred_to"
    )
    # The day the policy's time limit for this route runs out (None: the policy sets none).
    due_on = models.DateField(null=True, blank=True)

    @property
    def agreed_weekly(self):
        """The weekly amount the decision agreed: the changed amount, or the plan's cost."""
        return self.approved_weekly if self.approved_weekly is not None else self.plan_weekly

    @property
    def with_changes(self) -> bool:
        return self.approved_weekly is not None

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["status", "route", "team"])]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(status="pending"),
                name="one_pending_decision_per_plan",
            )
        ]
