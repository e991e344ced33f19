"""The one-page assessment form, built from the question set rule pack."""

from django import forms

from clearpath.validators import CleanTextMixin

YES_NO = [("yes", "Yes"), ("no", "No")]


def _bool(value: str):
    return {"yes": True, "no": False}.get(value)


def _words(label: str, help_text: str = "", rows: int = 3) -> forms.CharField:
    """An optional box for the person's own words, up to 2000 characters."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": "Keep this to 2000 characters or fewer"},
    )


def _yes_no(label: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=YES_NO, widget=forms.RadioSelect, required=False
    )


class AssessmentForm(CleanTextMixin, forms.Form):
    """Nothing is required while drafting; completeness is checked when the assessment is completed."""

    def __init__(self, *args, question_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_set = question_set
        self.fields["needs_arise_from_impairment"] = _yes_no(question_set.impairment_question)
        for outcome in question_set.outcomes:
            self.fields[f"{outcome.code}_help"] = forms.ChoiceField(
                label=outcome.heading,
                help_text=outcome.hint,
                widget=forms.RadioSelect,
                required=False,
                choices=[(c.code, c.label) for c in question_set.help_levels],
                error_messages={"invalid_choice": "Choose one of the answers listed"},
            )
            self.fields[f"{outcome.code}_ways"] = forms.MultipleChoiceField(
                label="If you need help, why? Tick all that apply",
                required=False,
                choices=[(c.code, c.label) for c in question_set.ways],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Choose from the reasons listed"},
            )
            self.fields[f"{outcome.code}_own_words"] = _words(
                "In your own words (optional)", rows=2
            )
        self.fields["wellbeing_impact"] = _yes_no(question_set.wellbeing_question)
        self.fields["wellbeing_words"] = _words("Tell us how (optional)")
        self.fields["needs_fluctuate"] = _yes_no(
            "Do your needs change from day to day, or week to week?",
            "For example, some days are much harder than others.",
        )
        self.fields["fluctuation_words"] = _words(
            "How do they change, and how often? (optional)",
            "Think about a good day and a bad day, over a month or more.",
        )
        self.fields["outside_ras_needs"] = _words(
            "Is there a need these questions cannot capture? (optional)",
            "For example, support needed only at night, or care from a specialist. "
            "Say what it is. It will be costed on its own, outside the points, "
            "and the plan will go to a panel to agree.",
        )
        self.fields["unpaid_care"] = forms.ChoiceField(
            label="How much help do family or friends give you without being paid?",
            required=False,
            choices=[(c.code, c.label) for c in question_set.unpaid_care_levels],
            widget=forms.RadioSelect,
        )

    @classmethod
    def initial_from(cls, assessment) -> dict:
        def yes_no(v):
            return "" if v is None else ("yes" if v else "no")

        initial = {
            "needs_arise_from_impairment": yes_no(assessment.needs_arise_from_impairment),
            "wellbeing_impact": yes_no(assessment.wellbeing_impact),
            "wellbeing_words": assessment.wellbeing_words,
            "unpaid_care": assessment.unpaid_care,
            "needs_fluctuate": yes_no(assessment.needs_fluctuate),
            "fluctuation_words": assessment.fluctuation_words,
            "outside_ras_needs": assessment.outside_ras_needs,
        }
        for code, answer in assessment.answers.items():
            initial[f"{code}_help"] = answer.get("help", "")
            initial[f"{code}_ways"] = answer.get("ways", [])
            initial[f"{code}_own_words"] = answer.get("own_words", "")
        return initial

    def service_arguments(self) -> dict:
        """The cleaned form as save_assessment's keyword arguments."""
        data = self.cleaned_data
        answers = {
            o.code: {
                "help": data.get(f"{o.code}_help", ""),
                "ways": data.get(f"{o.code}_ways", []),
                "own_words": data.get(f"{o.code}_own_words", ""),
            }
            for o in self.question_set.outcomes
        }
        return {
            "answers": answers,
            "needs_arise_from_impairment": _bool(data.get("needs_arise_from_impairment", "")),
            "wellbeing_impact": _bool(data.get("wellbeing_impact", "")),
            "wellbeing_words": data.get("wellbeing_words", ""),
            "unpaid_care": data.get("unpaid_care", "") or None,
            "needs_fluctuate": _bool(data.get("needs_fluctuate", "")),
            "fluctuation_words": data.get("fluctuation_words", ""),
            "outside_ras_needs": data.get("outside_ras_needs", ""),
        }
