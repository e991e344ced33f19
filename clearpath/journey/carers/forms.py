"""The carer's assessment forms, built from the carer question set rule pack."""

from django import forms

from clearpath.validators import CleanTextMixin

YES_NO = [("yes", "Yes"), ("no", "No")]
NONE = "none"
NONE_LABEL = "None of these: I can do this, or it does not apply to me"


def _bool(value: str):
    return {"yes": True, "no": False}.get(value)


def _yes_no(value) -> str:
    return "" if value is None else ("yes" if value else "no")


class StartForm(forms.Form):
    """Who the carer looks after, if the council knows them (optional)."""

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["cared_for"] = forms.ChoiceField(
            label="Who do they look after?",
            help_text="Choose the person if the council knows them. You can leave this blank.",
            required=False,
            choices=[("", "Not recorded")] + [(k, p.full_name) for k, p in self.people.items()],
            error_messages={"invalid_choice": "Choose a person from the list"},
        )

    def chosen_person(self):
        return self.people.get(self.cleaned_data.get("cared_for") or "")


class CarerAssessmentForm(CleanTextMixin, forms.Form):
    """Nothing is required while drafting; completeness is checked when the assessment is completed."""

    def __init__(self, *args, question_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_set = question_set
        q = question_set.questions

        def yes_no(code, name):
            self.fields[name] = forms.ChoiceField(
                label=q[code].text,
                help_text=q[code].hint,
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )

        yes_no("necessary_care", "necessary_care")
        yes_no("health", "health_at_risk")
        for outcome in question_set.outcomes:
            self.fields[f"{outcome.code}_ways"] = forms.MultipleChoiceField(
                label=f"Is {outcome.heading.lower()} hard because of caring?",
                help_text=outcome.hint + " Tick all that apply.",
                required=False,
                choices=[(w.code, w.label) for w in question_set.ways] + [(NONE, NONE_LABEL)],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Choose from the reasons listed"},
            )
            self.fields[f"{outcome.code}_own_words"] = forms.CharField(
                label="In your own words (optional)",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": "Keep this to 2000 characters or fewer"},
            )
        yes_no("wellbeing", "wellbeing_impact")
        self.fields["wellbeing_words"] = forms.CharField(
            label="Tell us how (optional)",
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": "Keep this to 2000 characters or fewer"},
        )
        yes_no("fluctuation", "needs_fluctuate")
        self.fields["fluctuation"] = forms.CharField(
            label="If they change, over what period did you look at them, and how do they change?",
            help_text="For example: the last 6 months; much harder in winter.",
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"max_length": "Keep this to 2000 characters or fewer"},
        )

    def clean(self):
        data = super().clean()
        for outcome in self.question_set.outcomes:
            chosen = data.get(f"{outcome.code}_ways") or []
            if NONE in chosen and len(chosen) > 1:
                self.add_error(
                    f"{outcome.code}_ways",
                    "Either say you can do this, or say why it is hard, not both",
                )
        return data

    @classmethod
    def initial_from(cls, assessment) -> dict:
        initial = {
            "necessary_care": _yes_no(assessment.necessary_care),
            "health_at_risk": _yes_no(assessment.health_at_risk),
            "wellbeing_impact": _yes_no(assessment.wellbeing_impact),
            "wellbeing_words": assessment.wellbeing_words,
            "needs_fluctuate": _yes_no(assessment.needs_fluctuate),
            "fluctuation": assessment.fluctuation,
        }
        for code, answer in assessment.answers.items():
            initial[f"{code}_ways"] = [NONE] if answer.get("none") else answer.get("ways", [])
            initial[f"{code}_own_words"] = answer.get("own_words", "")
        return initial

    def service_arguments(self) -> dict:
        """The cleaned form as save_carer_assessment's keyword arguments."""
        data = self.cleaned_data
        answers = {}
        for o in self.question_set.outcomes:
            chosen = data.get(f"{o.code}_ways") or []
            answers[o.code] = {
                "ways": [c for c in chosen if c != NONE],
                "none": NONE in chosen,
                "own_words": data.get(f"{o.code}_own_words", ""),
            }
        return {
            "answers": answers,
            "necessary_care": _bool(data.get("necessary_care", "")),
            "health_at_risk": _bool(data.get("health_at_risk", "")),
            "wellbeing_impact": _bool(data.get("wellbeing_impact", "")),
            "wellbeing_words": data.get("wellbeing_words", ""),
            "needs_fluctuate": _bool(data.get("needs_fluctuate", "")),
            "fluctuation": data.get("fluctuation", ""),
        }
