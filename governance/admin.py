from django.contrib import admin
from django.db.models import Count

from governance.models import (
    Decision,
    GovernanceBody,
    Meeting,
    Membership,
    Organisation,
    TimelineEntry,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "kind", "gss_code")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "gss_code")
    prepopulated_fields = {"slug": ("name",)}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(GovernanceBody)
class GovernanceBodyAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "reports_to", "meeting_frequency", "strategy", "order")
    list_filter = ("role", "strategy")
    list_select_related = ("reports_to", "strategy")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organisation", "reports_to", "strategy")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("organisation", "person", "role", "body", "note")
    list_filter = ("body", "role")
    list_select_related = ("organisation", "body")
    search_fields = ("organisation__name", "person", "note")
    autocomplete_fields = ("body", "organisation")


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "body", "when", "decision_count")
    list_filter = ("body", "date_approximate")
    list_select_related = ("body",)
    search_fields = ("title", "summary", "decisions__text")
    autocomplete_fields = ("body",)
    date_hierarchy = "date"
    inlines = (DecisionInline,)

    @admin.display(description="date", ordering="date")
    def when(self, meeting):
        return meeting.date_display

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(decision_total=Count("decisions"))

    @admin.display(description="decisions", ordering="decision_total")
    def decision_count(self, meeting):
        return meeting.decision_total


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("text", "outcome", "meeting")
    list_filter = ("outcome", "meeting__body")
    list_select_related = ("meeting__body",)
    search_fields = ("text", "meeting__title")
    autocomplete_fields = ("meeting",)


@admin.register(TimelineEntry)
class TimelineEntryAdmin(admin.ModelAdmin):
    list_display = ("title", "track", "status", "when", "strategy")
    list_filter = ("track", "status", "strategy", "date_approximate")
    list_select_related = ("strategy",)
    search_fields = ("title", "description")
    autocomplete_fields = ("strategy", "meeting")
    filter_horizontal = ("bodies", "organisations")

    @admin.display(description="when", ordering="date")
    def when(self, entry):
        return entry.date_display or "—"
