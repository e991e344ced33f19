"""One-time sign-in links: made, sent (from the job queue) and rate-limited.

`queue_link` puts a job on the queue; the worker's job makes the link and sends it (GOV.UK
Notify in production), so the request does not wait for Notify and the one-time token is never
written anywhere, not even into the queue's table: the job's arguments are the account's id and
the site's address.
"""

import hashlib
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from clearpath.journey.portal.models import PortalAccount, SignInLink
from clearpath.journey.portal.notify import backend

LINKS_PER_HOUR = 5  # at most this many links an account an hour, so nobody can flood a phone


def _digits(phone: str) -> str:
    d = re.sub(r"\D", "", phone or "")
    return "0" + d[2:] if d.startswith("44") else d


@transaction.atomic
def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def send_link(*, account: PortalAccount, base_url: str | None = None) -> str:
    """Make a one-time link for `account` and send it (email if we have one, else text).
    Returns the token (only for tests: it is never stored)."""
    token = secrets.token_urlsafe(32)
    minutes = settings.PORTAL_LINK_MINUTES
    channel = "email" if account.email else "sms"
    SignInLink.objects.create(
        account=account,
        token_hash=_hash(token),
        channel=channel,
        expires_at=timezone.now() + timedelta(minutes=minutes),
    )
    url = (base_url or settings.PORTAL_BASE_URL).rstrip("/") + reverse("portal:link", args=[token])
    body = (
        f"Use this link to sign in to {settings.COUNCIL_NAME}'s adult social care portal"
        f"{'' if account.is_person else ' for ' + account.person.first_name}: {url}\n"
        f"It works once and stops working after {minutes} minutes. "
        "If you did not ask for it, ignore this message."
    )
    if channel == "email":
        backend().send_email(to=account.email, subject="Your sign-in link", body=body)
    else:
        backend().send_sms(to=account.phone, body=body)
    return token


def queue_link(*, account: PortalAccount, base_url: str | None = None) -> None:
    """Send `account` a sign-in link from the job queue (the worker makes and sends it)."""
    send_link_job.enqueue(account.pk, base_url or settings.PORTAL_BASE_URL)


@task()
def send_link_job(account_id: int, base_url: str) -> None:
    """The job: make and send a link, if the account is still active."""
    account = PortalAccount.objects.filter(pk=account_id, active=True).first()
    if account is not None:
        send_link(account=account, base_url=base_url)


def request_link(*, contact: str, base_url: str | None = None) -> int:
    """Send a link to every active account with this email address or mobile number.
    The page says the same whether or not any matched, so nobody learns who has an account."""
    contact = (contact or "").strip()
    if "@" in contact:
        accounts = PortalAccount.objects.filter(email__iexact=contact, active=True)
    else:
        digits = _digits(contact)
        if not digits:
            return 0
        accounts = PortalAccount.objects.filter(phone=digits, active=True)
    since = timezone.now() - timedelta(hours=1)
    sent = 0
    for account in accounts:
        if account.links.filter(created_at__gte=since).count() < LINKS_PER_HOUR:
            queue_link(account=account, base_url=base_url)
            sent += 1
    return sent
