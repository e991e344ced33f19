"""Portal forms: sign in, add a helper with consent, messages, documents; staff give access."""

from datetime import date

from django import forms

from clearpath.govuk_forms import GovukDateField
from clearpath.journey.portal.models import SCOPES, PortalAccount
from clearpath.validators import CleanTextMixin


class SignInForm(CleanTextMixin, forms.Form):
    contact = forms.CharField(
        label="Your email address or mobile number",
        max_length=200,
        error_messages={"required": "Enter your email address or mobile number"},
    )


class HelperForm(CleanTextMixin, forms.Form):
    name = forms.CharField(
        label="Their name", max_length=200, error_messages={"required": "Enter their name"}
    )
    relationship = forms.CharField(
        label="Who are they to you?",
        help_text="For example, my daughter, my friend, my independent social worker",
        max_length=100,
        required=False,
    )
    email = forms.EmailField(
        label="Their email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(label="Or their mobile number", required=False, max_length=30)
    scopes = forms.MultipleChoiceField(
        label="What can they help with?",
        widget=forms.CheckboxSelectMultiple,
        choices=list(SCOPES.items()),
        error_messages={"required": "Choose at least one thing they can help with"},
    )
    expires_on = GovukDateField(
        label="Until when?",
        help_text="Their permission ends on this date. You can take it back sooner at any time",
        error_messages={"required": "Enter the date their permission ends"},
    )


class AccountForm(HelperForm):
    """Staff give someone online access (the person, a representative or a helper) and, for
    anyone but the person, record the consent the person gave."""

    role = forms.ChoiceField(
        label="Who is this?",
        widget=forms.RadioSelect,
        choices=PortalAccount.Role.choices,
        error_messages={"required": "Choose who this is"},
    )
    how_given = forms.CharField(
        label="How did the person give consent?",
        help_text="For example, by phone on 3 March, or a lasting power of attorney",
        max_length=200,
        required=False,
    )
    field_order = ["role", "name", "relationship", "email", "phone", "scopes", "expires_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].required = False
        self.fields["expires_on"].required = False
        self.fields["name"].label = "Name"
        self.fields["email"].label = "Email address"
        self.fields["phone"].label = "Or mobile number"
        self.fields["relationship"].label = "Relationship to the person"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") and cleaned["role"] != PortalAccount.Role.PERSON:
            if not cleaned.get("scopes"):
                self.add_error("scopes", "Choose what the person has agreed they can help with")
            if not cleaned.get("expires_on") and "expires_on" not in self.errors:
                self.add_error("expires_on", "Enter the date the person's consent ends")
            if not (cleaned.get("how_given") or "").strip():
                self.add_error("how_given", "Say how the person gave consent")
        return cleaned


class MessageForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label="Your message",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write your message",
            "max_length": "Keep your message to 4000 characters or fewer",
        },
    )


class DocumentForm(CleanTextMixin, forms.Form):
    document = forms.FileField(
        label="Choose a document",
        help_text="A PDF, Word (.docx), OpenDocument (.odt), JPEG or PNG file, smaller than 10 MB",
        error_messages={"required": "Choose the document to upload"},
    )
    description = forms.CharField(
        label="What is it?",
        help_text="For example, a letter from my GP",
        max_length=200,
        error_messages={"required": "Say what the document is"},
    )


def default_expiry(today: date) -> date:
    return date(today.year + 1, today.month, min(today.day, 28))
