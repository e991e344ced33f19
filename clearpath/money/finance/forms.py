"""Forms for the finance pages: start a payment run, import a statement, recover a surplus,
resolve an exception, preview and apply an uplift, record a contribution, set up an agreement."""

from django import forms

from clearpath.govuk_forms import GovukDateField
from clearpath.money.finance.models import DirectPaymentAgreement
from clearpath.validators import CleanTextMixin
from domain import rulepacks


class PaymentRunForm(forms.Form):
    through = GovukDateField(
        label="Pay everything due up to",
        help_text="For example, 1 12 2026. Payments due on or before this date are paid once.",
        error_messages={"required": "Enter the date to pay up to"},
    )


def layout_choices():
    return [(code, layout.title) for code, layout in rulepacks.money_policy().layouts.items()]


class StatementForm(forms.Form):
    layout = forms.ChoiceField(
        label="What kind of statement is it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the layout of the statement"},
    )
    file = forms.FileField(
        label="Statement file (CSV)",
        help_text="Download it from the bank or card website as CSV. It is refused whole if any line is wrong.",
        error_messages={"required": "Choose the statement's CSV file"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = layout_choices()


class RecoveryForm(CleanTextMixin, forms.Form):
    # Not required here: the service checks both together and says everything that is wrong.
    amount = forms.CharField(label="Amount to recover", max_length=20, required=False)
    reasons = forms.CharField(
        label="Why this money is being recovered",
        help_text="Say what you talked about with the person. They will see this.",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )


class ResolveForm(CleanTextMixin, forms.Form):
    resolution = forms.CharField(
        label="What you found",
        max_length=300,
        error_messages={"required": "Say what you found"},
    )
    plan_line = forms.TypedChoiceField(
        label="Count this payee's spending against a plan line from now on",
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, plan_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_line"].choices = [("", "No, just this once")] + [
            (pl.pk, pl.description) for pl in plan_lines
        ]


class UpliftForm(CleanTextMixin, forms.Form):
    percent = forms.CharField(
        label="Uplift (per cent)",
        help_text="For example, 3.5. Every active budget is re-priced by this percentage.",
        max_length=8,
        required=False,
    )
    old_rate = forms.CharField(
        label="Or a new unit rate: the rate now",
        help_text="For example, a personal assistant's hourly rate of 15.50",
        max_length=12,
        required=False,
    )
    new_rate = forms.CharField(label="The new rate", max_length=12, required=False)
    effective_on = GovukDateField(
        label="From",
        help_text="For example, 5 4 2027. Payments due on or after this date change.",
        error_messages={"required": "Enter the date the uplift starts"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=300,
        help_text="For example, the 2027/28 provider fee uplift",
    )


class ContributionForm(CleanTextMixin, forms.Form):
    SOURCE = [
        ("calculated", "Work it out here"),
        ("entered", "Enter it from the council's own financial assessment"),
    ]
    source = forms.ChoiceField(
        label="How is the contribution worked out?",
        choices=SOURCE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the contribution is worked out"},
    )
    weekly_contribution = forms.DecimalField(
        label="Weekly contribution (from the council's assessment)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    capital = forms.DecimalField(
        label="Savings and other capital",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    weekly_income = forms.DecimalField(
        label="Weekly income that counts",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    mig_band = forms.ChoiceField(
        label="Minimum Income Guarantee band",
        required=False,
        choices=[
            ("single_18_24", "Single, 18 to 24"),
            ("single_25_to_pc_age", "Single, 25 to Pension Credit age"),
            ("single_pc_age", "Single, Pension Credit age or over"),
        ],
    )
    mig_amount = forms.DecimalField(
        label="Minimum Income Guarantee (weekly)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    dre = forms.DecimalField(
        label="Disability-related expenditure (weekly)",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    effective_on = GovukDateField(
        label="From", error_messages={"required": "Enter the date the contribution starts"}
    )


class AgreementForm(CleanTextMixin, forms.Form):
    recipient = forms.ChoiceField(
        label="Who receives the direct payment?",
        choices=DirectPaymentAgreement.Recipient.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who receives the direct payment"},
    )
    recipient_name = forms.CharField(label="Their full name", max_length=200, required=False)
    account_name = forms.CharField(label="Name on the account", max_length=200, required=False)
    sort_code = forms.CharField(label="Sort code", max_length=8, required=False)
    account_number = forms.CharField(label="Account number", max_length=8, required=False)


class AcceptForm(CleanTextMixin, forms.Form):
    name = forms.CharField(
        label="Type your full name to accept the agreement",
        max_length=200,
        error_messages={"required": "Type your full name to accept the agreement"},
    )


class DeploymentForm(CleanTextMixin, forms.Form):
    direct_payment = forms.CharField(label="Direct payment (a week)", max_length=12, required=False)
    council_managed = forms.CharField(
        label="Council-managed account (a week)", max_length=12, required=False
    )
    isf = forms.CharField(label="Individual service fund (a week)", max_length=12, required=False)
    isf_provider = forms.CharField(
        label="Provider holding the individual service fund", max_length=200, required=False
    )
    effective_on = GovukDateField(
        label="From", error_messages={"required": "Enter the date the new shares start"}
    )
