"""Propositions in the REST API (v1 contract): who leads them, their partners, the
targets, grand challenges and sector deals they serve; the detail adds milestones and
progress updates."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.settings import api_settings

from propositions.models import (
    Milestone,
    Proposition,
    PropositionPartner,
    PropositionQuerySet,
    PropositionTarget,
    PropositionUpdate,
)
from strategy.api import PRECISION, SLUG_PATTERN, slugs
from strategy.filters import SearchFilter, SlugFilter


class PropositionPartnerSerializer(serializers.ModelSerializer):
    organisation = slugs(help_text="The organisation's slug.")
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, help_text="The organisation's name."
    )

    class Meta:
        model = PropositionPartner
        fields = ("organisation", "organisation_name", "role")
        extra_kwargs = {"role": {"help_text": "Its part in the proposition."}}


class PropositionTargetSerializer(serializers.ModelSerializer):
    target = slugs(help_text="The target's slug.")

    class Meta:
        model = PropositionTarget
        fields = ("target", "relationship")
        extra_kwargs = {
            "relationship": {
                "help_text": "Whether the target is the proposition's own or one of the "
                "strategy's that it contributes to."
            }
        }


class PropositionMilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = (
            "title",
            "due_date",
            "due_date_precision",
            "due_date_approximate",
            "status",
            "achieved_on",
            "notes",
        )
        extra_kwargs = {
            "title": {"help_text": "The milestone, in a few words."},
            "due_date": {"help_text": "When it is due; null if no date is set."},
            "due_date_precision": {"help_text": PRECISION},
            "due_date_approximate": {
                "help_text": "True when the source does not make the date clear."
            },
            "status": {"help_text": "Whether it is planned, achieved, missed or dropped."},
            "achieved_on": {"help_text": "When it was achieved; null until then."},
            "notes": {"help_text": "More about the milestone; may be empty."},
        }


class PropositionUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = PropositionUpdate
        fields = ("date", "title", "text", "source_url", "meeting")
        extra_kwargs = {
            "date": {"help_text": "When the progress was reported."},
            "title": {"help_text": "The update, in a few words."},
            "text": {"help_text": "The update."},
            "source_url": {"help_text": "Where it was reported; empty if not online."},
            "meeting": {
                "help_text": "The id of the governance meeting that reviewed it, if any "
                "(see the meetings resource)."
            },
        }


# The first record of the seed's list, as the API answers it (a test keeps it so).
PROPOSITION_EXAMPLE = {
    "slug": "digital-free-zones",
    "name": "Digital Free Zones proposition to facilitate trade and competitive advantage.",
    "strategy": "north-east-lis",
    "area": "advanced-manufacturing",
    "status": "proposed",
    "summary": "A preferred Free Zone model for the North East: expanded Free Port facilities in "
    "key ports and digital Free Trade Zones, to optimise the flow of goods between the "
    "UK and other countries.",
    "detail": "A preferred Free Zone model for the North East is likely to include measures that "
    "the UK Government and regional partners could implement to optimise the flow of "
    "goods between the UK and other countries and maintain the competitiveness of UK "
    "business. It is likely to include:\n"
    "Expanded Free Port facilities in key ports (potentially also include the airport) "
    "in the region.\n"
    "The use of technology to create digital Free Trade Zones, across selected "
    "geographic sites, using supply monitoring technology to optimise the use of duty "
    "suspensions and processing reliefs in multi-tier supply chains.",
    "lead": None,
    "partners": [
        {
            "organisation": "hm-government",
            "organisation_name": "HM Government",
            "role": "government",
        }
    ],
    "asks_of_government": "Measures that the UK Government and regional partners could implement "
    "to optimise the flow of goods between the UK and other countries and "
    "maintain the competitiveness of UK business, in a preferred Free Zone "
    "model for the North East.",
    "role_of_regional_partners": "",
    "funding_sought": None,
    "funding_secured": None,
    "funding_note": "",
    "start_date": None,
    "end_date": None,
    "date_precision": "month",
    "grand_challenges": [],
    "sector_deals": [],
    "targets": [],
}


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Seed proposition",
            summary="digital-free-zones, the first of the seed's list",
            value=PROPOSITION_EXAMPLE,
            response_only=True,
        )
    ]
)
class PropositionSerializer(serializers.ModelSerializer):
    strategy = slugs(help_text="The strategy's slug.")
    area = slugs(help_text="The slug of its area of strategic importance.")
    lead = slugs(allow_null=True, help_text="The lead organisation's slug.")
    partners = PropositionPartnerSerializer(
        source="propositionpartner_set",
        many=True,
        read_only=True,
        help_text="The organisations that partner in it, by name.",
    )
    grand_challenges = slugs(many=True, help_text="Slugs of the grand challenges it serves.")
    sector_deals = slugs(many=True, help_text="Slugs of the sector deals it serves.")
    targets = PropositionTargetSerializer(
        source="propositiontarget_set",
        many=True,
        read_only=True,
        help_text="The targets it serves: its own, or the strategy's it contributes to.",
    )

    class Meta:
        model = Proposition
        fields = (
            "slug",
            "name",
            "strategy",
            "area",
            "status",
            "summary",
            "detail",
            "lead",
            "partners",
            "asks_of_government",
            "role_of_regional_partners",
            "funding_sought",
            "funding_secured",
            "funding_note",
            "start_date",
            "end_date",
            "date_precision",
            "grand_challenges",
            "sector_deals",
            "targets",
        )
        extra_kwargs = {
            "slug": {"help_text": "The proposition's identifier in the API's addresses."},
            "status": {"help_text": "Where the proposition is, from proposed to complete."},
            "asks_of_government": {"help_text": "What is asked of government; may be empty."},
            "role_of_regional_partners": {
                "help_text": "What the region's partners do for it; may be empty."
            },
            "funding_sought": {"help_text": "In pounds; null if not stated."},
            "funding_secured": {"help_text": "In pounds; null if not stated."},
            "funding_note": {"help_text": "More about its funding; may be empty."},
            "start_date": {"help_text": "When it starts or started; null if unknown."},
            "end_date": {"help_text": "When it ends or ended; null if unknown."},
            "date_precision": {"help_text": PRECISION},
        }


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Seed proposition",
            summary="digital-free-zones, the first of the seed's list",
            value={**PROPOSITION_EXAMPLE, "milestones": [], "updates": []},
            response_only=True,
        )
    ]
)
class PropositionDetailSerializer(PropositionSerializer):
    milestones = PropositionMilestoneSerializer(
        many=True, read_only=True, help_text="Its milestones, by due date."
    )
    updates = PropositionUpdateSerializer(
        source="latest_updates", many=True, read_only=True, help_text="Newest first."
    )

    class Meta(PropositionSerializer.Meta):
        fields = (*PropositionSerializer.Meta.fields, "milestones", "updates")


class PropositionFilter(filters.FilterSet):
    strategy = SlugFilter(field_name="strategy__slug", help_text="A strategy's slug.")
    area = SlugFilter(field_name="area__slug", help_text="An area of strategic importance's slug.")
    grand_challenge = SlugFilter(
        field_name="grand_challenges__slug", help_text="A grand challenge's slug."
    )
    sector_deal = SlugFilter(field_name="sector_deals__slug", help_text="A sector deal's slug.")
    lead = SlugFilter(field_name="lead__slug", help_text="The lead organisation's slug.")

    class Meta:
        model = Proposition
        fields = ("strategy", "area", "status", "grand_challenge", "sector_deal", "lead")


class PropositionViewSet(viewsets.ReadOnlyModelViewSet):
    """The Local Industrial Strategy's propositions, with their lead, partners and the
    targets, grand challenges and sector deals they serve; one proposition adds its
    milestones and progress updates."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filter_backends = (*api_settings.DEFAULT_FILTER_BACKENDS, SearchFilter)
    filterset_class = PropositionFilter
    search_fields = PropositionQuerySet.search_fields
    ordering_fields = ("order", "slug", "name", "status", "start_date", "end_date")
    ordering = ("strategy__order", "area__order", "order", "slug")

    def get_queryset(self):
        """The page's own reads, so that the API gives the linked records in the page's
        order: a proposition's links in a list, and its milestones and updates too in full."""
        if self.action == "retrieve":
            return Proposition.objects.for_detail()
        return Proposition.objects.with_links()

    def get_serializer_class(self):
        return PropositionDetailSerializer if self.action == "retrieve" else PropositionSerializer
