from functools import partial

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as delete_selected_records
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from strategy.admin import FiguresAsWritten, HistoryAdmin, figure_column
from targets.forms import (
    ObservationForm,
    ObservationInlineForm,
    ObservationInlineFormSet,
    PublishedAssessmentForm,
    WithdrawalForm,
)
from targets.import_views import example_file, import_observations
from targets.models import (
    ExpectedRelease,
    Observation,
    PublishedAssessment,
    Target,
    published_records,
)
from targets.progress import STATUS_WORDS
from targets.publishing import delete_drafts, may_publish, publish, save_record, withdraw
from targets.standings import standings_for, verdict_for

OBSERVATION_FIGURES = Observation.FIGURE_FIELDS
RECORD_STAMPS = (
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "published_at",
    "published_by",
)
WITHDRAWAL_FIELDS = ("withdrawn_at", "withdrawn_by", "withdrawal_reason")


class ObservationInline(admin.TabularInline):
    model = Observation
    formfield_overrides = FiguresAsWritten.formfield_overrides
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
        formset.form.user = request.user
        return formset

    def get_queryset(self, request):
        # A withdrawn figure stays on record, on its own page, not among the figures.
        return super().get_queryset(request).exclude(state=Observation.State.WITHDRAWN)

    def get_readonly_fields(self, request, obj=None):
        return () if may_publish(request.user) else ("state",)


class PublishedAssessmentInline(admin.TabularInline):
    model = PublishedAssessment
    fields = (
        "period_end",
        "period_label",
        "publication",
        figure_column(PublishedAssessment, "figure"),
        "judgement",
        "state",
    )
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
    autocomplete_fields = ("strategy", "comparator")
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
                )
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
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
        """The page's targets take their standings from the cache in one go, as the
        public dashboards do, rather than loading every figure of every target."""
        changelist = super().get_changelist_instance(request)
        targets = list(changelist.result_list)
        for target, standing in zip(targets, standings_for(targets), strict=True):
            target.standing = standing
        return changelist

    def verdict(self, target):
        """From the list's standings, or, on a target's own page, from its records."""
        if hasattr(target, "standing"):
            return target.standing.verdict
        if not hasattr(target, "published_observations"):
            prefetch_related_objects([target], *published_records())
        return verdict_for(target)

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
        delete_drafts(formset.deleted_objects, request.user)
        for observation in observations:
            save_record(observation, request.user)
        formset.save_m2m()


