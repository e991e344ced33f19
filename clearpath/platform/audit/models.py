"""The audit trail: every state change and every view of a person's record, who and when."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One row per state change (kind=change) or record view (kind=view). Never updated or deleted."""

    class Kind(models.TextChoices):
        CHANGE = "change", "Change"
        VIEW = "view", "View"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
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

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "kind", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"
