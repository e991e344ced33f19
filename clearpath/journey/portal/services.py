"""Portal state changes: accounts, consent, one-time links, what the person sends the council.

Everything a person or helper does in the portal is done through the same services as staff use
(assessments, plans, documents) with the portal's system actor, and an audit row naming the
person who really did it."""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from clearpath.errors import ServiceError
from clearpath.journey.people.models import Person
from clearpath.journey.portal.links import (  # noqa: F401 - the portal's services, in one place
    LINKS_PER_HOUR,
    _digits,
    _hash,
    queue_link,
    request_link,
    send_link,
)
from clearpath.journey.portal.models import (
    SCOPES,
    AccessLog,
    Consent,
    Message,
    PortalAccount,
    SentToCouncil,
    SignInLink,
)
from clearpath.platform.audit.services import record_event

SYSTEM_USERNAME = "portal-system"
MAX_CONSENT_DAYS = 3 * 366  # council policy (configurable in code review): consent is time-limited


def system_actor():
    """The (never signed-in) staff record that portal changes are made under; the audit summary
    names the person or helper who made them."""
    from clearpath.platform.accounts.models import StaffMember

    user, created = StaffMember.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Online", "last_name": "portal", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _audit(*, actor, action, obj, person, summary, changes=None):
    return record_event(
        actor=actor, action=action, obj=obj, person=person, summary=summary, changes=changes
    )


def create_account(
    *,
    person: Person,
    role: str,
    name: str,
    email: str = "",
    phone: str = "",
    relationship: str = "",
    created_by_name: str,
    actor=None,
) -> PortalAccount:
    """Someone who may sign in for this person. Needs an email address or mobile number."""
    name, email, phone = name.strip(), email.strip().lower(), phone.strip()
    if role not in PortalAccount.Role.values:
        raise ServiceError("Choose who this is", field="role")
    if not name:
        raise ServiceError("Enter their name", field="name")
    if not email and not phone:
        raise ServiceError("Enter an email address or a mobile number", field="email")
    if phone and not re.fullmatch(r"0\d{9,10}", _digits(phone)):
        raise ServiceError("Enter a UK mobile number, like 07700 900 982", field="phone")
    phone = _digits(phone)  # kept as digits, so a link request finds it with one query
    if (
        role == PortalAccount.Role.PERSON
        and person.portal_accounts.filter(role=PortalAccount.Role.PERSON, active=True).exists()
    ):
        raise ServiceError("The person already has online access", field="role")
    account = PortalAccount.objects.create(
        person=person,
        role=role,
        name=name,
        email=email,
        phone=phone,
        relationship=relationship.strip()[:100],
        created_by_name=created_by_name[:200],
    )
    _audit(
        actor=actor or system_actor(),
        action="portal.account_added",
        obj=account,
        person=person,
        summary=f"{created_by_name} gave online access to {account}",
        changes={"role": role, "email": email, "phone": phone},
    )
    return account


@transaction.atomic
def give_consent(
    *,
    account: PortalAccount,
    scopes: list[str],
    expires_on: date,
    how_given: str,
    recorded_by_name: str,
    today: date,
    actor=None,
) -> Consent:
    """Record the person's consent for `account` to act for them: what, and until when."""
    if account.is_person:
        raise ServiceError("The person does not need consent to see their own record")
    scopes = [s for s in SCOPES if s in set(scopes)]
    if not scopes:
        raise ServiceError("Choose at least one thing they can help with", field="scopes")
    if expires_on <= today:
        raise ServiceError("The end date must be in the future", field="expires_on")
    if expires_on > today + timedelta(days=MAX_CONSENT_DAYS):
        raise ServiceError(
            "Consent can last up to 3 years. Choose an earlier end date", field="expires_on"
        )
    consent = Consent.objects.create(
        person=account.person,
        account=account,
        scopes=scopes,
        expires_on=expires_on,
        how_given=how_given.strip()[:200] or "In the portal",
        recorded_by_name=recorded_by_name[:200],
    )
    _audit(
        actor=actor or system_actor(),
        action="portal.consent_given",
        obj=consent,
        person=account.person,
        summary=f"Consent recorded for {account} until {expires_on:%d %B %Y} ({recorded_by_name})",
        changes={"scopes": scopes, "expires_on": expires_on},
    )
    return consent


@transaction.atomic
def revoke_consent(*, consent: Consent, by_name: str, actor=None) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_at is None:
        consent.revoked_at, consent.revoked_by_name = timezone.now(), by_name[:200]
        consent.save(update_fields=["revoked_at", "revoked_by_name"])
        _audit(
            actor=actor or system_actor(),
            action="portal.consent_revoked",
            obj=consent,
            person=consent.person,
            summary=f"Consent for {consent.account} withdrawn by {by_name}",
        )
    return consent


