"""Every staff sign-in, sign-out and refused sign-in writes an audit row (issue 16)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from clearpath.platform.accounts.middleware import start
from clearpath.platform.audit.services import record_event, record_failed_sign_in


@receiver(user_logged_in, dispatch_uid="audit-sign-in")
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start(request.session)
    record_event(actor=user, action="staff.signed_in", obj=user, summary="Signed in")


@receiver(user_logged_out, dispatch_uid="audit-sign-out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None and user.pk:
        record_event(actor=user, action="staff.signed_out", obj=user, summary="Signed out")


@receiver(user_login_failed, dispatch_uid="audit-sign-in-failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    staff = get_user_model().objects.filter(username=username).first()
    record_failed_sign_in(username=username, staff=staff)
