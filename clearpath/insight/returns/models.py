"""Statutory returns: a record of each Client Level Data extract produced, and by whom."""

from django.conf import settings
from django.db import models


class ReturnRun(models.Model):
    """One Client Level Data extract: the quarter it ends, what it held and what would fail."""

    period_start = models.DateField()
    period_end = models.DateField(db_index=True)
    spec_ref = models.CharField(max_length=60)
    rows = models.PositiveIntegerField()
    people = models.PositiveIntegerField()
    failing_rows = models.PositiveIntegerField()
    failures = models.PositiveIntegerField()
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
