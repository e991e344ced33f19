"""The RAS lab's record of each back-test: who ran it, on which cases and model versions."""

from django.conf import settings
from django.db import models


class LabRun(models.Model):
    """One back-test of historical cases against one model (or two, side by side).

    The cases and each model's rule-pack text are kept as they were, so the results can be worked
    out again, exactly, whenever they are looked at."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lab_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    case_count = models.PositiveIntegerField()
    question_set_ref = models.CharField(max_length=80)
    model_ref = models.CharField(max_length=80)
    model_uploaded = models.BooleanField(default=False)
    model_toml = models.TextField()
    compare_ref = models.CharField(max_length=80, blank=True)
    compare_uploaded = models.BooleanField(default=False)
    compare_toml = models.TextField(blank=True)
    cases_csv = models.TextField()
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"RAS lab run {self.pk}: {self.model_ref}, {self.case_count} cases"
