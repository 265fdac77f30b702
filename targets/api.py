"""Targets, observations and published assessments in the REST API (v1 contract)."""

import copy
from collections.abc import Mapping
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from strategy.api import SLUG_PATTERN, SlugReference
from strategy.filters import SlugFilter, boolean_filter
from strategy.models import GlossaryTerm
from targets.models import Observation, Publishable, PublishedAssessment, Target
from targets.progress import BASES, OBSERVATION, STATUS_WORDS, STATUSES, Verdict, as_decimal
from targets.publishing import (
    check_write,
    delete_drafts,
    may_publish,
    record_edit,
    save_record,
    withdraw,
)
from targets.standings import standings_for, verdict_for

NUMBER = serializers.DecimalField(max_digits=30, decimal_places=6, allow_null=True)
NULLABLE_NUMBER = serializers.FloatField(allow_null=True)


def rounded(value, places=4):
    """A JSON number rounded as METHODOLOGY.md says, or null."""
    return as_decimal(value, places)


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
        "basis": serializers.ChoiceField(choices=BASES),
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

    def verdict(self, target: Target) -> Verdict:
        """One verdict per target for all the fields that come from it: a list's come
        from the cached standings, through the context (`TargetViewSet.get_serializer`);
        a detail's from the records it fetched, worked out once."""
        verdicts = self.context.setdefault("verdicts", {})
        if target.pk not in verdicts:
            verdicts[target.pk] = verdict_for(target)
        return verdicts[target.pk]

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
        is_level = point.basis == OBSERVATION
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

    @extend_schema_field(serializers.ChoiceField(choices=STATUSES))
    def get_status(self, target):
        return self.verdict(target).status

    def get_status_reason(self, target) -> str:
        return self.verdict(target).status_reason

    @extend_schema_field(serializers.ChoiceField(choices=BASES, allow_null=True))
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
    """Writes follow `targets.publishing`, as the admin's do; the serializer only turns
    its refusals into the API's errors."""

    target = SlugReference(slug_field="slug", queryset=Target.objects.all())

    def to_internal_value(self, data):
        """A field the record does not have, or may not be written, is a 400 naming it:
        a misspelt field would otherwise be dropped without a word."""
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

    def validate(self, attrs):
        reason = attrs.pop("revision_reason", "")
        # Check the record as it would be saved, on a copy: the instance itself changes
        # only in save().
        candidate = copy.copy(self.instance or self.Meta.model())
        fields = {field.name for field in self.Meta.model._meta.concrete_fields}
        for name, value in attrs.items():
            if name in fields:
                setattr(candidate, name, value)
        user = self.context["request"].user
        with publishing_errors():
            check_write(candidate, user, revision_reason=reason)
            record_edit(candidate, user)
            candidate.full_clean()
        attrs["revision_reason"] = reason
        return attrs

    def create(self, validated_data):
        validated_data.pop("revision_reason", "")
        record = self.Meta.model(**validated_data)
        with publishing_errors():
            save_record(record, self.context["request"].user)
        return record

    def update(self, instance, validated_data):
        reason = validated_data.pop("revision_reason", "")
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with publishing_errors():
            save_record(instance, self.context["request"].user, revision_reason=reason)
        return instance


@contextmanager
def publishing_errors():
    """`targets.publishing`'s refusals as the API's: 403 with the reason, or 400 by field."""
    try:
        yield
    except DjangoPermissionDenied as refusal:
        raise PermissionDenied(str(refusal)) from refusal
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            raise serializers.ValidationError(error.message_dict) from error
        raise serializers.ValidationError({"non_field_errors": error.messages}) from error


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
            "withdrawn_at",
            "withdrawal_reason",
            "revision_reason",
        )
        read_only_fields = (
            "revised",
            "published_at",
            "updated_at",
            "withdrawn_at",
            "withdrawal_reason",
        )
        # The model's full_clean() in validate() checks uniqueness, with field errors.
        validators = []


