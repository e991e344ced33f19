"""Budget letters: each printable letter has a short, unguessable reference code.

The reference is what the person quotes to challenge the amount online, with their date of birth.
"""

from django.conf import settings
from django.db import models


class LetterReference(models.Model):
    """The reference code printed on one budget letter: indicative (a calculation) or final (a budget)."""

    class Kind(models.TextChoices):
        INDICATIVE = "indicative", "Indicative budget"
        FINAL = "final", "Final personal budget"

    code = models.CharField(max_length=14, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="letter_references"
    )
    calculation = models.OneToOneField(
        "budgets.BudgetCalculation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letter_reference",
    )
    budget = models.OneToOneField(
        "budgets.PersonalBudget",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letter_reference",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="indicative", calculation__isnull=False, budget__isnull=True)
                    | models.Q(kind="final", budget__isnull=False, calculation__isnull=True)
                ),
                name="letter_reference_one_subject",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def weekly_amount(self):
        """The weekly amount the letter tells the person about."""
        return self.calculation.weekly_amount if self.calculation_id else self.budget.weekly_gross
