"""Organisations, governance bodies, meetings and the strategy's timeline in the REST API
(v1 contract). The timeline is published as `milestones`."""

from django.db.models import F
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from governance.models import (
    Decision,
    GovernanceBody,
    Meeting,
    Membership,
    Organisation,
    TimelineEntry,
)
from strategy.api import SLUG_PATTERN, slugs
from strategy.filters import SlugFilter

APPROXIMATE = "True when the source does not make the date clear."


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ("slug", "name", "short_name", "kind", "gss_code", "description", "url")
        extra_kwargs = {
            "slug": {"help_text": "The organisation's identifier in the API's addresses."}
        }


class MembershipSerializer(serializers.ModelSerializer):
    organisation = slugs(help_text="The organisation's slug.")
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Membership
        fields = ("organisation", "organisation_name", "person", "role", "note")
        extra_kwargs = {"person": {"help_text": "The member's name; empty when not named."}}


class GovernanceBodySerializer(serializers.ModelSerializer):
    organisation = slugs(allow_null=True, help_text="The slug of the organisation hosting it.")
    reports_to = slugs(allow_null=True, help_text="The slug of the body it reports to.")
    strategy = slugs(help_text="The slug of the strategy it governs.")
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = GovernanceBody
        fields = (
            "slug",
            "name",
            "role",
            "description",
            "organisation",
            "reports_to",
            "meeting_frequency",
            "strategy",
            "members",
        )
        extra_kwargs = {"slug": {"help_text": "The body's identifier in the API's addresses."}}


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ("outcome", "text")


class MeetingSerializer(serializers.ModelSerializer):
    body = slugs(help_text="The governance body's slug.")
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = (
            "id",
            "body",
            "date",
            "date_precision",
            "date_approximate",
            "earliest",
            "latest",
            "title",
            "summary",
            "papers_url",
            "decisions",
        )
        extra_kwargs = {"date_approximate": {"help_text": APPROXIMATE}}


class TimelineEntrySerializer(serializers.ModelSerializer):
    strategy = slugs(help_text="The strategy's slug.")
    bodies = slugs(many=True, help_text="Slugs of the governance bodies involved.")
    organisations = slugs(many=True, help_text="Slugs of the organisations taking part.")
    meeting = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The id of the meeting where it happened."
    )

    class Meta:
        model = TimelineEntry
        fields = (
            "id",
            "strategy",
            "track",
            "title",
            "description",
            "status",
            "date",
            "end_date",
            "date_precision",
            "date_approximate",
            "earliest",
            "latest",
            "bodies",
            "organisations",
            "meeting",
        )
        extra_kwargs = {
            "date": {"help_text": "When it happened or began; null for steps to come."},
            "date_approximate": {"help_text": APPROXIMATE},
        }


class OrganisationFilter(filters.FilterSet):
    class Meta:
        model = Organisation
        fields = ("kind",)


class GovernanceBodyFilter(filters.FilterSet):
    strategy = SlugFilter(field_name="strategy__slug", help_text="A strategy's slug.")
    organisation = SlugFilter(field_name="organisation__slug", help_text="An organisation's slug.")

    class Meta:
        model = GovernanceBody
        fields = ("strategy", "role", "organisation")


class MeetingFilter(filters.FilterSet):
    body = SlugFilter(field_name="body__slug", help_text="A governance body's slug.")
    after = filters.DateFilter(
        field_name="date", lookup_expr="gte", help_text="Meetings on or after this date."
    )
    before = filters.DateFilter(
        field_name="date", lookup_expr="lte", help_text="Meetings on or before this date."
    )

    class Meta:
        model = Meeting
        fields = ("body", "after", "before")


class TimelineEntryFilter(filters.FilterSet):
    strategy = SlugFilter(field_name="strategy__slug", help_text="A strategy's slug.")
    after = filters.DateFilter(
        field_name="date",
        lookup_expr="gte",
        help_text="Entries dated on or after this date; steps to come have no date.",
    )
    before = filters.DateFilter(
        field_name="date",
        lookup_expr="lte",
        help_text="Entries dated on or before this date; steps to come have no date.",
    )

    class Meta:
        model = TimelineEntry
        fields = ("strategy", "track", "status", "after", "before")


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The organisations named in the strategy: those that lead or partner in propositions,
    sit on its governance bodies or took part in its development."""

    queryset = Organisation.objects.all()
    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = OrganisationFilter
    ordering_fields = ("name", "slug", "kind")
    ordering = ("name",)


class GovernanceBodyViewSet(viewsets.ReadOnlyModelViewSet):
    """The bodies that govern the strategy, with their role, their members (chairs first)
    and the body each reports to."""

    # The governance page's reads, so that a body's members come in the page's order.
    queryset = GovernanceBody.objects.for_governance_page()
    serializer_class = GovernanceBodySerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = GovernanceBodyFilter
    ordering_fields = ("order", "slug", "name", "role")
    ordering = ("strategy__order", "order", "name")


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """The governance bodies' meetings, newest first, with the decisions recorded at each."""

    # The governance page's reads, so that the decisions come in the page's order;
    # `ordering` below orders the meetings themselves.
    queryset = Meeting.objects.newest_first_with_decisions()
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ("date", "id")
    ordering = ("-date", "id")


class TimelineEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The timeline of how the strategy was developed, and its next steps."""

    # The timeline page's reads, so that the bodies and organisations come in the page's
    # order; `ordering` below orders the entries themselves.
    queryset = TimelineEntry.objects.for_timeline()
    serializer_class = TimelineEntrySerializer
    filterset_class = TimelineEntryFilter
    ordering_fields = ("date", "end_date", "order", "id")
    # Steps to come have no date: last in their track, whichever the database.
    ordering = ("strategy__order", "track", F("date").asc(nulls_last=True), "order", "id")
