"""Forms for the rule-pack pages: upload a new version, activate one."""

from django import forms

MAX_UPLOAD = 512 * 1024  # bytes; a rule pack is a few kilobytes


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Rule-pack file (.toml)",
        error_messages={"required": "Choose a rule-pack file to load"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file must be smaller than 512 KB")
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file must be plain text (UTF-8), like the examples"
            ) from None


class ActivateForm(forms.Form):
    reason = forms.CharField(
        label="Why is the council switching to this version?",
        help_text="For example, the cabinet decision that agreed the new prices. This is kept with the change.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why the council is switching to this version"},
    )
