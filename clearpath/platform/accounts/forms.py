"""Staff sign-in form with GOV.UK-style messages."""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache

from clearpath.web import client_address

ADDRESS_WINDOW = 3600  # seconds: failed sign-ins are counted per address for an hour


def _address_key(request) -> str:
    return f"sign-in-failures:{client_address(request)}"


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username", max_length=150, error_messages={"required": "Enter your username"}
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput,
        max_length=200,
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        key = _address_key(self.request)
        if cache.get(key, 0) >= settings.SIGN_IN_FAILURES_PER_ADDRESS:
            raise forms.ValidationError(
                "There have been too many failed sign-ins from your network in the last hour. "
                "Try again later, or ask your IT service desk for help."
            )
        self.user = authenticate(
            self.request, username=cleaned["username"], password=cleaned["password"]
        )
        if self.user is None or not self.user.is_active:
            cache.add(key, 0, ADDRESS_WINDOW)
            cache.incr(key)
            raise forms.ValidationError(
                "Enter a correct username and password. Both are case sensitive."
            )
        return cleaned
