"""Challenges to the sufficiency of a budget (statutory guidance 11.24), and how they were answered."""

from django.conf import settings
from django.db import models

from clearpath.models import Versioned

MONEY = {"max_digits": 12, "decimal_places": 2}


class Challenge(Versioned):
    """The person, their carer, representative or advocate says an indicative or final amount is not enough."""

    class What(models.TextChoices):
        INDICATIVE = "indicative", "Indicative budget"
        FINAL = "final", "Final personal budget"

    class RaisedBy(models.TextChoices):
        PERSON = "person", "The person themselves"
        REPRESENTATIVE = "representative", "A family member or representative"
        CARER = "carer", "A carer"
        ADVOCATE = "advocate", "An independent advocate"

    class Channel(models.TextChoices):
        ONLINE = "online", "Online"
        PHONE = "phone", "By phone"
        LETTER = "letter", "By letter or email"
        IN_PERSON = "in_person", "In person"

    class ContactBy(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        POST = "post", "Post"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        ANSWERED = "answered", "Answered"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "Upheld: the amount will change"
        PARTLY_UPHELD = "partly_upheld", "Partly upheld"
        NOT_UPHELD = "not_upheld", "Not upheld: the amount stays the same"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="challenges")
    what = models.CharField(max_length=12, choices=What.choices)
    calculation = models.ForeignKey(
        "budgets.BudgetCalculation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    budget = models.ForeignKey(
        "budgets.PersonalBudget",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    letter = models.ForeignKey(
        "letters.LetterReference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    amount_challenged = models.DecimalField("weekly amount challenged", **MONEY)
    raised_by = models.CharField(max_length=20, choices=RaisedBy.choices)
    raised_by_name = models.CharField(max_length=200)
    reasons = models.TextField(max_length=4000)
    what_is_needed = models.TextField(max_length=2000, blank=True)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    contact_by = models.CharField(max_length=8, choices=ContactBy.choices)
    contact_details = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_challenges",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField()
    respond_by = models.DateField(help_text="The council's own target for answering.")
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    answer_reasons = models.TextField(max_length=4000, blank=True)
    new_weekly_amount = models.DecimalField(**MONEY, null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["status", "assigned_to"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(what="indicative", calculation__isnull=False, budget__isnull=True)
                    | models.Q(what="final", budget__isnull=False, calculation__isnull=True)
                ),
                name="challenge_one_subject",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The number the person quotes when they ask about their challenge."""
        return f"CH-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def explained_calculation(self):
        """The calculation whose explanation the challenge is about (for a final budget, its plan's)."""
        return self.calculation if self.calculation_id else self.budget.plan.budget_calculation

    @property
    def outcome_tag_class(self) -> str:
        return {
            "upheld": "govuk-tag--green",
            "partly_upheld": "govuk-tag--yellow",
            "not_upheld": "govuk-tag--grey",
        }.get(self.outcome, "govuk-tag--blue")
