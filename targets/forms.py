from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from targets.models import Observation, PublishedAssessment
from targets.publishing import check_write


class PublishableForm(forms.ModelForm):
    """The officers' form for a record that an approver publishes.

    The rules are `targets.publishing.check_write`'s; the form only shows its refusals as
    errors. `user` is set by the admin for the signed-in user.
    """

    user = None
    # Set by `_post_clean`: whether saving the form revises a published figure.
    is_revision = False

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is not None and not self.has_changed():
            return
        try:
            self.is_revision = check_write(
                self.instance, self.user, revision_reason=self.given_revision_reason()
            )
        except PermissionDenied as refusal:
            self.add_error(None, str(refusal))
        except ValidationError as error:
            self.add_publishing_errors(error)

    def given_revision_reason(self) -> str:
        return self.cleaned_data.get("revision_reason", "")

    def add_publishing_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            self.add_error(field if field in self.fields else None, errors)


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


class ObservationInlineForm(PublishableForm):
    """A figure in the list under its target, where there is no room to say why a
    published figure changes: revisions are made on the figure's own page."""

    class Meta(ObservationForm.Meta):
        pass

    def add_publishing_errors(self, error: ValidationError) -> None:
        if "revision_reason" in getattr(error, "error_dict", {}):
            error = ValidationError(
                "A published figure is revised on its own page, where you give the reason."
            )
        super().add_publishing_errors(error)


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

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk is not None and not form.instance.is_draft:
                raise ValidationError(
                    f"{form.instance.period_label} is {form.instance.get_state_display().lower()}:"
                    " only drafts are deleted. Withdraw a published figure on its own page, "
                    "giving the reason."
                )


class WithdrawalForm(forms.Form):
    """Why published records are withdrawn: the public sees it beside the target."""

    withdrawal_reason = forms.CharField(
        label="Why is it withdrawn?",
        max_length=Observation._meta.get_field("withdrawal_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see this on the target's page, e.g. “Published for the wrong "
        "period: the release covers Jan-Dec 2023.”",
    )
