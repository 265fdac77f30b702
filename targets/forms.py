from django import forms
from django.core.exceptions import ValidationError

from targets.models import Observation, PublishedAssessment


class PublishableForm(forms.ModelForm):
    """The officers' form for a record that an approver publishes.

    `may_publish` is set by the admin for the signed-in user: without it, a record can
    be entered and changed only as a draft.
    """

    may_publish = False

    def clean(self):
        cleaned = super().clean()
        if self.may_publish:
            return cleaned
        # clean() runs before the form's data is copied to the instance, so the
        # instance still holds the saved state.
        was_published = self.instance.pk is not None and self.instance.is_published
        if was_published and self.has_changed():
            raise ValidationError(
                f"This {self._meta.model._meta.verbose_name} is published: "
                "only an approver can change it.",
                code="published_locked",
            )
        if cleaned.get("state") == Observation.State.PUBLISHED and not was_published:
            self.add_error("state", "Only an approver can publish. Save it as a draft.")
        return cleaned


class ObservationForm(PublishableForm):
    revision_reason = forms.CharField(
        required=False,
        max_length=100,
        help_text="Required when changing a published figure, e.g. “Revised in the "
        "January 2021 release”. It is kept in the figure's history.",
    )

    class Meta:
        model = Observation
        fields = (
            "target",
            "period_end",
            "period_label",
            *Observation.FIGURE_FIELDS,
            "confidence_lower",
            "confidence_upper",
            "provisional",
            "state",
            "source",
            "source_url",
            "release",
            "released_on",
            "derived",
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        if self.is_revision() and not cleaned.get("revision_reason"):
            if "revision_reason" in self.fields:
                self.add_error("revision_reason", "Say why this published figure is changing.")
            else:
                raise ValidationError(
                    "A published figure is revised on its own page, where you give the reason."
                )
        return cleaned

    def is_revision(self) -> bool:
        """Whether this changes the figures of a published observation."""
        was_published = self.instance.pk is not None and self.instance.is_published
        return was_published and bool(set(self.changed_data) & set(Observation.FIGURE_FIELDS))


class ObservationInlineForm(PublishableForm):
    """A figure in the list under its target, where there is no room to say why a
    published figure changes: revisions are made on the figure's own page."""

    class Meta(ObservationForm.Meta):
        pass

    def clean(self):
        cleaned = super().clean()
        if changes_published_figures(self):
            raise ValidationError(
                "A published figure is revised on its own page, where you give the reason."
            )
        return cleaned


def changes_published_figures(form: forms.ModelForm) -> bool:
    """Whether the form changes the figures of a published observation."""
    was_published = form.instance.pk is not None and form.instance.is_published
    return was_published and bool(set(form.changed_data) & set(Observation.FIGURE_FIELDS))


class PublishedAssessmentForm(PublishableForm):
    class Meta:
        model = PublishedAssessment
        fields = (
            "target",
            "publication",
            "published_on",
            "period_end",
            "period_label",
            "period_end_assumed",
            "statement",
            "figure",
            "judgement",
            "source_url",
            "notes",
            "meeting",
            "state",
        )


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
