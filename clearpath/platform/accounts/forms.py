"""Staff sign-in form with GOV.UK-style messages."""

from django import forms
from django.contrib.auth import authenticate


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
        self.user = authenticate(
            self.request, username=cleaned["username"], password=cleaned["password"]
        )
        if self.user is None or not self.user.is_active:
            raise forms.ValidationError(
                "Enter a correct username and password. Both are case sensitive."
            )
        return cleaned
