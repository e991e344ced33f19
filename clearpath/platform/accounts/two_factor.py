"""Staff two-factor sign-in (django-otp): a code from an authenticator app (TOTP, RFC 6238)
after the password, with ten single-use recovery codes, and a reset by an administrator.

Every change writes an audit row; a wrong code is counted by django-otp, which makes each next
try wait longer (OTP_TOTP_THROTTLE_FACTOR), and is audited too."""

import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clearpath.platform.accounts.models import StaffMember
from clearpath.platform.audit.services import record_event

RECOVERY_CODES = 10
APP_DEVICE, RECOVERY_DEVICE = "Authenticator app", "Recovery codes"


def app_device(staff: StaffMember, *, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=staff, name=APP_DEVICE)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("-id").first()


def is_set_up(staff: StaffMember) -> bool:
    return app_device(staff) is not None


@transaction.atomic
def start_set_up(staff: StaffMember) -> TOTPDevice:
    """The new (not yet confirmed) authenticator for this member of staff: made once, then the
    same one is shown until a code from it is entered."""
    pending = app_device(staff, confirmed=False)
    return pending or TOTPDevice.objects.create(user=staff, name=APP_DEVICE, confirmed=False)


def _new_codes(staff: StaffMember) -> list[str]:
    StaticDevice.objects.filter(user=staff, name=RECOVERY_DEVICE).delete()
    device = StaticDevice.objects.create(user=staff, name=RECOVERY_DEVICE, confirmed=True)
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def confirm_set_up(staff: StaffMember, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Turn the new authenticator on if `code` is right: (the device, ten recovery codes to show
    once), or None."""
    device = app_device(staff, confirmed=False)
    if device is None or not device.verify_token(code.strip().replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=staff, name=APP_DEVICE).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_codes(staff)
    record_event(
        actor=staff,
        action="staff.two_factor_set_up",
        obj=staff,
        summary="Set up two-factor sign-in with an authenticator app",
    )
    return device, codes


def check_code(staff: StaffMember, code: str):
    """The device that accepts `code` (the app's code, or a recovery code, used up), or None.
    Both answers are audited."""
    code = (code or "").strip().replace(" ", "").replace("-", "")
    if not code.isdigit() or len(code) not in (6, 10):
        return None
    found = None
    if len(code) == 6 and (device := app_device(staff)) is not None:
        found = device if device.verify_token(code) else None
    elif len(code) == 10:
        for device in StaticDevice.objects.filter(user=staff, confirmed=True):
            if device.verify_token(code):
                found = device
    if found is None:
        record_event(
            actor=staff, action="staff.two_factor_failed", obj=staff, summary="Wrong sign-in code"
        )
    elif isinstance(found, StaticDevice):
        left = StaticToken.objects.filter(device=found).count()
        record_event(
            actor=staff,
            action="staff.recovery_code_used",
            obj=staff,
            summary=f"Signed in with a recovery code ({left} left)",
            changes={"left": left},
        )
    return found


def wait_seconds(staff: StaffMember) -> int:
    """How long before another code may be tried (after wrong ones), 0 if it may now."""
    device = app_device(staff)
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or not data.get("locked_until"):
        return 0
    from django.utils import timezone

    return max(0, int((data["locked_until"] - timezone.now()).total_seconds()) + 1)


def recovery_codes_left(staff: StaffMember) -> int:
    return StaticToken.objects.filter(device__user=staff, device__name=RECOVERY_DEVICE).count()


@transaction.atomic
def new_recovery_codes(staff: StaffMember) -> list[str]:
    codes = _new_codes(staff)
    record_event(
        actor=staff, action="staff.recovery_codes_renewed", obj=staff, summary="New recovery codes"
    )
    return codes


@transaction.atomic
def reset(staff: StaffMember, *, by) -> None:
    """An administrator's reset, for a lost phone: the member of staff sets up again at next
    sign-in. Their sessions are not trusted any more."""
    TOTPDevice.objects.filter(user=staff).delete()
    StaticDevice.objects.filter(user=staff).delete()
    record_event(
        actor=by,
        action="staff.two_factor_reset",
        obj=staff,
        summary=f"Reset two-factor sign-in for {staff.get_full_name() or staff.username}",
    )
