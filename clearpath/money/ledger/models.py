"""The append-only ledger: balanced entries of postings. Nothing here is ever changed or deleted.

The model refuses updates and deletes; on PostgreSQL a trigger refuses them too (and on SQLite
a trigger refuses updates), so not even a stray `.update()` or raw SQL can rewrite history.
A correction is a new entry.
"""

from django.db import models

from domain.ledger import Account, Kind


class AppendOnlyError(Exception):
    """Someone tried to change or delete a ledger row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The ledger is append-only: add a correcting entry instead")

    def delete(self):
        raise AppendOnlyError("The ledger is append-only: add a correcting entry instead")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The ledger is append-only: add a correcting entry instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The ledger is append-only: add a correcting entry instead")


class LedgerEntry(AppendOnly):
    """One balanced movement of money for one person's agreement (their personal budget)."""

    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in Kind])
    key = models.CharField(max_length=120, unique=True, help_text="Idempotency key")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    personal_budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    effective_on = models.DateField()
    description = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        "accounts.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        indexes = [models.Index(fields=["personal_budget", "kind"])]


class LedgerLine(AppendOnly):
    """A posting: debit positive, credit negative. An entry's lines always sum to zero."""

    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.CharField(max_length=20, choices=[(a.value, a.value) for a in Account])
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    plan_line = models.ForeignKey(
        "plans.PlanLine", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Copied from the entry so balances per agreement are one indexed sum.
    personal_budget = models.ForeignKey(
        "budgets.PersonalBudget", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["personal_budget", "account"])]
