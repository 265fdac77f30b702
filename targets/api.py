"""Targets, observations and published assessments in the REST API (v1 contract)."""

import copy
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from strategy.api import (
    SLUG_PATTERN,
    AreaReference,
    CountedInCSV,
    GSSAreaSerializer,
    RefusesUnknownFields,
    SlugReference,
)
from strategy.filters import SlugFilter, boolean_filter
from strategy.models import GlossaryTerm
from targets.examples import (
    OBSERVATION_EXAMPLE,
    OBSERVATION_WRITE_EXAMPLE,
    TARGET_DETAIL_EXAMPLE,
    TARGET_EXAMPLE,
)
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
from targets.revisions import revisions_by_observation
from targets.standings import standings_for, verdict_for


def number(description: str, allow_null: bool = True) -> serializers.DecimalField:
    """A JSON number, nullable unless said, a new field each time: a field instance shared
    by several names would be bound once and leave the other names out of the schema."""
    return serializers.DecimalField(
        max_digits=30, decimal_places=6, allow_null=allow_null, help_text=description
    )


def fraction(description: str) -> serializers.FloatField:
    return serializers.FloatField(allow_null=True, help_text=description)


PROGRESS = (
    "A fraction of the way from the baseline to the target: 0 at the baseline, 0.5 "
    "halfway, 1 at the target; below 0 when the figures moved away from it, above 1 past "
    "it. Rounded to 4 decimals; null when the figures do not allow it to be worked out."
)


def rounded(value, places=4):
    """A JSON number rounded as METHODOLOGY.md says, or null."""
    return as_decimal(value, places)


BASELINE = inline_serializer(
    "Baseline",
    fields={
        "period_end": serializers.DateField(help_text="The last day of the baseline period."),
        "value": number("The region's figure for the baseline period."),
        "comparator_value": number(
            "The comparator's figure for the baseline period (gap targets); otherwise null."
        ),
        "subset_value": number(
            "The part of the figure that counts, e.g. better jobs (share targets); otherwise null."
        ),
        "gap": number(
            "The gap between the region and the comparator at the baseline, as the target's "
            "gap_measure says (a difference in the unit, or a ratio); null for targets "
            "without a comparator."
        ),
    },
    allow_null=True,
    help_text="The figures progress is measured from; null when there is no baseline figure.",
)
LATEST = inline_serializer(
    "LatestRecord",
    fields={
        "basis": serializers.ChoiceField(
            choices=BASES,
            help_text="Whether the latest record is an official figure (an observation) or "
            "a statement the LEP published (an assessment).",
        ),
        "id": serializers.IntegerField(
            help_text="The id of the observation or assessment, in its own resource."
        ),
        "period_end": serializers.DateField(help_text="The last day of the period covered."),
        "period_label": serializers.CharField(help_text="The period as the source names it."),
        "value": number("The region's figure, for an observation; null for an assessment."),
        "comparator_value": number(
            "The comparator's figure, for an observation of a gap target; otherwise null."
        ),
        "subset_value": number(
            "The part of the figure that counts, for an observation of a share target; "
            "otherwise null."
        ),
        "figure": number(
            "For an assessment: its headline figure (see the assessments resource); null for "
            "an observation, or when the publication gave only a judgement."
        ),
        "publication": serializers.CharField(
            allow_null=True,
            help_text="For an assessment: the publication, as titled; null for an observation.",
        ),
        "period_end_assumed": serializers.BooleanField(
            help_text="True when the assessment's publication did not say which period it "
            "covers and the period is assumed; always false for an observation."
        ),
        "progress": number(PROGRESS),
    },
    allow_null=True,
    help_text="The latest record that counts towards the status; null when there is none.",
)


