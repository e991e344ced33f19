"""Reviews of care and support plans (Care Act s27) and of direct payments."""

from django.conf import settings
from django.db import models

from domain import rulepacks


class Review(models.Model):
    """A review that falls due on a date, set from the review policy, and what it found."""

    class Kind(models.TextChoices):
        FIRST = "first", "First review (6 to 8 weeks)"
        ANNUAL = "annual", "Annual review"
        DIRECT_PAYMENT = "direct_payment", "Direct payment review"
        TRIGGERED = "triggered", "Review after a change"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Due"
        REASSESSING = "reassessing", "Full review under way"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "No longer needed"

    OPEN = (Status.SCHEDULED, Status.REASSESSING)

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reviews")
    personal_budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField(db_index=True)
    latest_on = models.DateField(null=True, blank=True)
    policy_ref = models.CharField(max_length=60)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)
    row_version = models.PositiveIntegerField(default=1)
    # Why a review was asked for (a trigger in the review policy) and by whom.
    trigger = models.CharField(max_length=40, blank=True)
    trigger_details = models.TextField(max_length=2000, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The light-touch answers: changed, what_changed, needs_met, own_words, money_ok, anything_else.
    answers = models.JSONField(default=dict, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by_person = models.BooleanField(default=False)
    method = models.CharField(max_length=20, blank=True)
    # The statutory return (CLD Review module): reason, outcome, outcomes achieved.
    cld_reason = models.CharField(max_length=20, blank=True)
    outcome = models.CharField(max_length=40, blank=True)
    outcomes_achieved = models.CharField(max_length=20, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    auto_confirmed = models.BooleanField(default=False)
    # A full review: the reassessment, the revised plan and why a budget goes down.
    reassessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    revised_plan = models.ForeignKey(
        "plans.SupportPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    reduction_reasons = models.TextField(max_length=4000, blank=True)
    next_review = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def nothing_changed(self) -> bool:
        from domain.reviews import nothing_changed

        return nothing_changed(self.answers or {})

    def _label(self, list_name: str, code: str) -> str:
        return rulepacks.review_policy(self.policy_ref).label(list_name, code) if code else ""

    def get_trigger_display(self) -> str:
        return self._label("triggers", self.trigger)

    def get_cld_reason_display(self) -> str:
        return self._label("review_reasons", self.cld_reason)

    def get_outcome_display(self) -> str:
        return self._label("review_outcomes", self.outcome)

    def get_method_display(self) -> str:
        return self._label("methods", self.method)

    def get_outcomes_achieved_display(self) -> str:
        return self._label("outcomes_achieved", self.outcomes_achieved)


class ReviewLink(models.Model):
    """A link the person uses to answer their light-touch review: secret, expiring, single-use.

    Only a hash of the token is kept, so the database never holds a working link."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
