from csp.constants import UNSAFE_HASHES
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Count
from django.utils.decorators import method_decorator
from simple_history.admin import SimpleHistoryAdmin

# The Users page, where a site administrator manages colleagues.
import strategy.accounts_admin  # noqa: F401
from strategy.fields import FigureFormField, as_written
from strategy.history import OfficersHistoryContext
from strategy.models import (
    Area,
    AreaOfStrategicImportance,
    DiscussionQuestion,
    EvidenceReport,
    Finding,
    Foundation,
    GlossaryTerm,
    GrandChallenge,
    GrandChallengePriority,
    KeyFact,
    SectorDeal,
    SectorDealCommitment,
    Strategy,
    StrategyAim,
)

# sha256 of "border-top: 0", base64.
HISTORY_PAGINATOR_STYLE = "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"


def figure_column(model: type[models.Model], name: str):
    """A column (or read-only field) showing a decimal field as officers write it
    (72.88, 880,800), sortable by the field; any other name as it is."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if not isinstance(field, models.DecimalField):
        return name

    @admin.display(description=field.verbose_name, ordering=name)
    def column(record):
        value = getattr(record, name)
        return None if value is None else as_written(value)

    column.__name__ = name
    return column


class FiguresAsWritten:
    """Figures typed and shown as officers write them, in forms, lists and read-only
    pages, rather than with the six decimal places the database keeps."""

    formfield_overrides = {models.DecimalField: {"form_class": FigureFormField}}

    def get_list_display(self, request):
        return [figure_column(self.model, name) for name in super().get_list_display(request)]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # A page to view only: every field is read-only, so each may be a column.
        return [
            (title, {**options, "fields": [self._as_written(line) for line in options["fields"]]})
            for title, options in fieldsets
        ]

    def _as_written(self, line):
        if isinstance(line, (list, tuple)):
            return tuple(figure_column(self.model, name) for name in line)
        return figure_column(self.model, line)


class HistoryAdmin(FiguresAsWritten, SimpleHistoryAdmin):
    """Change history in the admin that officers can read (`strategy.history`), where
    saving an untouched form adds no version, and reverting to an old version is a change.

    django-simple-history saves a revert with only the view permission on the old
    version; here it needs the permission to change the record as it stands now.
    """

    def get_historical_record_context_helper(self, request, historical_record):
        return OfficersHistoryContext(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return  # Nothing to record: no new version in the history.
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # django-simple-history's history list has one inline style attribute (its paginator's
    # `style="border-top: 0"`), which the Content-Security-Policy would refuse: allow that
    # exact value, by its hash, on these pages only.
    @method_decorator(csp_update({"style-src-attr": [UNSAFE_HASHES, HISTORY_PAGINATOR_STYLE]}))
    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, object_id, extra_context)


class StrategyAimInline(admin.TabularInline):
    model = StrategyAim
    extra = 0


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "code")
    filter_horizontal = ("parts", "excluding")


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "publisher", "published", "end_year", "aligns_to")
    list_filter = ("kind", "status")
    search_fields = ("title", "short_title", "summary", "vision")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("aligns_to", "area")
    list_select_related = ("aligns_to",)
    inlines = (StrategyAimInline,)

    @admin.display(description="published", ordering="published_on")
    def published(self, strategy):
        return strategy.published_on_display or "—"


@admin.register(StrategyAim)
class StrategyAimAdmin(admin.ModelAdmin):
    list_display = ("text", "strategy", "order")
    list_filter = ("strategy",)
    search_fields = ("text",)


@admin.register(Foundation)
class FoundationAdmin(admin.ModelAdmin):
    list_display = ("name", "ambition", "strategy", "order")
    list_editable = ("order",)
    search_fields = ("name", "ambition")
    prepopulated_fields = {"slug": ("name",)}


class GrandChallengePriorityInline(admin.TabularInline):
    model = GrandChallengePriority
    extra = 0


@admin.register(GrandChallenge)
class GrandChallengeAdmin(admin.ModelAdmin):
    list_display = ("name", "strategy", "order")
    search_fields = ("name", "ambition")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (GrandChallengePriorityInline,)


@admin.register(GrandChallengePriority)
class GrandChallengePriorityAdmin(admin.ModelAdmin):
    list_display = ("text", "grand_challenge", "order")
    list_filter = ("grand_challenge",)
    search_fields = ("text",)


class SectorDealCommitmentInline(admin.TabularInline):
    model = SectorDealCommitment
    extra = 0


@admin.register(SectorDeal)
class SectorDealAdmin(admin.ModelAdmin):
    list_display = ("name", "strategy", "commitment_count", "order")
    search_fields = ("name", "summary")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (SectorDealCommitmentInline,)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("strategy")
        return queryset.annotate(commitment_total=Count("commitments"))

    @admin.display(description="key commitments", ordering="commitment_total")
    def commitment_count(self, deal):
        return deal.commitment_total


@admin.register(SectorDealCommitment)
class SectorDealCommitmentAdmin(admin.ModelAdmin):
    list_display = ("text", "sector_deal", "order")
    list_filter = ("sector_deal",)
    search_fields = ("text",)


@admin.register(AreaOfStrategicImportance)
class AreaOfStrategicImportanceAdmin(admin.ModelAdmin):
    list_display = ("name", "strategy", "order")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("grand_challenges", "sector_deals")


@admin.register(EvidenceReport)
class EvidenceReportAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "publisher", "strategy", "order")
    list_filter = ("kind", "strategy")
    search_fields = ("title", "description", "publisher")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(KeyFact)
class KeyFactAdmin(FiguresAsWritten, admin.ModelAdmin):
    list_display = ("subject", "statement", "qualifier", "value", "value_upper", "unit", "year")
    list_filter = ("area", "subject", "report")
    search_fields = ("subject", "statement", "source")
    autocomplete_fields = ("area", "report")


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "area", "report", "order")
    list_filter = ("kind", "area", "report")
    search_fields = ("title", "text")
    autocomplete_fields = ("area", "report")


@admin.register(DiscussionQuestion)
class DiscussionQuestionAdmin(admin.ModelAdmin):
    list_display = ("text", "topic", "parent", "strategy", "order")
    list_filter = ("topic", "strategy", "area")
    search_fields = ("text",)
    autocomplete_fields = ("parent", "strategy", "area")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ("term", "definition")
    search_fields = ("term", "definition")
    prepopulated_fields = {"slug": ("term",)}