class AwaitedReleaseSerializer(serializers.Serializer):
    """An expected release whose figures are not held here yet (read only)."""

    title = serializers.CharField(help_text="The statistical release, as titled.")
    publisher = serializers.CharField(help_text="Who publishes it.")
    expected_on = serializers.DateField(
        help_text="When it is expected. When only the month is known (expected_month_only), "
        "a day in that month, the last unless the publisher said otherwise; the release is "
        "overdue only once that day has passed."
    )
    expected_month_only = serializers.BooleanField(
        help_text="True when only the month of the release is known."
    )
    period_end = serializers.DateField(
        help_text="The last day of the period its figure will cover."
    )
    period_label = serializers.CharField(help_text="That period as the source names it.")
    overdue = serializers.BooleanField(
        help_text="True when the expected date has passed and the figure is not held here."
    )


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Seed target",
            summary="jobs, the first of the seed's list",
            value=TARGET_EXAMPLE,
            response_only=True,
        )
    ]
)
class TargetSerializer(serializers.ModelSerializer):
    strategy = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The strategy's slug."
    )
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
    next_release = serializers.SerializerMethodField()
    comparator = serializers.SerializerMethodField()
    comparator_area = GSSAreaSerializer(
        source="comparator",
        read_only=True,
        allow_null=True,
        help_text="The area compared with, with its GSS codes (England excluding London is "
        "England, E92000001, less London, E12000007); null for targets without a comparator.",
    )

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
            "comparator_area",
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
            "next_release",
        )
        # The model's help texts speak to officers filling in the admin; these to partners.
        extra_kwargs = {
            "slug": {"help_text": "The target's identifier in the API's addresses."},
            "baseline_date": {
                "help_text": "The end of the baseline period, e.g. 2014-03-31 for April 2013 "
                "to March 2014; null where the strategy sets none (progress is then not "
                "assessed)."
            },
            "baseline_date_assumed": {
                "help_text": "True when the source leaves the baseline period open and the "
                "date is an assumption."
            },
            "target_date": {
                "help_text": "The end of the same kind of period in the target year; null "
                "where the strategy sets no year."
            },
            "kind": {"help_text": "What the target asks for; parameter gives how much."},
            "higher_is_better": {"help_text": "True when a higher figure is better."},
            "source_url": {"help_text": "Where the statistic is published; empty if not online."},
        }

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

    @extend_schema_field(
        number(
            "The value the target aims for, in the indicator's unit (for gap targets, the "
            "gap to reach); null when it cannot be worked out without a baseline."
        )
    )
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

    @extend_schema_field(fraction(f"How far the latest record has come. {PROGRESS}"))
    def get_progress(self, target):
        return rounded(self.verdict(target).progress)

    @extend_schema_field(
        fraction(
            "Where the straight line from the baseline to the target says the latest record "
            "should be: the share of the time from the baseline to the target date passed at "
            "its period's end, from 0 to 1 (0.5 = halfway); always 1 for a share of the "
            "change, which must hold all along. Rounded to 4 decimals; null when there is no "
            "record to compare."
        )
    )
    def get_expected_progress(self, target):
        return rounded(self.verdict(target).expected_progress)

    @extend_schema_field(
        fraction(
            "Where the trend of the figures since the baseline would reach by the target date, "
            "as a fraction of the way (0.5 = halfway, 1 = the target met). Rounded to 4 "
            "decimals; null with fewer than two records that give a progress, for a share of "
            "the change, and once the figure for the target date is held."
        )
    )
    def get_projected_progress(self, target):
        return rounded(self.verdict(target).projected_progress)

    @extend_schema_field(
        serializers.ChoiceField(
            choices=STATUSES,
            help_text="Where the target stands today, by the methodology the strategy page "
            "sets out.",
        )
    )
    def get_status(self, target):
        return self.verdict(target).status

    @extend_schema_field(
        serializers.CharField(help_text="Why the target has its status, in plain English.")
    )
    def get_status_reason(self, target):
        return self.verdict(target).status_reason

    @extend_schema_field(
        serializers.ChoiceField(
            choices=BASES,
            allow_null=True,
            help_text="Whether the status comes from official figures (observation) or from "
            "a statement the LEP published (assessment); null when not assessed.",
        )
    )
    def get_status_basis(self, target):
        return self.verdict(target).status_basis

    def get_final_figure_awaited(self, target) -> bool:
        """True past the target date while no figure for it is held: the status then
        comes from older figures and is not the final verdict."""
        return self.verdict(target).final_figure_awaited

    @extend_schema_field(
        AwaitedReleaseSerializer(
            many=True, help_text="The releases expected to bring figures not yet held here."
        )
    )
    def get_awaited_releases(self, target):
        """The releases expected to bring figures not yet held here, with whether each is
        already out (overdue here)."""
        return [awaited_release(release) for release in target.awaited_releases]

    @extend_schema_field(
        AwaitedReleaseSerializer(
            allow_null=True,
            help_text="The next release expected to bring a figure not yet held here: of the "
            "awaited releases, the one expected soonest (it may be overdue); null when none "
            "is awaited.",
        )
    )
    def get_next_release(self, target):
        releases = sorted(target.awaited_releases, key=lambda release: release.expected_on)
        return awaited_release(releases[0]) if releases else None

    @extend_schema_field(
        serializers.CharField(
            help_text="The comparator's name, e.g. “England excluding London”; empty for "
            "targets without one (its codes are in comparator_area)."
        )
    )
    def get_comparator(self, target):
        return target.comparator.name if target.comparator else ""