class PublishableAdmin(HistoryAdmin):
    """The draft → publish → withdraw workflow for a kind of record, as
    `targets.publishing` rules it: officers enter, change and delete drafts; only those
    with the model's publish permission publish, change what is published or withdraw
    it, with a reason; a withdrawn record stays on record, unchangeable."""

    actions = ("publish_selected", "withdraw_selected", "delete_selected")
    readonly_fields = (*RECORD_STAMPS, *WITHDRAWAL_FIELDS)
    change_form_template = "admin/targets/publishable_change_form.html"

    def may_publish(self, request) -> bool:
        return may_publish(request.user, self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory builds a new class on every call: the user is this request's.
        form.user = request.user
        return form

    def get_readonly_fields(self, request, obj=None):
        if self.may_publish(request):
            return self.readonly_fields
        return (*self.readonly_fields, "state")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_withdrawn:
            return (*fieldsets, ("Withdrawal", {"fields": WITHDRAWAL_FIELDS}))
        return fieldsets

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "state":
            # Withdrawing asks for a reason, on its own page: it is not a choice here.
            kwargs["choices"] = [
                choice for choice in db_field.choices if choice[0] != self.model.State.WITHDRAWN
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_withdrawn:
            return False
        if obj is not None and obj.is_published and not self.may_publish(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_draft:
            return False
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return self.may_publish(request)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_withdraw"] = obj is not None and obj.is_published and self.may_publish(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return  # Nothing to record: no new version in the history.
        reason = form.cleaned_data.get("revision_reason", "")
        save_record(obj, request.user, revision_reason=reason)

    def get_urls(self):
        opts = self.opts
        withdraw_page = self.admin_site.admin_view(self.withdraw_view)
        return [
            path(
                "<path:object_id>/withdraw/",
                withdraw_page,
                name=f"{opts.app_label}_{opts.model_name}_withdraw",
            ),
            *super().get_urls(),
        ]

    @admin.action(permissions=["publish"], description="Publish the selected drafts")
    def publish_selected(self, request, queryset):
        try:
            published = publish(queryset.select_related("target"), request.user)
        except (PermissionDenied, ValidationError) as error:
            problem = error.message if isinstance(error, ValidationError) else str(error)
            self.message_user(request, f"Nothing was published. {problem}", messages.ERROR)
            return
        for record in published:
            self.log_change(request, record, "Published.")
        count = len(published)
        self.message_user(
            request, f"Published {count} {model_ngettext(self.opts, count)}.", messages.SUCCESS
        )

    @admin.action(permissions=["publish"], description="Withdraw the selected published records")
    def withdraw_selected(self, request, queryset):
        records = list(queryset.select_related("target"))
        not_published = [record for record in records if not record.is_published]
        if not_published:
            names = ", ".join(str(record) for record in not_published)
            self.message_user(
                request,
                f"Nothing was withdrawn: only published records are withdrawn, and these are "
                f"not: {names}. Delete drafts instead.",
                messages.ERROR,
            )
            return None
        return self.withdrawal_page(request, records, bulk=True)

    @admin.action(permissions=["delete"], description="Delete the selected drafts")
    def delete_selected(self, request, queryset):
        """Django's deletion, with its confirmation page, for drafts only: published
        records are withdrawn with a reason instead."""
        kept = [record for record in queryset if not record.is_draft]
        if kept:
            names = ", ".join(str(record) for record in kept)
            self.message_user(
                request,
                f"Nothing was deleted: only drafts are deleted, and these are not: {names}. "
                "Withdraw a published record instead, giving the reason.",
                messages.ERROR,
            )
            return None
        return delete_selected_records(self, request, queryset)

    def withdraw_view(self, request, object_id):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            raise Http404(f"There is no {self.opts.verbose_name} with this id.")
        if not self.may_publish(request):
            raise PermissionDenied
        if not record.is_published:
            self.message_user(
                request,
                f"Only a published {self.opts.verbose_name} is withdrawn: this one is "
                f"{record.get_state_display().lower()}.",
                messages.ERROR,
            )
            return redirect(self.change_url(record))
        return self.withdrawal_page(request, [record], bulk=False)

    def withdrawal_page(self, request, records, *, bulk: bool):
        """Ask why, then withdraw: for one record from its page, or for the selected."""
        form = WithdrawalForm(request.POST if "withdrawal_reason" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["withdrawal_reason"]
            try:
                withdraw(records, request.user, reason)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                for record in records:
                    self.log_change(request, record, f"Withdrawn: {reason}")
                count = len(records)
                self.message_user(
                    request,
                    f"Withdrew {count} {model_ngettext(self.opts, count)}. The public pages say "
                    "so, with the reason.",
                    messages.SUCCESS,
                )
                if bulk:
                    return None
                return redirect(self.change_url(records[0]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Withdraw {model_ngettext(self.opts, len(records))}",
            "opts": self.opts,
            "records": records,
            "form": form,
            "bulk": bulk,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/targets/withdraw.html", context)

    def change_url(self, record) -> str:
        opts = self.opts
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


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
    autocomplete_fields = ("target", "area")
    date_hierarchy = "period_end"
    ordering = ("target", "-period_end")
    readonly_fields = (*RECORD_STAMPS, *WITHDRAWAL_FIELDS, "revised")
    fieldsets = (
        (None, {"fields": ("target", "area", "period_end", "period_label")}),
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
