"""Forms for reviews. The light-touch answers are checked by the service (one set of messages for
the pages and the API); these forms only turn the page's strings into values."""

from django import forms

from clearpath.validators import CleanTextMixin
from domain import rulepacks

YES_NO = [("yes", "Yes"), ("no", "No")]
NEEDS_MET = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")]
TEXT = {"max_length": "Keep this to 2000 characters or fewer"}


class LightTouchForm(CleanTextMixin, forms.Form):
    """The four light-touch questions, on one page; `staff` adds how the review was done."""

    changed = forms.ChoiceField(
        label="Has anything changed since your support was agreed?",
        help_text="For example your health, where you live, who helps you, or what you can do.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    what_changed = forms.CharField(
        label="If something has changed, tell us what",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )
    needs_met = forms.ChoiceField(
        label="Are your needs being met, and are you getting what you wanted from your plan?",
        choices=NEEDS_MET,
        widget=forms.RadioSelect,
        required=False,
    )
    own_words = forms.CharField(
        label="In your own words, how is it going? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )
    money_ok = forms.ChoiceField(
        label="Are you happy with how the money is managed?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    anything_else = forms.CharField(
        label="Is there anything else you want to tell us? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )
    method = forms.ChoiceField(
        label="How was the review done?", widget=forms.RadioSelect, required=False, choices=[]
    )
    row_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            methods = rulepacks.review_policy().methods
            self.fields["method"].choices = [
                (c.code, c.label) for c in methods if c.code != "online"
            ]
        else:
            del self.fields["method"]
            del self.fields["row_version"]

    def answers(self) -> dict:
        """The values the service checks: yes/no become True/False, a blank answer None."""
        d = {k: v for k, v in self.cleaned_data.items() if k != "row_version"}
        as_bool = {"yes": True, "no": False}
        return {
            **d,
            "changed": as_bool.get(d.get("changed")),
            "money_ok": as_bool.get(d.get("money_ok")),
        }

    @staticmethod
    def initial_from(review) -> dict:
        a = review.answers or {}
        as_text = {True: "yes", False: "no"}
        return {
            **a,
            "changed": as_text.get(a.get("changed"), ""),
            "money_ok": as_text.get(a.get("money_ok"), ""),
            "method": review.method if review.method != "online" else "",
            "row_version": review.row_version,
        }


class RequestReviewForm(CleanTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Why is a review needed?",
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": "Choose why the review is needed"},
    )
    details = forms.CharField(
        label="What happened? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        policy = rulepacks.review_policy()
        self.fields["reason"].choices = [
            (t.code, f"{t.label} (review within {t.due_in_days} days)") for t in policy.triggers
        ]


class ReassessForm(forms.Form):
    mode = forms.ChoiceField(
        label="How will the reassessment be done?",
        widget=forms.RadioSelect,
        choices=[
            ("supported", "Supported self-assessment: the person and a practitioner together"),
            ("self", "Self-assessment: the person on their own"),
            ("practitioner", "Practitioner assessment"),
        ],
        initial="supported",
        error_messages={"required": "Choose how the reassessment will be done"},
    )


class SubmitRevisedPlanForm(CleanTextMixin, forms.Form):
    reduction_reasons = forms.CharField(
        label="Why does the budget go down?",
        help_text="The person will be told these reasons. Say what changed in their needs.",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep this to 4000 characters or fewer"},
    )
