"""Text as officers type it.

Browsers send a textarea's lines ending in CR LF; the database holds them ending in LF.
Without normalising, saving a form untouched would look like a change to every text with
more than one line, and write a version into the history that changes nothing. And a
text with no limit accepts half a million characters pasted by mistake.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models

# About 1,500 words: far more than any public paragraph here needs.
TEXT_LIMIT = 10_000


def with_unix_line_endings(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


class PlainTextFormField(forms.CharField):
    """A textarea's text with its line endings as the database holds them, so that an
    untouched field is not a change."""

    def to_python(self, value):
        return with_unix_line_endings(super().to_python(value))


class TextField(models.TextField):
    """Django's TextField with a length limit that every form, the API and imports check
    (`full_clean()`), and one kind of line ending."""

    def __init__(self, *args, max_length=TEXT_LIMIT, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))

    def to_python(self, value):
        return with_unix_line_endings(super().to_python(value))

    def get_prep_value(self, value):
        return with_unix_line_endings(super().get_prep_value(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PlainTextFormField, **kwargs})

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == TEXT_LIMIT:
            del kwargs["max_length"]
        return name, "strategy.fields.TextField", args, kwargs


def as_written(value: Decimal | None) -> str:
    """A figure as an officer writes it: 72.88 and 880,800, not 72.880000 and 880800.000000."""
    if value is None:
        return ""
    return f"{value.normalize():,f}"


class FigureFormField(forms.DecimalField):
    """A figure typed as officers write it, with or without thousands separators, and
    shown back the same way rather than with the six decimal places the database keeps."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return as_written(value)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # forms.DecimalField adds a step for its number input; this is a text input.
        return {
            name: value
            for name, value in super().widget_attrs(widget).items()
            if name not in ("step", "min", "max")
        }