# The fields every figure and assessment has, described for partners.
def awaited_release(release) -> dict:
    return {
        "title": release.title,
        "publisher": release.publisher,
        "expected_on": release.expected_on,
        "expected_month_only": release.expected_month_only,
        "period_end": release.period_end,
        "period_label": release.period_label,
        "overdue": release.expected_on < timezone.localdate(),
    }


PUBLISHABLE_FIELDS = {
    "id": {"help_text": "The record's identifier in the API's addresses."},
    "state": {
        "help_text": "Published records are public. Withdrawn ones are public too, with "
        "when and why they were withdrawn, but a list gives them only when asked for with "
        "`?state=withdrawn` (or to users who may change them). Drafts are shown only to "
        "users who may change them. A write sets draft or published (only approvers may "
        "publish); a published record is withdrawn through `withdraw/`, and never goes back "
        "to draft."
    },
    "source_url": {"help_text": "Where it was published; empty if not online."},
    "notes": {"help_text": "More about the record; may be empty."},
    "published_at": {"help_text": "When it was published here; null for a draft."},
    "updated_at": {"help_text": "When it was last changed here."},
    "withdrawn_at": {"help_text": "When it was withdrawn; null unless withdrawn."},
    "withdrawal_reason": {"help_text": "Why it was withdrawn; empty unless withdrawn."},
}


class PublishableSerializer(RefusesUnknownFields, serializers.ModelSerializer):
    """Writes follow `targets.publishing`, as the admin's do; the serializer only turns
    its refusals into the API's errors."""

    target = SlugReference(
        slug_field="slug", queryset=Target.objects.all(), help_text="The target's slug."
    )

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


class RevisionFiguresSerializer(serializers.Serializer):
    value = number("The region's figure.", allow_null=False)
    comparator_value = number("The comparator's figure (gap targets); otherwise null.")
    subset_value = number("The part of the figure that counts (share targets); otherwise null.")


class RevisionSerializer(serializers.Serializer):
    revised_at = serializers.DateTimeField(help_text="When the published figure was changed.")
    reason = serializers.CharField(help_text="Why it was changed, as the approver gave it.")
    previous = RevisionFiguresSerializer(
        source="before", help_text="The published figures before the change."
    )
    figures = RevisionFiguresSerializer(
        source="after", help_text="The published figures after the change."
    )


