from django.contrib import admin
from django.contrib.admin.utils import unquote

from propositions.models import (
    Milestone,
    Proposition,
    PropositionPartner,
    PropositionTarget,
    PropositionUpdate,
)
from strategy.admin import HistoryAdmin
from strategy.history import with_changes


class PartnerInline(admin.TabularInline):
    model = PropositionPartner
    extra = 0
    autocomplete_fields = ("organisation",)


class LinkedTargetInline(admin.TabularInline):
    model = PropositionTarget
    extra = 0
    autocomplete_fields = ("target",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = (
        "title",
        "due_date",
        "due_date_precision",
        "due_date_approximate",
        "status",
        "achieved_on",
        "order",
    )


class UpdateInline(admin.StackedInline):
    model = PropositionUpdate
    extra = 0
    fields = ("date", "title", "text", "source_url", "meeting")
    autocomplete_fields = ("meeting",)


@admin.register(Proposition)
class PropositionAdmin(HistoryAdmin):
    list_display = ("name", "area", "status", "lead", "funding_sought", "funding_secured")
    list_filter = ("status", "area", "strategy", "grand_challenges", "sector_deals")
    list_select_related = ("area", "lead")
    search_fields = ("name", "summary", "detail", "lead__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("strategy", "area", "lead")
    filter_horizontal = ("grand_challenges", "sector_deals")
    inlines = (PartnerInline, LinkedTargetInline, MilestoneInline, UpdateInline)
    fieldsets = (
        (None, {"fields": ("strategy", "area", "name", "slug", "status", "order")}),
        ("What it is", {"fields": ("summary", "detail")}),
        ("Who", {"fields": ("lead", "asks_of_government", "role_of_regional_partners")}),
        (
            "Funding and dates",
            {
                "fields": (
                    "funding_sought",
                    "funding_secured",
                    "funding_note",
                    "start_date",
                    "end_date",
                    "date_precision",
                )
            },
        ),
        ("UK Industrial Strategy", {"fields": ("grand_challenges", "sector_deals")}),
    )
    object_history_template = "admin/propositions/proposition/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        """Its own versions, and below them those of its milestones and updates, which
        officers edit on the same page."""
        object_id = unquote(object_id)
        parts = parts_history(object_id) if object_id.isdigit() else []
        context = {"related_history": parts, **(extra_context or {})}
        return super().history_view(request, object_id, context)


def parts_history(proposition_id) -> list:
    """The versions of a proposition's milestones and updates, newest first, each with
    what it changed and a `part` and `title` to name it."""
    versions = []
    for model, part in ((Milestone, "Milestone"), (PropositionUpdate, "Update")):
        records = model.history.filter(proposition_id=proposition_id).select_related("history_user")
        for record in with_changes(records, model):
            record.part = part
            versions.append(record)
    return sorted(versions, key=lambda record: record.history_date, reverse=True)


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
    list_display = ("title", "proposition", "due", "status", "achieved_on")
    list_filter = ("status", "proposition")
    list_select_related = ("proposition",)
    search_fields = ("title", "notes", "proposition__name")
    autocomplete_fields = ("proposition",)

    @admin.display(description="due", ordering="due_date")
    def due(self, milestone):
        return milestone.due_date_display or "—"


@admin.register(PropositionUpdate)
class PropositionUpdateAdmin(HistoryAdmin):
    list_display = ("title", "proposition", "date")
    list_filter = ("proposition",)
    list_select_related = ("proposition",)
    search_fields = ("title", "text", "proposition__name")
    autocomplete_fields = ("proposition",)
    date_hierarchy = "date"


@admin.register(PropositionPartner)
class PropositionPartnerAdmin(admin.ModelAdmin):
    list_display = ("organisation", "role", "proposition")
    list_filter = ("role",)
    list_select_related = ("organisation", "proposition")
    search_fields = ("organisation__name", "proposition__name")
    autocomplete_fields = ("organisation", "proposition")


@admin.register(PropositionTarget)
class PropositionTargetAdmin(admin.ModelAdmin):
    list_display = ("target", "relationship", "proposition")
    list_filter = ("relationship",)
    list_select_related = ("target", "proposition")
    search_fields = ("target__title", "proposition__name")
    autocomplete_fields = ("target", "proposition")