class WithdrawalSerializer(serializers.Serializer):
    withdrawal_reason = serializers.CharField(
        max_length=Publishable._meta.get_field("withdrawal_reason").max_length,
        help_text="Why the published record is withdrawn. The target's public page shows it.",
    )


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
            "withdrawn_at",
            "withdrawal_reason",
        )
        read_only_fields = ("published_at", "updated_at", "withdrawn_at", "withdrawal_reason")
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
    strategy = SlugFilter(field_name="strategy__slug", help_text="A strategy's slug.")
    status = filters.ChoiceFilter(
        choices=[(status, STATUS_WORDS[status]) for status in STATUSES],
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
    target = SlugFilter(field_name="target__slug", help_text="A target's slug.")
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


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    """A strategy's targets, each with where it stands today: progress, expected progress,
    status and the reason, worked out from its published figures and assessments by the
    methodology that the strategy page sets out."""

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

    def get_serializer(self, *args, **kwargs):
        """A page of targets takes their verdicts from the cached standings in one go."""
        if kwargs.get("many") and args:
            targets = list(args[0])
            verdicts = {
                target.pk: standing.verdict
                for target, standing in zip(targets, standings_for(targets), strict=True)
            }
            kwargs["context"] = {**self.get_serializer_context(), "verdicts": verdicts}
            args = (targets, *args[1:])
        return super().get_serializer(*args, **kwargs)


class PublishableViewSet(viewsets.ModelViewSet):
    """Drafts and withdrawn records are visible only to users who may change them."""

    http_method_names = ("get", "post", "put", "patch", "delete", "head", "options")

    def get_queryset(self):
        return self.queryset.visible_to(self.request.user).select_related("target")

    @extend_schema(
        description="Deletes a draft. A published record is never deleted: it is withdrawn "
        '(`POST …/withdraw/`, or this `DELETE` with a JSON body `{"withdrawal_reason": '
        '"…"}`), which only approvers may do. Without a reason, deleting a published '
        "record is refused with a 400.",
        responses={
            204: OpenApiResponse(description="The draft was deleted."),
            400: OpenApiResponse(description="Published or withdrawn: not deleted."),
        },
    )
    def destroy(self, request, *args, **kwargs):
        record = self.get_object()
        body = request.data if isinstance(request.data, dict) else {}
        if record.is_published and not may_publish(request.user, type(record)):
            raise PermissionDenied(
                f"This {record._meta.verbose_name} is published: only an approver can withdraw it."
            )
        if record.is_published and body.get("withdrawal_reason"):
            return self.withdraw(request, *args, **kwargs)
        if record.is_published:
            refusal = (
                f"This {record._meta.verbose_name} is published, so it is withdrawn rather "
                "than deleted, and readers are told why: POST to its withdraw/ address (or "
                'send this DELETE) with a JSON body {"withdrawal_reason": "…"}.'
            )
            raise serializers.ValidationError({"withdrawal_reason": [refusal]})
        with publishing_errors():
            delete_drafts([record], request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=WithdrawalSerializer,
        description="Withdraws a published record: it leaves the public figures, the status "
        "and the API at once, stays on record, and the target's page lists the withdrawal "
        "with its date and reason. Only approvers may withdraw.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, *args, **kwargs):
        record = self.get_object()
        body = WithdrawalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with publishing_errors():
            withdraw([record], request.user, body.validated_data["withdrawal_reason"])
        return Response(self.get_serializer(record).data)


class ObservationViewSet(PublishableViewSet):
    """The figures behind the targets, one per period, with their sources. Drafts and
    withdrawn figures are visible only to users who may change them."""

    queryset = Observation.objects.all()
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    ordering_fields = ("period_end", "updated_at", "id")
    ordering = ("target__slug", "period_end")


class PublishedAssessmentViewSet(PublishableViewSet):
    """What the LEP published about a target's progress, such as its final report's
    statement. Drafts and withdrawn assessments are visible only to users who may change
    them."""

    queryset = PublishedAssessment.objects.all()
    serializer_class = PublishedAssessmentSerializer
    filterset_class = PublishedAssessmentFilter
    ordering_fields = ("period_end", "updated_at", "id")
    ordering = ("target__slug", "period_end", "publication")
