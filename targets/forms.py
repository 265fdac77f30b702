from django import forms
from django.core.exceptions import ValidationError

from targets.models import Observation


class ObservationForm(forms.ModelForm):
    """The officers' form for one figure.

    `may_publish` is set by the admin for the signed-in user: without it, a figure can
    be entered and changed only as a draft.
    """

    may_publish = False

    class Meta:
        model = Observation
        fields = (
            "target",
            "period_end",
            "period_label",
            "value",
            "comparator_value",
            "subset_value",
            "provisional",
            "state",
            "source",
            "source_url",
            "release",
            "derived",
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        if self.may_publish:
            return cleaned
        # clean() runs before the form's data is copied to the instance, so the
        # instance still holds the saved state.
        was_published = self.instance.pk is not None and self.instance.is_published
        if was_published and self.has_changed():
            raise ValidationError(
                "This figure is published: only an approver can change it.",
                code="published_locked",
            )
        if cleaned.get("state") == Observation.State.PUBLISHED and not was_published:
            self.add_error("state", "Only an approver can publish a figure. Save it as a draft.")
        return cleaned


class ObservationInlineFormSet(forms.BaseInlineFormSet):
    """The figures under a target. Forms skip their own checks on rows marked for
    deletion, so the formset refuses the deletion of a published figure itself."""

    may_publish = False

    def clean(self):
        super().clean()
        if self.may_publish:
            return
        for form in self.deleted_forms:
            if form.instance.pk is not None and form.instance.is_published:
                raise ValidationError(
                    f"{form.instance.period_label} is published: only an approver can delete it."
                )
