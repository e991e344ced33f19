"""Assessments (answers to a versioned question set) and the eligibility decided from them."""

from django.conf import settings
from django.db import models

from clearpath.models import Versioned


class Assessment(Versioned):
    """Answers to one version of a question set. Drafts save as they go; submitted ones never change.

    `answers` maps an outcome code to {"help": level, "ways": [codes], "own_words": text}.
    """

    class Mode(models.TextChoices):
        SELF = "self", "Self-assessment"
        SUPPORTED = "supported", "Supported self-assessment"
        PRACTITIONER = "practitioner", "Practitioner assessment"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Completed"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assessments"
    )
    contact = models.ForeignKey(
        "contacts.Contact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    question_set_ref = models.CharField(max_length=60)
    mode = models.CharField(max_length=20, choices=Mode.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True)
    needs_arise_from_impairment = models.BooleanField(null=True)
    wellbeing_impact = models.BooleanField(null=True)
    wellbeing_words = models.TextField(max_length=2000, blank=True)
    unpaid_care = models.CharField(max_length=20, blank=True)
    needs_fluctuate = models.BooleanField(null=True)
    fluctuation_words = models.TextField(max_length=2000, blank=True)
    outside_ras_needs = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def questions_answered(self) -> int:
        return sum(1 for a in self.answers.values() if a.get("help"))


class EligibilityResult(models.Model):
    """Whether the person's needs meet the national eligibility criteria, with the reasons shown to them."""

    assessment = models.OneToOneField(
        Assessment, on_delete=models.PROTECT, related_name="eligibility"
    )
    eligible = models.BooleanField()
    reasons = models.JSONField(default=list)
    unable_outcomes = models.JSONField(default=list)
    rule = models.CharField(max_length=60)
    question_set_ref = models.CharField(max_length=60)
    decided_at = models.DateTimeField(auto_now_add=True)
