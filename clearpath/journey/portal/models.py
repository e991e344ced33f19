"""The portal: the person, a representative or a helper they name signs in with a one-time link
and, within the consent the person gave, works on the person's own record."""

from django.db import models
from django.utils import timezone

SCOPES = {
    "assessment": "Fill in and send the self-assessment",
    "budget": "See eligibility and the budget",
    "plan": "Build and send the support plan",
    "documents": "See and upload documents",
    "messages": "See decisions and messages",
}


class PortalAccount(models.Model):
    """Someone who may sign in to the portal for one person (the person themself, or someone
    acting for them). A helper sees nothing without the person's current consent."""

    class Role(models.TextChoices):
        PERSON = "person", "The person"
        REPRESENTATIVE = "representative", "Representative"
        HELPER = "helper", "Helper"

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="portal_accounts"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["role", "name", "id"]
        indexes = [models.Index(fields=["email"]), models.Index(fields=["phone"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display().lower()})"

    @property
    def is_person(self) -> bool:
        return self.role == self.Role.PERSON


class Consent(models.Model):
    """The person's consent for someone to act for them in the portal: what, until when.
    Recorded, time-limited and revocable; never edited (a change is a new consent)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(PortalAccount, on_delete=models.PROTECT, related_name="consents")
    scopes = models.JSONField(default=list)
    given_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField()
    how_given = models.CharField(max_length=200)
    recorded_by_name = models.CharField(max_length=200)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]

    def is_current(self, today) -> bool:
        return self.revoked_at is None and self.expires_on >= today

    def scope_labels(self) -> list[str]:
        return [SCOPES[s] for s in self.scopes if s in SCOPES]


class SignInLink(models.Model):
    """A one-time sign-in link: only its hash is kept; it expires and works once."""

    account = models.ForeignKey(PortalAccount, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.expires_at


class AccessLog(models.Model):
    """Every page a representative or helper opened on the person's record; the person sees it."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(PortalAccount, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=200)
    allowed = models.BooleanField(default=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"])]


class Message(models.Model):
    """A message between the person (or someone acting for them) and the council."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    from_council = models.BooleanField()
    author_name = models.CharField(max_length=200)
    text = models.TextField(max_length=4000)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]


class SentToCouncil(models.Model):
    """The person sent their self-assessment or plan to the council: the staff see exactly what
    was entered (it is the same record), and check it with the person instead of asking again."""

    class What(models.TextChoices):
        ASSESSMENT = "assessment", "Self-assessment, for a supported check"
        PLAN = "plan", "Support plan"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=20, choices=What.choices)
    assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portal_sent",
    )
    plan = models.ForeignKey(
        "plans.SupportPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="portal_sent",
    )
    account = models.ForeignKey(PortalAccount, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]


class OutboxMessage(models.Model):
    """What the local (development) Notify backend would have sent: visible, never delivered."""

    channel = models.CharField(max_length=10)
    to = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
