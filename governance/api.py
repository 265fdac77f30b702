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
PRECISION = "How much of the date is known (day, month or year): show it to that precision only."


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ("slug", "name", "short_name", "kind", "gss_code", "description", "url")
        extra_kwargs = {
            "slug": {"help_text": "The organisation's identifier in the API's addresses."},
            "name": {"help_text": "The organisation's name."},
            "short_name": {"help_text": "A short name or acronym, e.g. “NEAA”; may be empty."},
            "kind": {"help_text": "What kind of organisation it is."},
            "gss_code": {
                "help_text": "For a local authority or other area body: its ONS (GSS) code, "
                "e.g. E06000047 for County Durham; otherwise empty."
            },
            "description": {"help_text": "What it is and its part in the strategy."},
            "url": {"help_text": "Its website; empty if none is given."},
        }


class MembershipSerializer(serializers.ModelSerializer):
    organisation = slugs(help_text="The organisation's slug.")
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, help_text="The organisation's name."
    )

    class Meta:
        model = Membership
        fields = ("organisation", "organisation_name", "person", "role", "note")
        extra_kwargs = {
            "person": {"help_text": "The member's name; empty when not named."},
            "role": {"help_text": "Their part on the body."},
            "note": {"help_text": "More about the seat, e.g. “on behalf of four universities”."},
        }


class GovernanceBodySerializer(serializers.ModelSerializer):
    organisation = slugs(allow_null=True, help_text="The slug of the organisation hosting it.")
    reports_to = slugs(allow_null=True, help_text="The slug of the body it reports to.")
    strategy = slugs(help_text="The slug of the strategy it governs.")
    members = MembershipSerializer(
        source="memberships",
        many=True,
        read_only=True,
        help_text="Its members, chairs first.",
    )

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
        extra_kwargs = {
            "slug": {"help_text": "The body's identifier in the API's addresses."},
            "name": {"help_text": "The body's name."},
            "role": {"help_text": "What it does in governing the strategy."},
            "meeting_frequency": {"help_text": "How often it meets, e.g. “Monthly”."},
        }


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ("outcome", "text")
        extra_kwargs = {"outcome": {"help_text": "What came of the item."}}


class MeetingSerializer(serializers.ModelSerializer):
    body = slugs(help_text="The governance body's slug.")
    decisions = DecisionSerializer(
        many=True, read_only=True, help_text="The decisions recorded, in the minutes' order."
    )

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
        extra_kwargs = {
            "id": {"help_text": "The meeting's identifier in the API's addresses."},
            "date": {"help_text": "When it met (see date_precision)."},
            "date_precision": {"help_text": PRECISION},
            "date_approximate": {"help_text": APPROXIMATE},
            "title": {"help_text": "The meeting, as its papers name it."},
            "summary": {"help_text": "What it discussed, in a few sentences."},
            "papers_url": {"help_text": "Where its papers or minutes are; empty if not online."},
        }


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
            "id": {"help_text": "The entry's identifier in the API's addresses."},
            "track": {"help_text": "The timeline's track the step is on."},
            "title": {"help_text": "The step, in a few words."},
            "description": {"help_text": "What happened or will happen."},
            "status": {"help_text": "Whether the step is done, under way or to come."},
            "date": {"help_text": "When it happened or began; null for steps to come."},
            "date_precision": {"help_text": PRECISION},
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
