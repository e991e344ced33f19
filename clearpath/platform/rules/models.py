"""The council's rule-pack registry: versions it has loaded (never edited) and which one is active."""

from django.conf import settings
from django.db import models


class RulePackVersion(models.Model):
    """One rule-pack version loaded by the council, kept word for word with its fingerprint.

    Versions shipped with Clearpath are files in domain/rulepacks/ and are not copied here.
    A loaded version is never edited or deleted: a change is a new version number.
    """

    kind = models.CharField(max_length=40)
    pack_id = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    source = models.TextField()
    demo = models.BooleanField()
    effective_from = models.DateField()
    text = models.TextField()
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=200, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["kind", "pack_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "pack_id", "version"], name="one_text_per_rule_pack_version"
            )
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A loaded rule-pack version is never edited; load a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A loaded rule-pack version is never deleted")

    @property
    def ref(self) -> str:
        return f"{self.pack_id}@{self.version}"


class Activation(models.Model):
    """From this moment new work of this kind uses this version. Append-only: the latest wins."""

    kind = models.CharField(max_length=40)
    pack_id = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    reason = models.TextField(blank=True)
    activated_at = models.DateTimeField(auto_now_add=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-activated_at", "-id"]
        indexes = [models.Index(fields=["kind", "-id"], name="activation_latest_by_kind")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("An activation is never edited; activate another version instead")
        super().save(*args, **kwargs)

    @property
    def ref(self) -> str:
        return f"{self.pack_id}@{self.version}"
