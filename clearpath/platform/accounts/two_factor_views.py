"""The pages of two-factor sign-in: set up an authenticator app, enter a code, recovery codes,
and an administrator's reset."""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from clearpath.platform.accounts import two_factor
from clearpath.platform.accounts.models import StaffMember
from clearpath.web import staff_required


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )


def _next(request) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _with_next(name: str, request) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next(request)})}"


def _qr(device) -> str:
    """The app's set-up link as a QR code: an SVG image in a data address (no inline script)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def _spaced(device) -> str:
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@staff_required
def set_up(request):
    if two_factor.is_set_up(request.user) and request.user.is_verified():
        return redirect("accounts:two-factor-codes")
    if two_factor.is_set_up(request.user):
        return redirect(_with_next("accounts:two-factor", request))
    device = two_factor.start_set_up(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = two_factor.confirm_set_up(request.user, form.cleaned_data["code"])
        if done is None:
            form.add_error(
                "code",
                "That code is not right. Enter the 6 digits the app shows now; if it keeps "
                "failing, check the time on your phone is set automatically",
            )
        else:
            otp_login(request, done[0])
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": done[1], "next": _next(request), "first_time": True},
            )
    return render(
        request,
        "accounts/two_factor_set_up.html",
        {"form": form, "qr": _qr(device), "key": _spaced(device)},
        status=422 if form.errors else 200,
    )


@staff_required
def verify(request):
    if not two_factor.is_set_up(request.user):
        return redirect(_with_next("accounts:two-factor-set-up", request))
    if request.user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    wait = two_factor.wait_seconds(request.user)
    if request.method == "POST" and form.is_valid():
        if wait:
            form.add_error("code", f"Too many wrong codes. Wait {wait} seconds, then try again")
        elif (device := two_factor.check_code(request.user, form.cleaned_data["code"])) is None:
            form.add_error(
                "code",
                "That code is not right. Enter the 6 digits your authenticator app shows now, "
                "or one of your 10-digit recovery codes",
            )
        else:
            otp_login(request, device)
            left = two_factor.recovery_codes_left(request.user)
            if device.name == two_factor.RECOVERY_DEVICE:
                messages.warning(
                    request,
                    f"You used a recovery code: {left} left. Make new ones under "
                    "'Two-factor sign-in' if you are running low.",
                )
            return redirect(_next(request))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


@staff_required
def codes(request):
    """Recovery codes: how many are left, and new ones (the old ones then stop working)."""
    if request.method == "POST":
        new = two_factor.new_recovery_codes(request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": new, "next": "/"})
    return render(
        request,
        "accounts/two_factor_codes.html",
        {"left": two_factor.recovery_codes_left(request.user)},
    )


@staff_required
@require_POST
def reset(request, staff_id: int):
    """An administrator resets another member of staff's two-factor sign-in (a lost phone)."""
    if not request.user.is_administrator:
        raise Http404("No such page")
    staff = get_object_or_404(StaffMember, pk=staff_id)
    two_factor.reset(staff, by=request.user)
    messages.success(
        request,
        f"{staff.get_full_name() or staff.username} will set up two-factor sign-in again "
        "the next time they sign in",
    )
    return redirect("accounts:staff-list")


@staff_required
def staff_list(request):
    """Administrators: every member of staff, whether two-factor sign-in is set up, and a reset."""
    if not request.user.is_administrator:
        raise Http404("No such page")
    staff = list(StaffMember.objects.select_related("team").order_by("last_name", "first_name"))
    set_up = set(
        two_factor.TOTPDevice.objects.filter(
            confirmed=True, name=two_factor.APP_DEVICE
        ).values_list("user_id", flat=True)
    )
    return render(request, "accounts/staff_list.html", {"staff": staff, "set_up": set_up})
