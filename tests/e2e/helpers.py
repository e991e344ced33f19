"""Steps the browser journeys share."""

import base64
import time


def _code(key: bytes, *, after_step: int = -1) -> str:
    """The authenticator app's code for this key now (or the next one, if now's was used)."""
    from django_otp.oath import TOTP

    totp = TOTP(key)
    totp.time = time.time()
    if totp.t() <= after_step:
        totp.time += 30
    return f"{totp.token():06d}"


def sign_in(cp, username: str, password: str = "correct horse battery"):
    """Sign in through the real pages (axe-checked): the password, then the two-factor code,
    typed as a person would from their authenticator app, setting the app up the first time."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page = cp.goto("/sign-in")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button:has-text('Sign in')")
    cp.check()
    if "/account/two-factor/set-up" in page.url:
        cp.screenshot("two-factor-set-up")
        key = page.locator("#key").inner_text().replace(" ", "")
        key += "=" * (-len(key) % 8)
        page.fill("#id_code", _code(base64.b32decode(key)))
        page.click("button:has-text('Turn on two-factor sign-in')")
        cp.check()
        cp.screenshot("two-factor-recovery-codes")
        page.click("text=I have kept my codes safe: continue")
        cp.check()
    elif "/account/two-factor" in page.url:
        cp.screenshot("two-factor-verify")
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("#id_code", _code(device.bin_key, after_step=device.last_t))
        page.click("button:has-text('Continue')")
        cp.check()
    return page
