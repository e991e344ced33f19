"""Input checks shared by every form and API endpoint: no NUL bytes, sensible lengths."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

NUL_MESSAGE = "Remove the hidden control characters from this text"


class CleanTextMixin:
    """Every text field of the form refuses NUL bytes with a plain message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            if isinstance(f, forms.CharField):
                f.validators = [
                    ProhibitNullCharactersValidator(message=NUL_MESSAGE)
                    if isinstance(v, ProhibitNullCharactersValidator)
                    else v
                    for v in f.validators
                ]
