from csp.constants import UNSAFE_HASHES
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.decorators import method_decorator
from simple_history.admin import SimpleHistoryAdmin

# The Users page, where a site administrator manages colleagues.
import strategy.accounts_admin  # noqa: F401
from strategy.models import (
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


class HistoryAdmin(SimpleHistoryAdmin):
    """Change history in the admin, where reverting to an old version is a change.

    django-simple-history saves a revert with only the view permission on the old
    version; here it needs the permission to change the record as it stands now.
    """

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


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "publisher", "published", "end_year", "aligns_to")
    list_filter = ("kind", "status")
    search_fields = ("title", "short_title", "summary", "vision")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("aligns_to",)
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
class KeyFactAdmin(admin.ModelAdmin):
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
