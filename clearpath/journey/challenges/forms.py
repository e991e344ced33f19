"""Forms for finding a letter, making a challenge and answering one."""

from django import forms

from clearpath.govuk_forms import GovukDateField
from clearpath.journey.challenges.models import Challenge
from clearpath.validators import CleanTextMixin
from domain.money import to_money

NOT_FOUND = (
    "We could not find a letter with that reference and date of birth. "
    "Check both against the letter and try again."
)


class FindLetterForm(CleanTextMixin, forms.Form):
    """The letter's reference and the person's date of birth: both must match."""

    reference = forms.CharField(
        label="Letter reference",
        help_text="It is near the top of the letter, for example CP-7KQ4-M9XT",
        max_length=30,
        error_messages={"required": "Enter the reference from the letter"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth of the person the letter is for",
        help_text="For example, 27 3 1950",
        past_only=True,
        error_messages={"required": "Enter the date of birth of the person the letter is for"},
    )


class ChallengeDetailsForm(CleanTextMixin, forms.Form):
    """Who is challenging, why, what they think is needed, and how to reply."""

    raised_by = forms.ChoiceField(
        label="Who is making the challenge?",
        choices=Challenge.RaisedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is making the challenge"},
    )
    raised_by_name = forms.CharField(
        label="Full name of the person making the challenge",
        max_length=200,
        error_messages={
            "required": "Enter the name of the person making the challenge",
            "max_length": "Keep the name to 200 characters or fewer",
        },
    )
    reasons = forms.CharField(
        label="Why is the amount not enough?",
        help_text="Say it in your own words: what the money would not pay for, or what we missed.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Say why the amount is not enough",
            "max_length": "Keep this to 4000 characters or fewer",
        },
    )
    what_is_needed = forms.CharField(
        label="What do you think is needed? (optional)",
        help_text="For example, more hours of help each week, or an amount.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Keep this to 2000 characters or fewer"},
    )
    contact_by = forms.ChoiceField(
        label="How should we reply?",
        choices=Challenge.ContactBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how we should reply"},
    )
    contact_details = forms.CharField(
        label="Email address or phone number (optional if you chose post)",
        help_text="We reply by post to the address on the letter.",
        max_length=300,
        required=False,
        error_messages={"max_length": "Keep this to 300 characters or fewer"},
    )

    def clean(self):
        data = super().clean()
        how = data.get("contact_by")
        details = (data.get("contact_details") or "").strip()
        if how == "email" and not details:
            self.add_error("contact_details", "Enter the email address we should use")
        elif how == "email" and details:
            try:
                forms.EmailField().clean(details)
            except forms.ValidationError:
                self.add_error("contact_details", "Enter an email address like name@example.com")
        elif how == "phone" and not details:
            self.add_error("contact_details", "Enter the phone number we should use")
        return data


class StaffChallengeForm(ChallengeDetailsForm):
    """A challenge recorded by staff on someone's behalf: which budget, and how it came in."""

    field_order = ["subject", "channel"]

    def __init__(self, *args, subjects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"] = forms.ChoiceField(
            label="Which amount is being challenged?",
            choices=subjects,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose which amount is being challenged",
                "invalid_choice": "Choose one of the amounts listed",
            },
        )
        self.fields["channel"] = forms.ChoiceField(
            label="How did the challenge come in?",
            choices=Challenge.Channel.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose how the challenge came in"},
        )
        self.order_fields(["subject", "channel"])


class AnswerForm(CleanTextMixin, forms.Form):
    """The answer: upheld or not, reasons in plain English, and any new weekly amount."""

    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=Challenge.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the challenge is upheld"},
    )
    reasons = forms.CharField(
        label="Your reasons, in plain English",
        help_text="The person will read this. Say what you looked at and why you decided this.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Give the reasons for the decision, in plain English",
            "max_length": "Keep this to 4000 characters or fewer",
        },
    )
    new_weekly_amount = forms.CharField(
        label="New weekly amount, in pounds (if upheld)",
        help_text="Leave empty if the amount does not change.",
        max_length=12,
        required=False,
        error_messages={"max_length": "Enter the new weekly amount in pounds, like 150.00"},
    )

    def clean_new_weekly_amount(self):
        value = self.cleaned_data["new_weekly_amount"].strip()
        if value:
            try:
                to_money(value)
            except (ArithmeticError, ValueError):
                raise forms.ValidationError("Enter the new weekly amount in pounds") from None
        return value


class ReassignForm(forms.Form):
    """Send an open challenge to someone else in the team."""

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"] = forms.ChoiceField(
            label="Send it to",
            choices=[(str(s.pk), s.get_full_name() or s.username) for s in staff],
            error_messages={"required": "Choose who should answer it"},
        )
