"""Staff, their teams and roles, delegated approval limits, and API tokens for other systems."""

import hashlib
import secrets
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.db import models


class Team(models.Model):
    """A team of practitioners and managers who hold a caseload together."""

    name = models.CharField(max_length=120, unique=True)
    annual_budget = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text="The team's yearly budget for personal budgets, entered by the council.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StaffMember(AbstractUser):
    """A member of council staff who signs in: role, team and delegated weekly approval limit."""

    class Role(models.TextChoices):
        PRACTITIONER = "practitioner", "Practitioner"
        TEAM_MANAGER = "team_manager", "Team manager"
        PANEL_MEMBER = "panel_member", "Panel member"
        FINANCE_OFFICER = "finance_officer", "Finance officer"
        ADMINISTRATOR = "administrator", "Administrator"

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PRACTITIONER)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    weekly_limit = models.DecimalField(
        "delegated weekly approval limit",
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text="The largest weekly personal budget this person may approve.",
    )

    class Meta:
        ordering = ["last_name", "first_name"]

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR or self.is_superuser


class ApiToken(models.Model):
    """A bearer token another system uses to call the API as a staff member. Only its hash is kept."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Tokens stop working API_TOKEN_DAYS after they are made (90 unless set); make a new one.
    expires_at = models.DateTimeField(null=True, blank=True)

    @property
    def status(self) -> str:
        from django.utils import timezone

        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return "cp_" + secrets.token_urlsafe(32)
