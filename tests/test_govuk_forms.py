"""The one helper that turns Django fields into GOV.UK macro parameters."""

from django import forms

from clearpath.govuk_forms import field


class Form(forms.Form):
    colour = forms.ChoiceField(
        label="Which colour?", choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect
    )


def test_styling_a_legend_keeps_its_question():
    params = field(Form()["colour"], fieldset={"legend": {"classes": "govuk-fieldset__legend--m"}})
    assert params["fieldset"]["legend"] == {
        "text": "Which colour?",
        "classes": "govuk-fieldset__legend--m",
    }


def test_an_override_that_is_not_a_table_replaces_the_value():
    assert field(Form()["colour"], classes="govuk-radios--inline")["classes"] == (
        "govuk-radios--inline"
    )
