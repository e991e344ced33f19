"""Sending sign-in links and notices: GOV.UK Notify in production, a visible outbox locally.

settings.PORTAL_NOTIFY_BACKEND names the backend class. Both have the same two methods.
"""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

log = logging.getLogger("clearpath.portal")


class LocalOutbox:
    """Development and tests: nothing is sent; each message is written to the outbox (a table
    shown at /portal/outbox when PORTAL_SHOW_OUTBOX is on) and to the console log."""

    def send_email(self, *, to: str, subject: str, body: str) -> None:
        self._keep("email", to, subject, body)

    def send_sms(self, *, to: str, body: str) -> None:
        self._keep("sms", to, "", body)

    def _keep(self, channel, to, subject, body):
        from clearpath.journey.portal.models import OutboxMessage

        OutboxMessage.objects.create(channel=channel, to=to, subject=subject, body=body)
        log.info("portal outbox (%s to %s): %s %s", channel, to, subject, body)


class GovukNotify:
    """Production: GOV.UK Notify (RULES.md section 8) through notifications-python-client,
    installed by the council (`pip install notifications-python-client`). Templates are the
    council's own, with ((subject)) and ((body)) personalisation fields."""

    def __init__(self):
        try:
            from notifications_python_client.notifications import NotificationsAPIClient
        except ImportError as e:
            raise ImproperlyConfigured(
                "GovukNotify needs notifications-python-client: pip install it"
            ) from e
        key = getattr(settings, "NOTIFY_API_KEY", "")
        if not key:
            raise ImproperlyConfigured("Set NOTIFY_API_KEY to use GOV.UK Notify")
        self.client = NotificationsAPIClient(key)

    def send_email(self, *, to: str, subject: str, body: str) -> None:
        self.client.send_email_notification(
            email_address=to,
            template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
            personalisation={"subject": subject, "body": body},
        )

    def send_sms(self, *, to: str, body: str) -> None:
        self.client.send_sms_notification(
            phone_number=to,
            template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
            personalisation={"body": body},
        )


def backend():
    return import_string(settings.PORTAL_NOTIFY_BACKEND)()
