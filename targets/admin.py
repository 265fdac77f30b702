from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import path

from strategy.admin import HistoryAdmin
from targets.forms import (
    ObservationForm,
    ObservationInlineForm,
    ObservationInlineFormSet,
    PublishedAssessmentForm,
)
from targets.import_views import example_file, import_observations
from targets.models import ExpectedRelease, Observation, PublishedAssessment, Target
from targets.progress import STATUS_WORDS
from targets.publishing import mark_revised, may_publish, publish, record_edit
from targets.standings import standings_for
from targets.verdicts import verdict_for

OBSERVATION_FIGURES = Observation.FIGURE_FIELDS
RECORD_STAMPS = (
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "published_at",
    "published_by",
)


class ObservationInline(admin.TabularInline):
    model = Observation
    form = ObservationInlineForm
    formset = ObservationInlineFormSet
    fields = (
        "period_end",
        "period_label",
        *OBSERVATION_FIGURES,
        "provisional",
        "state",
        "source",
    )
    extra = 0
    show_change_link = True
    ordering = ("-period_end",)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # inlineformset_factory builds a new form class on every call, so this
        # setting belongs to this request alone.
        formset.may_publish = formset.form.may_publish = may_publish(request.user)
        return formset

    def get_readonly_fields(self, request, obj=None):
        return () if may_publish(request.user) else ("state",)


class PublishedAssessmentInline(admin.TabularInline):
    model = PublishedAssessment
    fields = ("period_end", "period_label", "publication", "figure", "judgement", "state")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    ordering = ("-period_end",)

    def has_add_permission(self, request, obj=None):
        return False


class ExpectedReleaseInline(admin.StackedInline):
    """The release calendar: each release that will bring this target's figures for a
    period. It stays awaited until a published figure for that period is held."""

    model = ExpectedRelease
    fields = (
        ("title", "publisher"),
        ("expected_on", "expected_month_only"),
        ("period_end", "period_label"),
        "what_to_import",
        "source_url",
    )
    extra = 0
    ordering = ("expected_on",)


