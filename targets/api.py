"""Targets, observations and published assessments in the REST API (v1 contract)."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from strategy.api import SLUG_PATTERN, CachedPublicReads, SlugReference, boolean_filter
from strategy.models import GlossaryTerm
from targets import progress as methodology
from targets.models import Observation, Publishable, PublishedAssessment, Target
from targets.publishing import mark_revised, may_publish, record_edit
from targets.standings import standings_for
from targets.verdicts import verdict_for

NUMBER = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
NULLABLE_NUMBER = serializers.FloatField(allow_null=True)


def rounded(value, places=4):
    """A JSON number rounded as METHODOLOGY.md says, or null."""
    return methodology.as_decimal(value, places)


BASELINE = inline_serializer(
    "Baseline",
    fields={
        "period_end": serializers.DateField(),
        "value": NUMBER,
        "comparator_value": NUMBER,
        "subset_value": NUMBER,
        "gap": NUMBER,
    },
    allow_null=True,
)
LATEST = inline_serializer(
    "LatestRecord",
    fields={
        "basis": serializers.ChoiceField(choices=methodology.BASES),
        "id": serializers.IntegerField(),
        "period_end": serializers.DateField(),
        "period_label": serializers.CharField(),
        "value": NUMBER,
        "comparator_value": NUMBER,
        "subset_value": NUMBER,
        "figure": NUMBER,
        "publication": serializers.CharField(allow_null=True),
        "period_end_assumed": serializers.BooleanField(),
        "progress": NUMBER,
    },
    allow_null=True,
)


AWAITED_RELEASES = inline_serializer(
    "AwaitedRelease",
    fields={
        "title": serializers.CharField(),
        "publisher": serializers.CharField(),
        "expected_on": serializers.DateField(),
        "expected_month_only": serializers.BooleanField(),
        "period_end": serializers.DateField(),
        "period_label": serializers.CharField(),
        "overdue": serializers.BooleanField(),
    },
    many=True,
)


class TargetListSerializer(serializers.ListSerializer):
    """A list of targets takes their standings from the cache in one go."""

    def to_representation(self, data):
        targets = list(data.all() if hasattr(data, "all") else data)
        for target, standing in zip(targets, standings_for(targets), strict=True):
            target._verdict = standing.verdict
        return super().to_representation(targets)


class TargetSerializer(serializers.ModelSerializer):
    strategy = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    baseline = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    latest = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    expected_progress = serializers.SerializerMethodField()
    projected_progress = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    status_reason = serializers.SerializerMethodField()
    status_basis = serializers.SerializerMethodField()
    final_figure_awaited = serializers.SerializerMethodField()
    awaited_releases = serializers.SerializerMethodField()

    class Meta:
        model = Target
        list_serializer_class = TargetListSerializer
        fields = (
            "slug",
            "title",
            "short_title",
            "strategy",
            "kind",
            "parameter",
            "indicator",
            "subset_indicator",
            "unit",
            "value_type",
            "higher_is_better",
            "comparator",
            "gap_measure",
            "baseline_date",
            "baseline_date_assumed",
            "target_date",
            "tolerance",
            "baseline",
            "target",
            "latest",
            "progress",
            "expected_progress",
            "projected_progress",
            "status",
            "status_reason",
            "status_basis",
            "source",
            "source_url",
            "methodology",
            "final_figure_awaited",
            "release_pattern",
            "awaited_releases",
        )

    def verdict(self, target: Target) -> methodology.Verdict:
        # One computation per target for all the fields that come from it: a list has set
        # it from the cached standings; a detail computes it from the records it loaded.
        if not hasattr(target, "_verdict"):
            target._verdict = verdict_for(target)
        return target._verdict

    @extend_schema_field(BASELINE)
    def get_baseline(self, target):
        baseline = self.verdict(target).baseline
        if baseline is None:
            return None
        return {
            "period_end": baseline.period_end,
            "value": baseline.value,
            "comparator_value": baseline.comparator_value,
            "subset_value": baseline.subset_value,
            "gap": rounded(baseline.gap, 6),
        }

    @extend_schema_field(NUMBER)
    def get_target(self, target):
        """The target value the dashboard shows (METHODOLOGY.md)."""
        return rounded(self.verdict(target).target_value, 6)

    @extend_schema_field(LATEST)
    def get_latest(self, target):
        point = self.verdict(target).latest
        if point is None:
            return None
        record = point.record
        is_level = point.basis == methodology.OBSERVATION
        return {
            "basis": point.basis,
            "id": record.key,
            "period_end": point.period_end,
            "period_label": record.period_label,
            "value": record.value if is_level else None,
            "comparator_value": record.comparator_value if is_level else None,
            "subset_value": record.subset_value if is_level else None,
            "figure": None if is_level else record.figure,
            "publication": None if is_level else record.publication,
            "period_end_assumed": False if is_level else record.period_end_assumed,
            "progress": rounded(point.progress),
        }

    @extend_schema_field(NULLABLE_NUMBER)
    def get_progress(self, target):
        return rounded(self.verdict(target).progress)

    @extend_schema_field(NULLABLE_NUMBER)
    def get_expected_progress(self, target):
        return rounded(self.verdict(target).expected_progress)

    @extend_schema_field(NULLABLE_NUMBER)
    def get_projected_progress(self, target):
        return rounded(self.verdict(target).projected_progress)

    @extend_schema_field(serializers.ChoiceField(choices=methodology.STATUSES))
    def get_status(self, target):
        return self.verdict(target).status

    def get_status_reason(self, target) -> str:
        return self.verdict(target).status_reason

    @extend_schema_field(serializers.ChoiceField(choices=methodology.BASES, allow_null=True))
    def get_status_basis(self, target):
        return self.verdict(target).status_basis

    def get_final_figure_awaited(self, target) -> bool:
        """True past the target date while no figure for it is held: the status then
        comes from older figures and is not the final verdict."""
        return self.verdict(target).final_figure_awaited

    @extend_schema_field(AWAITED_RELEASES)
    def get_awaited_releases(self, target):
        """The releases expected to bring figures not yet held here, with whether each is
        already out (overdue here)."""
        today = timezone.localdate()
        return [
            {
                "title": release.title,
                "publisher": release.publisher,
                "expected_on": release.expected_on,
                "expected_month_only": release.expected_month_only,
                "period_end": release.period_end,
                "period_label": release.period_label,
                "overdue": release.expected_on < today,
            }
            for release in target.awaited_releases
        ]


class PublishableSerializer(serializers.ModelSerializer):
    """Writes follow the admin's rules: the model's own validation, and only those who
    may publish create, change or delete what is published."""

    target = SlugReference(slug_field="slug", queryset=Target.objects.all())

    def validate(self, attrs):
        instance = self.instance or self.Meta.model()
        user = self.context["request"].user
        may = may_publish(user, self.Meta.model)
        if self.instance is not None and self.instance.is_published and not may:
            raise PermissionDenied("This record is published: only an approver can change it.")
        if attrs.get("state") == Publishable.State.PUBLISHED and not may:
            raise PermissionDenied("Only an approver can publish.")
        # Check the record as it would be saved, on a copy: the instance itself changes
        # only in save().
        candidate = copy.copy(instance)
        fields = {field.name for field in self.Meta.model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in fields:
                setattr(candidate, name, value)
        record_edit(candidate, user)
        try:
            candidate.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs

    def create(self, validated_data):
        record = self.Meta.model(**validated_data)
        record_edit(record, self.context["request"].user)
        record.save()
        return record

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        record_edit(instance, self.context["request"].user)
        instance.save()
        return instance


class ObservationSerializer(PublishableSerializer):
    revision_reason = serializers.CharField(
        write_only=True,
        required=False,
        max_length=100,
        help_text="Required when changing the figures of a published observation.",
    )

    class Meta:
        model = Observation
        fields = (
            "id",
            "target",
            "period_end",
            "period_label",
            "value",
            "comparator_value",
            "subset_value",
            "provisional",
            "revised",
            "state",
            "confidence_lower",
            "confidence_upper",
            "source",
            "source_url",
            "release",
            "released_on",
            "derived",
            "notes",
            "published_at",
            "updated_at",
            "revision_reason",
        )
        read_only_fields = ("revised", "published_at", "updated_at")
        # The model's full_clean() in validate() checks uniqueness, with field errors.
        validators = []

    def validate(self, attrs):
        reason = attrs.pop("revision_reason", "")
        attrs = super().validate(attrs)
        if self.is_revision(attrs):
            if not reason:
                raise serializers.ValidationError(
                    {"revision_reason": ["Say why this published figure is changing."]}
                )
            attrs["revision_reason"] = reason
        return attrs

    def is_revision(self, attrs) -> bool:
        if self.instance is None or not self.instance.is_published:
            return False
        return any(
            name in attrs and attrs[name] != getattr(self.instance, name)
            for name in Observation.FIGURE_FIELDS
        )

    def update(self, instance, validated_data):
        reason = validated_data.pop("revision_reason", "")
        if reason:
            mark_revised(instance, reason)
        return super().update(instance, validated_data)


class PublishedAssessmentSerializer(PublishableSerializer):
    class Meta:
        model = PublishedAssessment
        fields = (
            "id",
            "target",
            "publication",
            "published_on",
            "period_end",
            "period_label",
            "period_end_assumed",
            "statement",
            "figure",
            "judgement",
            "source_url",
            "notes",
            "state",
            "published_at",
            "updated_at",
        )
        read_only_fields = ("published_at", "updated_at")
        validators = []


class GlossaryTermSerializer(serializers.ModelSerializer):
    class Meta:
        model = GlossaryTerm
        fields = ("slug", "term", "definition", "why_it_matters")


class TargetDetailSerializer(TargetSerializer):
    observations = serializers.SerializerMethodField()
    assessments = serializers.SerializerMethodField()
    terms = GlossaryTermSerializer(
        many=True, read_only=True, help_text="Terms the target relies on, explained."
    )

    class Meta(TargetSerializer.Meta):
        fields = (*TargetSerializer.Meta.fields, "terms", "observations", "assessments")

    @extend_schema_field(ObservationSerializer(many=True))
    def get_observations(self, target):
        return ObservationSerializer(target.published_observations, many=True).data

    @extend_schema_field(PublishedAssessmentSerializer(many=True))
    def get_assessments(self, target):
        return PublishedAssessmentSerializer(target.published_assessments, many=True).data


class TargetFilter(filters.FilterSet):
    strategy = filters.CharFilter(field_name="strategy__slug", help_text="A strategy's slug.")
    status = filters.ChoiceFilter(
        choices=[(status, methodology.STATUS_WORDS[status]) for status in methodology.STATUSES],
        method="filter_status",
    )

    class Meta:
        model = Target
        fields = ("strategy", "kind", "status")

    def filter_status(self, queryset, name, value):
        """Status is computed, not stored: keep the targets whose verdict has it."""
        targets = list(queryset)
        kept = [
            target.pk
            for target, standing in zip(targets, standings_for(targets), strict=True)
            if standing.verdict.status == value
        ]
        return queryset.filter(pk__in=kept)


class PeriodFilter(filters.FilterSet):
    target = filters.CharFilter(field_name="target__slug", help_text="A target's slug.")
    period_after = filters.DateFilter(field_name="period_end", lookup_expr="gte")
    period_before = filters.DateFilter(field_name="period_end", lookup_expr="lte")
    state = filters.ChoiceFilter(choices=Publishable.State.choices)


class ObservationFilter(PeriodFilter):
    provisional = boolean_filter()
    revised = boolean_filter()

    class Meta:
        model = Observation
        fields = ("target", "period_after", "period_before", "state", "provisional", "revised")


class PublishedAssessmentFilter(PeriodFilter):
    class Meta:
        model = PublishedAssessment
        fields = ("target", "period_after", "period_before", "state")


class TargetViewSet(CachedPublicReads, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    filterset_class = TargetFilter
    ordering_fields = ("order", "slug", "target_date", "baseline_date")
    ordering = ("strategy__order", "order", "slug")

    def get_queryset(self):
        if self.action == "retrieve":
            return Target.objects.with_published_records().prefetch_related("terms")
        return Target.objects.for_dashboard()

    def get_serializer_class(self):
        return TargetDetailSerializer if self.action == "retrieve" else TargetSerializer


class PublishableViewSet(CachedPublicReads, viewsets.ModelViewSet):
    """Drafts are visible only to users who may change them."""

    http_method_names = ("get", "post", "put", "patch", "delete", "head", "options")

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user).select_related("target")

    def perform_destroy(self, instance):
        if instance.is_published and not may_publish(self.request.user, type(instance)):
            raise PermissionDenied("This record is published: only an approver can delete it.")
        instance.delete()


class ObservationViewSet(PublishableViewSet):
    queryset = Observation.objects.all()
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    ordering_fields = ("period_end", "updated_at", "id")
    ordering = ("target__slug", "period_end")


class PublishedAssessmentViewSet(PublishableViewSet):
    queryset = PublishedAssessment.objects.all()
    serializer_class = PublishedAssessmentSerializer
    filterset_class = PublishedAssessmentFilter
    ordering_fields = ("period_end", "updated_at", "id")
    ordering = ("target__slug", "period_end", "publication")