class ObservationListSerializer(serializers.ListSerializer):
    """A page of observations takes their revisions from the history in one query."""

    def to_representation(self, data):
        observations = list(data.all() if hasattr(data, "all") else data)
        self.context["revisions"] = revisions_by_observation(o.pk for o in observations)
        return super().to_representation(observations)


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Seed observation",
            summary="the first of the seed's list",
            value=OBSERVATION_EXAMPLE,
            response_only=True,
        ),
        OpenApiExample(
            "A draft figure",
            summary="a new figure for jobs, which an officer may enter",
            value=OBSERVATION_WRITE_EXAMPLE,
            request_only=True,
        ),
    ]
)
class ObservationSerializer(PublishableSerializer):
    revision_reason = serializers.CharField(
        write_only=True,
        required=False,
        max_length=100,
        help_text="Required when changing the figures of a published observation.",
    )
    unit = serializers.CharField(
        source="target.unit", read_only=True, help_text="The target's unit, e.g. “jobs”."
    )
    area = AreaReference(
        required=False,
        allow_null=True,
        help_text="The GSS code of the area the figure is for: the strategy's area (the North "
        "East LEP area, E37000025) or one of the same local authorities (the combined "
        "authority area, E47000014). Left out of a new figure, or null, the strategy's area.",
    )
    revisions = CountedInCSV(
        csv_help_text="How many times the figures were changed after publication (the "
        "JSON gives each revision)."
    )

    class Meta:
        model = Observation
        list_serializer_class = ObservationListSerializer
        fields = (
            "id",
            "target",
            "area",
            "period_end",
            "period_label",
            "value",
            "comparator_value",
            "subset_value",
            "unit",
            "provisional",
            "revised",
            "revisions",
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
        extra_kwargs = {
            **PUBLISHABLE_FIELDS,
            "provisional": {
                "help_text": "True when the source marks the figure provisional: it may be revised."
            },
            "revised": {
                "help_text": "True when the figures were changed after publication; "
                "`revisions` gives each change."
            },
            "derived": {
                "help_text": "True when computed from published figures; the notes give how."
            },
            # The model's constraints, declared: no figure is negative.
            "value": {"min_value": 0},
            "comparator_value": {"min_value": 0},
            "subset_value": {"min_value": 0},
        }
        # The model's full_clean() in validate() checks uniqueness, with field errors.
        validators = []

    @extend_schema_field(
        RevisionSerializer(
            many=True,
            help_text="Each change of the figures after publication, newest first, with "
            "the figures before and after it and the reason, as the target's page lists "
            "them; empty when never revised. Publishing a draft is not a revision.",
        )
    )
    def get_revisions(self, observation):
        revisions = self.context.get("revisions", {})
        if observation.pk not in revisions:
            revisions = revisions_by_observation([observation.pk])
        found = revisions[observation.pk]
        # Most figures were never revised: a serializer built for an empty list costs
        # about 50 ms on a page of 1,000 figures (bench/RESULTS.md, 2026-12-06).
        return RevisionSerializer(found, many=True).data if found else []


class WithdrawalSerializer(RefusesUnknownFields, serializers.Serializer):
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
        extra_kwargs = {
            **PUBLISHABLE_FIELDS,
            "period_end_assumed": {
                "help_text": "True when the publication does not say which period it covers "
                "and the period is assumed."
            },
            "figure": {
                "help_text": "The headline figure: the change since the baseline (increase), "
                "the share of the way (reach a value), the share (share of the change, 0.78 for "
                "78%), or the fraction of the baseline gap closed (gap targets; -0.40 when it "
                "widened by 40%). Null when the publication gives only a judgement."
            },
        }
        validators = []


class GlossaryTermSerializer(serializers.ModelSerializer):
    class Meta:
        model = GlossaryTerm
        fields = ("slug", "term", "definition", "why_it_matters")
        extra_kwargs = {
            "slug": {"help_text": "The term's identifier."},
            "term": {"help_text": "The term, as the pages use it."},
            "definition": {"help_text": "What it means, in plain English."},
            "why_it_matters": {"help_text": "Why it matters for the target."},
        }


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Seed target",
            summary="jobs, with its lists of records cut to the first",
            value=TARGET_DETAIL_EXAMPLE,
            response_only=True,
        )
    ]
)
class TargetDetailSerializer(TargetSerializer):
    observations = serializers.SerializerMethodField()
    assessments = serializers.SerializerMethodField()
    terms = GlossaryTermSerializer(
        many=True, read_only=True, help_text="Terms the target relies on, explained."
    )

    class Meta(TargetSerializer.Meta):
        fields = (*TargetSerializer.Meta.fields, "terms", "observations", "assessments")

    @extend_schema_field(
        ObservationSerializer(
            many=True, help_text="The target's published figures, oldest period first."
        )
    )
    def get_observations(self, target):
        return ObservationSerializer(target.published_observations, many=True).data

    @extend_schema_field(
        PublishedAssessmentSerializer(
            many=True, help_text="What the LEP published about its progress, oldest first."
        )
    )
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
    state = filters.ChoiceFilter(
        choices=Publishable.State.choices,
        help_text="Only the records in this state. Without it, a list gives the published "
        "records, or every state to users who may change them; drafts are never public.",
    )


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
            targets = Target.objects.with_published_records().prefetch_related("terms")
        else:
            targets = Target.objects.for_dashboard()
        return targets.with_comparator_codes()

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
    """Drafts are visible only to users who may change them. Withdrawn records are
    public, with their reason, but a list gives them to everyone else only when asked
    for with `?state=withdrawn`."""

    http_method_names = ("get", "post", "put", "patch", "delete", "head", "options")

    def get_queryset(self):
        user = self.request.user
        records = self.queryset.visible_to(user).select_related("target")
        if self.action == "list" and not self.request.query_params.get("state"):
            records = records.listed_to(user)
        return records

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
        "and the API's lists at once, stays on record (at its address, and in lists with "
        "`?state=withdrawn`), and the target's page lists the withdrawal with its date and "
        "reason. Only approvers may withdraw.",
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
    """The figures behind the targets, one per period, with their sources and the
    revisions of each. A list gives the published figures; `?state=withdrawn` gives those
    withdrawn, with when and why. Drafts are visible only to users who may change them,
    whose lists give every state unless filtered."""

    queryset = Observation.objects.select_related("area")
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    ordering_fields = ("period_end", "updated_at", "id")
    ordering = ("target__slug", "period_end")


class PublishedAssessmentViewSet(PublishableViewSet):
    """What the LEP published about a target's progress, such as its final report's
    statement. A list gives the published assessments; `?state=withdrawn` gives those
    withdrawn, with when and why. Drafts are visible only to users who may change them,
    whose lists give every state unless filtered."""

    queryset = PublishedAssessment.objects.all()
    serializer_class = PublishedAssessmentSerializer
    filterset_class = PublishedAssessmentFilter
    ordering_fields = ("period_end", "updated_at", "id")
    ordering = ("target__slug", "period_end", "publication")
