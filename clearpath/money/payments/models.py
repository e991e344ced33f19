"""Direct payment schedules and the payments they produce."""

from django.db import models

MONEY = {"max_digits": 12, "decimal_places": 2}


class PaymentSchedule(models.Model):
    """How often, and how much, a direct payment is paid (4-weekly in advance by default)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        STOPPED = "stopped", "Stopped"

    personal_budget = models.OneToOneField(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="payment_schedule"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="payment_schedules"
    )
    every_days = models.PositiveIntegerField()
    amount_per_period = models.DecimalField(**MONEY)
    first_payment_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_payment_on", "id"]


class ScheduledPayment(models.Model):
    """One payment due on a date. `idempotency_key` makes sure it can only ever be made once."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        PAID = "paid", "Paid"
        CANCELLED = "cancelled", "Cancelled"

    schedule = models.ForeignKey(PaymentSchedule, on_delete=models.PROTECT, related_name="payments")
    due_on = models.DateField(db_index=True)
    amount = models.DecimalField(**MONEY)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    idempotency_key = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["due_on", "id"]
