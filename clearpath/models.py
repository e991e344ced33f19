"""Shared model pieces: timestamps and the optimistic-concurrency version number."""

from django.db import models


class Timestamped(models.Model):
    """Created and updated times for every record."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Versioned(Timestamped):
    """A mutable record: `row_version` goes up by one on every change (optimistic locking)."""

    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
