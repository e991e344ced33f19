"""The RAS lab form: a file of historical cases, and one or two model versions."""

from django import forms

from clearpath.insight.raslab.selectors import model_choices

UPLOAD = "upload"
MAX_BYTES = 30 * 1024 * 1024  # well above 200,000 cases


def _text(upload, what: str) -> str:
    if upload.size > MAX_BYTES:
        raise forms.ValidationError(f"The {what} must be smaller than 30 MB")
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise forms.ValidationError(
            f"The {what} must be saved as UTF-8 text (in Excel: 'CSV UTF-8')"
        ) from None


class LabForm(forms.Form):
    """What to back-test, and against which model versions."""

    cases = forms.FileField(
        label="Historical cases (CSV file)",
        help_text="One row for each case, with the columns of the example file.",
        error_messages={"required": "Choose a CSV file of historical cases"},
    )
    model = forms.ChoiceField(
        label="Model version",
        error_messages={"required": "Choose a model version to test"},
    )
    model_file = forms.FileField(
        label="Model file (TOML)",
        required=False,
        help_text="Only if you chose to upload a model file above.",
    )
    compare = forms.ChoiceField(
        label="Second model version to compare (optional)",
        required=False,
    )
    compare_file = forms.FileField(
        label="Second model file (TOML)",
        required=False,
        help_text="Only if you chose to upload a second model file above.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = model_choices()
        upload = [(UPLOAD, "A model file I upload")]
        self.fields["model"].choices = [("", "Choose a model version"), *versions, *upload]
        self.fields["compare"].choices = [("", "Do not compare"), *versions, *upload]

    def clean_cases(self):
        upload = self.cleaned_data["cases"]
        return upload.name, _text(upload, "file of cases")

    def clean(self):
        data = super().clean()
        for choice, file_field in (("model", "model_file"), ("compare", "compare_file")):
            upload = data.get(file_field)
            if data.get(choice) == UPLOAD and not upload:
                self.add_error(file_field, "Choose a model file (TOML) to upload")
            elif upload:
                if data.get(choice) != UPLOAD:
                    self.add_error(
                        choice, "Choose 'A model file I upload' to use the file you chose"
                    )
                    continue
                try:
                    data[file_field] = (upload.name, _text(upload, "model file"))
                except forms.ValidationError as e:
                    self.add_error(file_field, e)
        return data
