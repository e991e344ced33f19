"""Panels for the exceptions: members and quorum, meetings, agendas built from referred plans,
decisions per item, the letter telling the person, and items carried over."""

from django.conf import settings
from django.db import models

from clearpath.models import Timestamped, Versioned


class Panel(Timestamped):
    """A panel that decides the plans the delegation policy sends to it."""

    name = models.CharField(max_length=120, unique=True)
    quorum = models.PositiveSmallIntegerField(
        help_text="How many members must be present for the panel to decide."
    )
    meets_every_days = models.PositiveSmallIntegerField(
        default=14, help_text="Days between meetings: a carried-over item goes to the next one."
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="panels")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Meeting(Versioned):
    """One meeting of a panel: its agenda, who was present, and whether it has closed."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CLOSED = "closed", "Closed"

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    present = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "held_on"], name="one_meeting_a_day")
        ]


class AgendaItem(Versioned):
    """One referred plan on a meeting's agenda, and what the panel decided on it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        DECIDED = "decided", "Decided"
        CARRIED_OVER = "carried_over", "Carried over"

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved"
        APPROVED_WITH_CHANGES = "approved_with_changes", "Approved with changes"
        RETURNED = "returned", "Returned for changes"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    decision = models.ForeignKey(
        "approvals.Decision", on_delete=models.PROTECT, related_name="agenda_items"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.WAITING)
    carried_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_to"
    )
    outcome = models.CharField(max_length=25, choices=Outcome.choices, blank=True)
    reasons = models.TextField(max_length=4000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "decision"], name="once_per_agenda")
        ]


class OutcomeNotice(Timestamped):
    """The letter telling the person what the panel decided, and why, in plain words."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="notice")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey("approvals.Decision", on_delete=models.PROTECT, related_name="+")
    wording = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