@admin.register(Target)
class TargetAdmin(HistoryAdmin):
    list_display = (
        "short_title",
        "strategy",
        "kind",
        "parameter",
        "baseline_date",
        "target_date",
        "status",
        "published_figures",
        "draft_figures",
    )
    list_filter = ("strategy", "kind", "value_type")
    search_fields = ("title", "short_title", "slug", "indicator")
    prepopulated_fields = {"slug": ("short_title",)}
    autocomplete_fields = ("strategy",)
    inlines = (ObservationInline, PublishedAssessmentInline, ExpectedReleaseInline)
    readonly_fields = ("status_and_reason",)
    fieldsets = (
        (None, {"fields": ("strategy", "title", "short_title", "slug", "order")}),
        ("Progress (from the published records)", {"fields": ("status_and_reason",)}),
        (
            "What is measured",
            {
                "fields": (
                    "indicator",
                    "subset_indicator",
                    "unit",
                    "value_type",
                    "higher_is_better",
                    "source",
                    "source_url",
                )
            },
        ),
        (
            "The target",
            {
                "fields": (
                    "kind",
                    "parameter",
                    "comparator",
                    "comparator_reason",
                    "gap_measure",
                    "baseline_date",
                    "baseline_date_assumed",
                    "target_date",
                    "tolerance",
                )
            },
        ),
        ("Explanation for the public", {"fields": ("methodology", "history_note")}),
        (
            "Release calendar and imports",
            {
                "fields": (
                    "release_pattern",
                    "nomis_variable",
                    "comparator_codes",
                )
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_record_versions()
            .annotate(
                published_count=Count(
                    "observations", filter=Q(observations__state=Observation.State.PUBLISHED)
                ),
                draft_count=Count(
                    "observations", filter=Q(observations__state=Observation.State.DRAFT)
                ),
            )
        )

    def get_changelist_instance(self, request):
        """The page's targets take their verdicts from the cached standings in one go, as
        the public dashboards do, rather than loading every figure of every target."""
        changelist = super().get_changelist_instance(request)
        targets = list(changelist.result_list)
        for target, standing in zip(targets, standings_for(targets), strict=True):
            target._verdict = standing.verdict
        return changelist

    def verdict(self, target):
        if not hasattr(target, "_verdict"):
            target._verdict = verdict_for(target)
        return target._verdict

    @admin.display(description="status")
    def status(self, target):
        return STATUS_WORDS[self.verdict(target).status]

    @admin.display(description="status and why")
    def status_and_reason(self, target):
        verdict = self.verdict(target)
        return f"{STATUS_WORDS[verdict.status]}. {verdict.status_reason}"

    @admin.display(description="published figures", ordering="published_count")
    def published_figures(self, target):
        return target.published_count

    @admin.display(description="drafts", ordering="draft_count")
    def draft_figures(self, target):
        return target.draft_count

    def save_formset(self, request, form, formset, change):
        if formset.model is not Observation:
            return super().save_formset(request, form, formset, change)
        observations = formset.save(commit=False)
        for observation in formset.deleted_objects:
            observation.delete()
        for observation in observations:
            record_edit(observation, request.user)
            observation.save()
        formset.save_m2m()


class PublishableAdmin(HistoryAdmin):
    """The draft → publish rule for a kind of record: officers enter and change drafts,
    only those with the model's publish permission publish or touch published ones."""

    actions = ("publish_selected",)
    readonly_fields = RECORD_STAMPS

    def may_publish(self, request) -> bool:
        return may_publish(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory builds a new class on every call: the flag is this request's.
        form.may_publish = self.may_publish(request)
        return form

    def get_readonly_fields(self, request, obj=None):
        if self.may_publish(request):
            return self.readonly_fields
        return (*self.readonly_fields, "state")

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not self.may_publish(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not self.may_publish(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.may_publish(request):
            # Bulk deletion cannot tell drafts from published records.
            actions.pop("delete_selected", None)
        return actions

    def has_publish_permission(self, request):
        return self.may_publish(request)

    def save_model(self, request, obj, form, change):
        record_edit(obj, request.user)
        super().save_model(request, obj, form, change)

    @admin.action(permissions=["publish"], description="Publish the selected drafts")
    def publish_selected(self, request, queryset):
        try:
            count = publish(queryset.select_related("target"), request.user)
        except ValidationError as error:
            self.message_user(request, f"Nothing was published. {error.message}", messages.ERROR)
            return
        self.message_user(
            request, f"Published {count} {model_ngettext(self.opts, count)}.", messages.SUCCESS
        )


@admin.register(Observation)
class ObservationAdmin(PublishableAdmin):
    form = ObservationForm
    list_display = (
        "target",
        "period_label",
        "period_end",
        *OBSERVATION_FIGURES,
        "provisional",
        "revised",
        "state",
        "updated_at",
    )
    list_filter = ("state", "provisional", "revised", "derived", "target__strategy", "target")
    list_select_related = ("target",)
    search_fields = ("target__title", "target__short_title", "period_label", "source", "notes")
    autocomplete_fields = ("target",)
    date_hierarchy = "period_end"
    ordering = ("target", "-period_end")
    readonly_fields = (*RECORD_STAMPS, "revised")
    fieldsets = (
        (None, {"fields": ("target", "period_end", "period_label")}),
        (
            "Figures",
            {
                "fields": (
                    *OBSERVATION_FIGURES,
                    ("confidence_lower", "confidence_upper"),
                    "provisional",
                    "revised",
                )
            },
        ),
        (
            "Source",
            {"fields": ("source", "source_url", "release", "released_on", "derived", "notes")},
        ),
        ("Publication", {"fields": ("state", "published_at", "published_by")}),
        ("Revision", {"fields": ("revision_reason",)}),
        ("Record", {"fields": ("created_at", "created_by", "updated_at", "updated_by")}),
    )

    def save_model(self, request, obj, form, change):
        if form.is_revision():
            mark_revised(obj, form.cleaned_data["revision_reason"])
        super().save_model(request, obj, form, change)

    def get_urls(self):
        import_page = self.admin_site.admin_view(partial(import_observations, model_admin=self))
        example = self.admin_site.admin_view(partial(example_file, model_admin=self))
        return [
            path("import/", import_page, name="targets_observation_import"),
            path("import/example.csv", example, name="targets_observation_import_example"),
            *super().get_urls(),
        ]


@admin.register(PublishedAssessment)
class PublishedAssessmentAdmin(PublishableAdmin):
    form = PublishedAssessmentForm
    list_display = (
        "target",
        "period_label",
        "publication",
        "figure",
        "judgement",
        "period_end_assumed",
        "state",
    )
    list_filter = ("state", "period_end_assumed", "target__strategy", "target")
    list_select_related = ("target",)
    search_fields = ("publication", "statement", "judgement", "target__short_title")
    autocomplete_fields = ("target", "meeting")
    date_hierarchy = "period_end"
    ordering = ("target", "-period_end")
    fieldsets = (
        (None, {"fields": ("target", "publication", "published_on", "source_url")}),
        ("Period covered", {"fields": ("period_end", "period_label", "period_end_assumed")}),
        ("What it says", {"fields": ("statement", "figure", "judgement", "notes", "meeting")}),
        ("Publication", {"fields": ("state", "published_at", "published_by")}),
        ("Record", {"fields": ("created_at", "created_by", "updated_at", "updated_by")}),
    )


@admin.register(ExpectedRelease)
class ExpectedReleaseAdmin(HistoryAdmin):
    """The release calendar across targets; the officer's desk lists those due or out
    without their figures."""

    list_display = ("title", "target", "period_label", "expected_on", "publisher")
    list_filter = ("target", "publisher")
    search_fields = ("title", "period_label", "target__short_title", "what_to_import")
    autocomplete_fields = ("target",)
    date_hierarchy = "expected_on"
    fields = ExpectedReleaseInline.fields
