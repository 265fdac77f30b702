"""Strategies, grand challenges, sector deals and areas in the REST API (v1 contract),
and the references by slug that every app's resources use."""

import re
from collections.abc import Mapping

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, extend_schema_field, extend_schema_serializer
from rest_framework import serializers, viewsets

from strategy.filters import SlugFilter
from strategy.models import (
    GSS_CODE,
    GSS_CODE_PATTERN,
    Area,
    AreaOfStrategicImportance,
    GrandChallenge,
    SectorDeal,
    Strategy,
)

# What a slug can be (Django's SlugField). Paths and references that cannot be a slug are
# refused before they reach the database: on PostgreSQL a NUL character in a lookup is a
# database error, not a miss.
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


@extend_schema_field({"type": "string", "pattern": f"^{SLUG_PATTERN}$"})
class SlugReference(serializers.SlugRelatedField):
    """A reference to another record by its slug; a value that cannot be a slug is
    refused as not found, without a query."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not re.fullmatch(SLUG_PATTERN, data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class CountedInCSV(serializers.SerializerMethodField):
    """A list of objects in the JSON that a CSV cell gives as how many there are
    (strategy/site/api/csv.py): the objects themselves would not read as one cell.
    `csv_help_text` says what the count is, for the bulk download's datapackage.json."""

    counted_in_csv = True

    def __init__(self, csv_help_text: str, **kwargs):
        self.csv_help_text = csv_help_text
        super().__init__(**kwargs)


class RefusesUnknownFields:
    """A serializer's mixin: a field the record does not have, or may not be written, is
    a 400 naming it, where DRF would drop a misspelt field without a word. The schema's
    request bodies say `additionalProperties: false` (strategy/site/api/schema.py)."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            refused = {
                name: [
                    "This field is read-only."
                    if name in self.fields
                    else "Unknown field: it is not one of this record's."
                ]
                for name in data
                if name not in self.fields or self.fields[name].read_only
            }
            if refused:
                raise serializers.ValidationError(refused)
        return super().to_internal_value(data)


@extend_schema_field({"type": "string", "pattern": f"^{GSS_CODE_PATTERN}$"})
class AreaReference(serializers.SlugRelatedField):
    """A reference to an area by its GSS code; a value that cannot be one is refused as not
    found, without a query."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Area.objects.exclude(code=""), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and not GSS_CODE.regex.fullmatch(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


def slugs(**kwargs) -> serializers.SlugRelatedField:
    """The related records' slugs, read only."""
    return serializers.SlugRelatedField(slug_field="slug", read_only=True, **kwargs)


PRECISION = "How much of the date is known (day, month or year): show it to that precision only."


def texts(**kwargs) -> serializers.SlugRelatedField:
    """Related rows that are only text (aims, priorities, commitments), as strings."""
    return serializers.SlugRelatedField(slug_field="text", many=True, read_only=True, **kwargs)


NORTH_EAST_AUTHORITIES = [
    "E06000047",
    "E08000037",
    "E08000021",
    "E08000022",
    "E06000057",
    "E08000023",
    "E08000024",
]
# The first record of the seed's list, as the API answers it (a test keeps it so).
STRATEGY_EXAMPLE = {
    "slug": "north-east-sep",
    "title": "North East Strategic Economic Plan",
    "short_title": "SEP",
    "kind": "economic_plan",
    "publisher": "North East LEP",
    "status": "published",
    "published_on": "2014-01-01",
    "published_on_precision": "year",
    "start_year": 2014,
    "end_year": 2024,
    "summary": "The North East LEP’s Strategic Economic Plan, first published in 2014, refreshed "
    "in 2017 and refreshed again in 2019, with six targets to reach by 2024. The "
    "launch of the 2019 refresh is one of the steps on the North East Local Industrial "
    "Strategy’s timeline (between July 2018 and July 2019).",
    "vision": "Grow and develop North East economy",
    "aims": [],
    "aligns_to": None,
    "alignment": "",
    "area_name": "North East LEP area",
    "area_codes": NORTH_EAST_AUTHORITIES,
    "area": {
        "name": "North East LEP area",
        "code": "E37000025",
        "kind": "lep_area",
        "parts": NORTH_EAST_AUTHORITIES,
        "excluding": [],
    },
    "url": "",
}


