"""The audit trail: every state change and every view of a person's record, who and when."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """One row per state change (kind=change) or record view (kind=view). Never updated or deleted.

    The database refuses UPDATE and DELETE (a trigger, migration 0004), and each row carries the hash
    of the row before it and of its own content (chain.py), so a change made around the trigger shows.
    """

    class Kind(models.TextChoices):
        CHANGE = "change", "Change"
        VIEW = "view", "View"

    # Set before the row is hashed (not auto_now_add, which is set too late, at save).
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    changes = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, default="", editable=False)
    row_hash = models.CharField(max_length=64, default="", editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditChainHead(models.Model):
    """The hash of the newest audit row: one row, locked by each writer so rows chain in id order."""

    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain head {self.last_hash[:12]}"
