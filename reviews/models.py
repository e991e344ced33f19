"""Reviews of care and support plans (Care Act s27) and of direct payments."""

from django.db import models


class Review(models.Model):
    """A review that falls due on a date, set from the review policy."""

    class Kind(models.TextChoices):
        FIRST = "first", "First review (6 to 8 weeks)"
        ANNUAL = "annual", "Annual review"
        DIRECT_PAYMENT = "direct_payment", "Direct payment review"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        COMPLETED = "completed", "Completed"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="reviews")
    personal_budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField(db_index=True)
    latest_on = models.DateField(null=True, blank=True)
    policy_ref = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