class GSSAreaSerializer(serializers.ModelSerializer):
    """An area that figures are published for, by its ONS (GSS) code."""

    code = serializers.SerializerMethodField()
    parts = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text="The GSS codes of the areas whose figures add up to this one (its local "
        "authorities, or England for England excluding London); empty if none are held.",
    )
    excluding = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text="The GSS codes of the areas taken away from its parts: London for England "
        "excluding London; otherwise empty.",
    )

    class Meta:
        model = Area
        fields = ("name", "code", "kind", "parts", "excluding")
        extra_kwargs = {
            "name": {"help_text": "The area's name, e.g. “North East LEP area”."},
            "kind": {"help_text": "What kind of area it is; `derived` is made from others."},
        }

    @extend_schema_field(
        serializers.CharField(
            allow_null=True,
            help_text="The area's GSS code, e.g. E37000025; null for a derived area, which "
            "has none (see `parts` and `excluding`).",
        )
    )
    def get_code(self, area):
        return area.code or None


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Seed strategy",
            summary="north-east-sep, the first of the seed's list",
            value=STRATEGY_EXAMPLE,
            response_only=True,
        )
    ]
)
class StrategySerializer(serializers.ModelSerializer):
    aims = texts(help_text="The strategy's aims, as published, in order.")
    aligns_to = slugs(allow_null=True, help_text="The slug of the strategy this one aligns to.")
    area_name = serializers.SerializerMethodField()
    area_codes = serializers.SerializerMethodField()
    area = GSSAreaSerializer(
        read_only=True, allow_null=True, help_text="The area the strategy covers; null if none."
    )

    class Meta:
        model = Strategy
        fields = (
            "slug",
            "title",
            "short_title",
            "kind",
            "publisher",
            "status",
            "published_on",
            "published_on_precision",
            "start_year",
            "end_year",
            "summary",
            "vision",
            "aims",
            "aligns_to",
            "alignment",
            "area_name",
            "area_codes",
            "area",
            "url",
        )
        extra_kwargs = {
            "slug": {"help_text": "The strategy's identifier in the API's addresses."},
            "title": {"help_text": "The strategy's title, as published."},
            "kind": {"help_text": "What kind of strategy it is."},
            "status": {"help_text": "Where the strategy is in its life."},
            "published_on": {"help_text": "When it was or will be published; null if unknown."},
            "published_on_precision": {"help_text": PRECISION},
            "start_year": {"help_text": "The year the strategy runs from; null if unknown."},
            "end_year": {"help_text": "The year the strategy runs to; null if unknown."},
            "url": {"help_text": "Where the strategy is published; empty if not online."},
        }

    @extend_schema_field(
        serializers.ListField(
            child=serializers.CharField(),
            help_text="The GSS codes of the local authorities that make up the strategy's area.",
        )
    )
    def get_area_codes(self, strategy):
        """The GSS codes of the local authorities that make up the strategy's area."""
        return strategy.area_code_list

    @extend_schema_field(
        serializers.CharField(help_text="The name of the strategy's area; empty if none.")
    )
    def get_area_name(self, strategy):
        return strategy.area.name if strategy.area else ""


class GrandChallengeSerializer(serializers.ModelSerializer):
    strategy = slugs(help_text="The strategy's slug.")
    priorities = texts(help_text="Its early priorities, as published.")

    class Meta:
        model = GrandChallenge
        fields = ("slug", "name", "ambition", "strategy", "priorities")
        extra_kwargs = {
            "slug": {"help_text": "The grand challenge's identifier in the API's addresses."},
            "name": {"help_text": "The grand challenge's name."},
        }