@transaction.atomic
def add_helper(
    *,
    by: PortalAccount,
    name: str,
    email: str,
    phone: str,
    relationship: str,
    scopes: list[str],
    expires_on: date,
    today: date,
) -> PortalAccount:
    """The person names a helper and gives consent, in one step."""
    if not by.is_person:
        raise ServiceError("Only the person can choose who helps them")
    account = create_account(
        person=by.person,
        role=PortalAccount.Role.HELPER,
        name=name,
        email=email,
        phone=phone,
        relationship=relationship,
        created_by_name=by.name,
    )
    give_consent(
        account=account,
        scopes=scopes,
        expires_on=expires_on,
        how_given="In the portal",
        recorded_by_name=by.name,
        today=today,
    )
    return account


# --- One-time links -----------------------------------------------------------------------


@transaction.atomic
def use_link(*, token: str) -> tuple[PortalAccount | None, str]:
    """The account a link signs in, once: (account, "") or (None, "unknown"|"expired"|"used")."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("account", "account__person")
        .filter(token_hash=_hash(token or ""))
        .first()
    )
    if link is None or not link.account.active:
        return None, "unknown"
    if link.used_at is not None:
        return None, "used"
    if link.expired:
        return None, "expired"
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    _audit(
        actor=system_actor(),
        action="portal.signed_in",
        obj=link.account,
        person=link.account.person,
        summary=f"{link.account} signed in to the portal",
    )
    return link.account, ""


# --- What an account may do ---------------------------------------------------------------


@dataclass(frozen=True)
class PortalAccess:
    account: PortalAccount
    scopes: frozenset = field(default_factory=frozenset)

    @property
    def person(self) -> Person:
        return self.account.person

    def can(self, scope: str) -> bool:
        return scope in self.scopes


def access_for(account: PortalAccount, *, today: date) -> PortalAccess:
    """The person sees everything of their own; anyone else only what a current consent gives."""
    if account.is_person:
        return PortalAccess(account, frozenset(SCOPES))
    scopes = set()
    for consent in account.consents.filter(revoked_at__isnull=True, expires_on__gte=today):
        scopes |= set(consent.scopes)
    return PortalAccess(account, frozenset(scopes))


def log_access(*, access: PortalAccess, what: str, allowed: bool = True) -> None:
    """Log every page a representative or helper opens (the person's own visits are theirs)."""
    if not access.account.is_person:
        AccessLog.objects.create(
            person=access.person, account=access.account, what=what[:200], allowed=allowed
        )


# --- Sending things to the council ----------------------------------------------------------


@transaction.atomic
def send_assessment(*, access: PortalAccess, assessment) -> SentToCouncil:
    """Send the self-assessment for a supported check: the practitioner opens the same answers."""
    from clearpath.journey.assessments.services import missing_answers

    if assessment.person_id != access.person.pk or not assessment.is_draft:
        raise ServiceError("This assessment cannot be sent")
    missing = missing_answers(assessment)
    if missing:
        raise ServiceError(missing[0][1], field=missing[0][0])
    if assessment.portal_sent.exists():
        return assessment.portal_sent.first()
    sent = SentToCouncil.objects.create(
        person=access.person,
        what=SentToCouncil.What.ASSESSMENT,
        assessment=assessment,
        account=access.account,
    )
    _audit(
        actor=system_actor(),
        action="portal.assessment_sent",
        obj=assessment,
        person=access.person,
        summary=f"{access.account} sent the self-assessment for a supported check",
    )
    return sent


@transaction.atomic
def send_plan(*, access: PortalAccess, plan) -> SentToCouncil:
    """Send the support plan to the council; the practitioner checks it and submits it for
    sign-off on the normal route (nothing is typed again)."""
    from clearpath.journey.plans.services import plan_problems

    if plan.person_id != access.person.pk or not plan.is_editable:
        raise ServiceError("This plan cannot be sent")
    problems = plan_problems(plan)
    if problems:
        raise ServiceError(problems[0][1], field=problems[0][0])
    sent = SentToCouncil.objects.create(
        person=access.person, what=SentToCouncil.What.PLAN, plan=plan, account=access.account
    )
    _audit(
        actor=system_actor(),
        action="portal.plan_sent",
        obj=plan,
        person=access.person,
        summary=f"{access.account} sent support plan version {plan.number} to the council",
        changes={"weekly_total": plan.weekly_total},
    )
    return sent


@transaction.atomic
def post_message(
    *, person: Person, from_council: bool, author_name: str, text: str, actor=None
) -> Message:
    text = (text or "").strip()
    if not text:
        raise ServiceError("Write your message", field="text")
    if len(text) > 4000:
        raise ServiceError("Keep your message to 4000 characters or fewer", field="text")
    message = Message.objects.create(
        person=person, from_council=from_council, author_name=author_name[:200], text=text
    )
    _audit(
        actor=actor or system_actor(),
        action="portal.message",
        obj=message,
        person=person,
        summary=f"Message {'from the council' if from_council else 'to the council'} "
        f"by {author_name}",
    )
    return message