class SectorDealSerializer(serializers.ModelSerializer):
    strategy = slugs(help_text="The strategy's slug.")
    commitments = texts(help_text="Its key commitments, as published.")

    class Meta:
        model = SectorDeal
        fields = ("slug", "name", "summary", "strategy", "commitments")
        extra_kwargs = {
            "slug": {"help_text": "The sector deal's identifier in the API's addresses."},
            "name": {"help_text": "The sector deal's name."},
            "summary": {"help_text": "What the deal is, in a sentence or two."},
        }


class AreaSerializer(serializers.ModelSerializer):
    strategy = slugs(help_text="The strategy's slug.")
    grand_challenges = slugs(many=True, help_text="Slugs of the grand challenges it relates to.")
    sector_deals = slugs(many=True, help_text="Slugs of the sector deals it relates to.")

    class Meta:
        model = AreaOfStrategicImportance
        fields = ("slug", "name", "description", "strategy", "grand_challenges", "sector_deals")
        extra_kwargs = {
            "slug": {"help_text": "The area's identifier in the API's addresses."},
            "name": {"help_text": "The area of strategic importance's name."},
            "description": {"help_text": "What the area covers and why it matters."},
        }


class StrategyFilter(filters.FilterSet):
    aligns_to = SlugFilter(field_name="aligns_to__slug", help_text="A strategy's slug.")

    class Meta:
        model = Strategy
        fields = ("kind", "status", "aligns_to")


class GrandChallengeFilter(filters.FilterSet):
    strategy = SlugFilter(field_name="strategy__slug", help_text="A strategy's slug.")

    class Meta:
        model = GrandChallenge
        fields = ("strategy",)


class SectorDealFilter(filters.FilterSet):
    strategy = SlugFilter(field_name="strategy__slug", help_text="A strategy's slug.")

    class Meta:
        model = SectorDeal
        fields = ("strategy",)


class AreaFilter(filters.FilterSet):
    strategy = SlugFilter(field_name="strategy__slug", help_text="A strategy's slug.")
    grand_challenge = SlugFilter(
        field_name="grand_challenges__slug", help_text="A grand challenge's slug."
    )
    sector_deal = SlugFilter(field_name="sector_deals__slug", help_text="A sector deal's slug.")

    class Meta:
        model = AreaOfStrategicImportance
        fields = ("strategy", "grand_challenge", "sector_deal")


class StrategyViewSet(viewsets.ReadOnlyModelViewSet):
    """The strategies the site holds (the UK Industrial Strategy, the Strategic Economic
    Plan, the Local Industrial Strategy), with their aims and what each aligns to."""

    queryset = Strategy.objects.select_related("aligns_to", "area").prefetch_related(
        "aims", "area__parts", "area__excluding"
    )
    serializer_class = StrategySerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = StrategyFilter
    ordering_fields = ("order", "slug", "title", "published_on", "start_year", "end_year")
    ordering = ("order", "slug")


class GrandChallengeViewSet(viewsets.ReadOnlyModelViewSet):
    """The UK Industrial Strategy's grand challenges, each with its early priorities."""

    queryset = GrandChallenge.objects.select_related("strategy").prefetch_related("priorities")
    serializer_class = GrandChallengeSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = GrandChallengeFilter
    ordering_fields = ("order", "slug", "name")
    ordering = ("strategy__order", "order", "slug")


class SectorDealViewSet(viewsets.ReadOnlyModelViewSet):
    """The UK Industrial Strategy's sector deals, each with its key commitments."""

    queryset = SectorDeal.objects.select_related("strategy").prefetch_related("commitments")
    serializer_class = SectorDealSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = SectorDealFilter
    ordering_fields = ("order", "slug", "name")
    ordering = ("strategy__order", "order", "slug")


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """A strategy's areas of strategic importance, with the grand challenges and sector
    deals each relates to."""

    queryset = AreaOfStrategicImportance.objects.select_related("strategy").prefetch_related(
        "grand_challenges", "sector_deals"
    )
    serializer_class = AreaSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = AreaFilter
    ordering_fields = ("order", "slug", "name")
    ordering = ("strategy__order", "order", "slug")
