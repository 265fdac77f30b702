"""Targets and the observations that measure them.

The fields are the ones METHODOLOGY.md needs to compute progress and status; the
database refuses what the rules cannot work with (a share above 1, a second figure for
the same period), and `clean()` explains the rest to officers in plain words.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from strategy.fields import TextField
from strategy.models import Area, DatePrecision, Strategy, format_partial_date
from targets import figures, progress


class TargetQuerySet(models.QuerySet):
    def for_dashboard(self):
        """What a dashboard's cards need, in two queries: the standings come from the
        cache, the awaited releases say which final figures are still to come."""
        return self.select_related("strategy__area", "comparator").with_awaited_releases()

    def with_published_records(self):
        """Each target with its published observations and assessments, in two queries,
        as `published_observations` and `published_assessments`: what the status needs;
        and its awaited releases in a third."""
        return (
            self.select_related("strategy__area", "comparator")
            .prefetch_related(*published_records())
            .with_awaited_releases()
        )

    def with_comparator_codes(self):
        """Each target with the GSS codes its comparator is made of, in two queries."""
        return self.select_related("comparator").prefetch_related(
            "comparator__parts", "comparator__excluding"
        )

    def with_awaited_releases(self):
        """Each target with the releases whose figures are not yet published here, as
        `awaited_releases`, earliest period first."""
        return self.prefetch_related(
            models.Prefetch(
                "expected_releases",
                queryset=ExpectedRelease.objects.awaited().order_by("period_end", "expected_on"),
                to_attr="awaited_releases",
            )
        )


def published_records() -> list[models.Prefetch]:
    """The prefetches of `with_published_records()`, also for targets already fetched
    (`django.db.models.prefetch_related_objects`)."""
    return [
        models.Prefetch(
            "observations",
            queryset=Observation.objects.published().select_related("area").order_by("period_end"),
            to_attr="published_observations",
        ),
        models.Prefetch(
            "assessments",
            queryset=PublishedAssessment.objects.published()
            .select_related("meeting__body")
            .order_by("period_end"),
            to_attr="published_assessments",
        ),
    ]


class Target(models.Model):
    class Kind(models.TextChoices):
        INCREASE = "increase", "Increase by an amount"
        REACH_VALUE = "reach_value", "Reach a value"
        SHARE_OF_CHANGE = "share_of_change", "Share of the change"
        CLOSE_GAP = "close_gap", "Close the gap"
        REDUCE_GAP = "reduce_gap", "Reduce the gap by a fraction"

    class ValueType(models.TextChoices):
        COUNT = "count", "Count (a whole number, never negative)"
        PERCENTAGE = "percentage", "Percentage (0 to 100)"
        AMOUNT = "amount", "Amount (e.g. £ per hour, never negative)"
        RATIO = "ratio", "Ratio (e.g. jobs per resident, never negative)"

    class GapMeasure(models.TextChoices):
        DIFFERENCE = "difference", "Difference (in the indicator's unit)"
        RATIO = "ratio", "Ratio (as a share of the comparator)"

    GAP_KINDS = (Kind.CLOSE_GAP, Kind.REDUCE_GAP)

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="targets")
    slug = models.SlugField(unique=True, help_text="Used in web addresses and the API.")
    title = models.CharField(max_length=300, help_text="The target as the strategy words it.")
    short_title = models.CharField(max_length=80, help_text="e.g. “More jobs”.")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parameter = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        help_text=(
            "Increase: the amount A (above 0). Reach a value: the value V. "
            "Share of the change: the share S (above 0, at most 1, e.g. 0.70). "
            "Close the gap: 1. Reduce the gap: the fraction F (above 0, at most 1, e.g. 0.5)."
        ),
    )
    indicator = models.CharField(
        max_length=300, help_text="What is measured, e.g. “Employment rate, aged 16-64”."
    )
    subset_indicator = models.CharField(
        max_length=300,
        blank=True,
        help_text="For a share of the change: the part that counts, e.g. better jobs.",
    )
    unit = models.CharField(max_length=60, help_text="e.g. “jobs”, “%”, “£ per hour worked”.")
    value_type = models.CharField(
        max_length=20,
        choices=ValueType.choices,
        help_text="Decides which figures are possible: no negative counts, no rate above 100.",
    )
    higher_is_better = models.BooleanField(default=True)
    comparator = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compared_targets",
        help_text="The area compared with, for gap targets, e.g. England excluding London. "
        "Imports build its figures from its parts' GSS codes.",
    )
    comparator_reason = TextField(blank=True, help_text="Why this comparator.")
    gap_measure = models.CharField(
        max_length=20,
        choices=GapMeasure.choices,
        blank=True,
        help_text="For gap targets only.",
    )
    baseline_date = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The end of the baseline period, e.g. 2014-03-31 for April 2013 to March 2014. "
            "Leave blank only where the strategy sets none: progress is then not assessed."
        ),
    )
    baseline_date_assumed = models.BooleanField(
        default=False,
        help_text="Tick when the source leaves the baseline period open and this is an assumption.",
    )
    target_date = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The end of the same kind of period in the target year. Leave blank only where "
            "the strategy sets no year."
        ),
    )
    tolerance = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.10"),
        help_text="How far below the trajectory still counts as at risk, not off track.",
    )
    source = models.CharField(max_length=300, help_text="The official statistic measured.")
    source_url = models.URLField(blank=True, verbose_name="source web address")
    methodology = TextField(
        blank=True, help_text="How it is measured, in plain English, for the target's page."
    )
    history_note = TextField(
        blank=True, help_text="How the target has changed over time, e.g. a rebasing."
    )
    release_pattern = models.CharField(
        max_length=200,
        blank=True,
        help_text="When the statistic is usually released, e.g. “Quarterly: January, April, "
        "July and October” or “Each June”. The expected releases themselves are listed below.",
    )
    nomis_variable = models.CharField(
        max_length=200,
        blank=True,
        help_text="The VARIABLE_NAME of a Nomis download that measures this target, "
        "e.g. “Employment rate - aged 16-64”.",
    )
    terms = models.ManyToManyField(
        "strategy.GlossaryTerm",
        blank=True,
        related_name="targets",
        help_text="Terms the target's page explains, e.g. productivity.",
    )
    history = HistoricalRecords()
    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_date__isnull=True)
                | Q(target_date__isnull=True)
                | Q(target_date__gt=models.F("baseline_date")),
                name="target_date_after_baseline",
                violation_error_message="The target date must be after the baseline date.",
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0) & Q(tolerance__lte=1),
                name="target_tolerance_between_0_and_1",
                violation_error_message="The tolerance must be between 0 and 1.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="increase") | Q(parameter__gt=0),
                name="target_increase_amount_positive",
                violation_error_message="The amount to increase by must be above 0.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="share_of_change") | (Q(parameter__gt=0) & Q(parameter__lte=1)),
                name="target_share_between_0_and_1",
                violation_error_message="The share must be above 0 and at most 1 (70% is 0.70).",
            ),
            models.CheckConstraint(
                condition=~Q(kind="close_gap") | Q(parameter=1),
                name="target_close_gap_fraction_is_1",
                violation_error_message="Closing the gap means a fraction of 1.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="reduce_gap") | (Q(parameter__gt=0) & Q(parameter__lte=1)),
                name="target_gap_fraction_between_0_and_1",
                violation_error_message="The fraction of the gap must be above 0 and at most 1.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["close_gap", "reduce_gap"])
                    & Q(comparator__isnull=False)
                    & ~Q(gap_measure="")
                )
                | (~Q(kind__in=["close_gap", "reduce_gap"]) & Q(gap_measure="")),
                name="target_gap_needs_comparator_and_measure",
                violation_error_message=(
                    "A gap target needs a comparator and a gap measure; other targets have no "
                    "gap measure."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def figure(self, value) -> str:
        """A value of this target's indicator as people read it: “884,400 jobs”."""
        return figures.figure(value, self.unit, self.value_type)

    def gap_figure(self, gap) -> str:
        """A gap with the comparator as the target's rule measures it."""
        return figures.gap(gap, self.unit, self.value_type, self.gap_measure)

    def rule(self) -> progress.Rule:
        return progress.Rule(
            kind=self.kind,
            parameter=self.parameter,
            baseline_date=self.baseline_date,
            target_date=self.target_date,
            higher_is_better=self.higher_is_better,
            gap_measure=self.gap_measure or progress.DIFFERENCE,
            tolerance=self.tolerance,
        )

    def is_series_period(self, period_end: datetime.date) -> bool:
        """Whether a figure's period is of the baseline's kind: one ending on the same day
        of the year (calendar years end 31 December, April-March years 31 March). Figures
        for other 12-month periods are shown apart, never joined to the series' line."""
        baseline = self.baseline_date
        return baseline is None or (period_end.month, period_end.day) == (
            baseline.month,
            baseline.day,
        )

    def final_release(self) -> "ExpectedRelease | None":
        """The awaited release that will bring the figure for the target date, from the
        prefetched `awaited_releases`."""
        if self.target_date is None:
            return None
        return next((r for r in self.awaited_releases if r.period_end >= self.target_date), None)

    @property
    def needs_comparator(self) -> bool:
        return self.kind in self.GAP_KINDS

    @property
    def needs_subset(self) -> bool:
        return self.kind == self.Kind.SHARE_OF_CHANGE


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=Publishable.State.PUBLISHED)

    def drafts(self):
        return self.filter(state=Publishable.State.DRAFT)

    def withdrawn(self):
        return self.filter(state=Publishable.State.WITHDRAWN)

    def visible_to(self, user):
        """Drafts only for users who may change them; published and withdrawn records for
        everyone, as the target's page lists each withdrawal with its figures and reason."""
        if self.changeable_by(user):
            return self
        return self.exclude(state=Publishable.State.DRAFT)

    def listed_to(self, user):
        """What a list gives unless asked for a state: every record to users who may
        change them; only published ones to everyone else, so that a reader who adds up
        the figures never takes in withdrawn ones unasked."""
        if self.changeable_by(user):
            return self
        return self.published()

    def changeable_by(self, user) -> bool:
        opts = self.model._meta
        return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


WITHDRAWAL_REASON_LENGTH = 500


class Publishable(models.Model):
    """A record that officers enter as a draft and an approver publishes.

    Only published records reach the public, the API and the progress rules. A published
    record is never deleted: an approver withdraws it with a reason, which the target's
    page shows among its revisions. `targets.publishing` is the one way to write them.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.CharField(
        max_length=WITHDRAWAL_REASON_LENGTH,
        blank=True,
        help_text="Why a published record was withdrawn; the target's page shows it.",
    )

    objects = PublishableQuerySet.as_manager()

    # The permission that lets a user publish this kind of record.
    publish_permission = ""

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.state == self.State.WITHDRAWN

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT


def withdrawn_has_reason(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(state="withdrawn")
        | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
        name=name,
        violation_error_message="A withdrawn record needs the time and the reason.",
    )


class Observation(Publishable):
    """One figure for one period, as published in an official release."""

    FIGURE_FIELDS = ("value", "comparator_value", "subset_value")

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="observations")
    period_end = models.DateField(help_text="The last day of the period the figure covers.")
    period_label = models.CharField(
        max_length=60, help_text="The period as the source names it, e.g. “Oct 2018-Sep 2019”."
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="observations",
        help_text="The area the figure is for, as the release names it. Left blank, it is "
        "the strategy's area.",
    )
    value = models.DecimalField(max_digits=20, decimal_places=6, help_text="The region's figure.")
    comparator_value = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The comparator's figure for the same period (gap targets).",
    )
    subset_value = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The part of the figure that counts, e.g. better jobs (share targets).",
    )
    provisional = models.BooleanField(default=False)
    revised = models.BooleanField(
        default=False,
        help_text="Set when a published figure is changed; the history keeps the earlier ones.",
    )
    source = models.CharField(max_length=500, help_text="Where the figure was published.")
    source_url = models.URLField(blank=True, max_length=500, verbose_name="source web address")
    release = models.CharField(
        max_length=300, blank=True, help_text="The release or vintage, e.g. “Nomis 21 Jan 2020”."
    )
    released_on = models.DateField(
        null=True,
        blank=True,
        verbose_name="released on",
        help_text="The day the release that published this figure came out, where known.",
    )
    confidence_lower = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        verbose_name="95% confidence interval, lower",
        help_text="For survey estimates: the lower end of the region's figure's 95% "
        "confidence interval, as the release gives it.",
    )
    confidence_upper = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        verbose_name="95% confidence interval, upper",
        help_text="The upper end of the same interval.",
    )
    derived = models.BooleanField(
        default=False, help_text="Tick when computed from published figures; give the formula."
    )
    notes = TextField(blank=True)

    history = HistoricalRecords()

    publish_permission = "targets.publish_observation"

    class Meta:
        ordering = ["target", "period_end"]
        permissions = [("publish_observation", "Can publish observations")]
        constraints = [
            # A withdrawn figure stays on record beside the one that replaces it.
            models.UniqueConstraint(
                fields=["target", "period_end"],
                condition=~Q(state="withdrawn"),
                name="observation_one_per_target_and_period",
                violation_error_message="This target already has a figure for this period.",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="observation_value_not_negative",
                violation_error_message="The figure cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(comparator_value__isnull=True) | Q(comparator_value__gte=0),
                name="observation_comparator_not_negative",
                violation_error_message="The comparator's figure cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(subset_value__isnull=True)
                | (Q(subset_value__gte=0) & Q(subset_value__lte=models.F("value"))),
                name="observation_subset_within_value",
                violation_error_message="The part that counts must be between 0 and the figure.",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(published_at__isnull=False),
                name="observation_published_has_date",
                violation_error_message="A published figure needs its publication time.",
            ),
            withdrawn_has_reason("observation_withdrawn_has_reason"),
            models.CheckConstraint(
                condition=Q(confidence_lower__isnull=True, confidence_upper__isnull=True)
                | Q(
                    confidence_lower__isnull=False,
                    confidence_upper__isnull=False,
                    confidence_lower__lte=models.F("value"),
                    confidence_upper__gte=models.F("value"),
                ),
                name="observation_confidence_interval_around_value",
                violation_error_message=(
                    "A confidence interval needs both ends, with the figure between them."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.period_label}"

    def save(self, *args, **kwargs):
        if self.area_id is None and self.target_id is not None:
            self.area_id = self.target.strategy.area_id
        super().save(*args, **kwargs)

    def as_level(self) -> progress.Level:
        return progress.Level(
            period_end=self.period_end,
            value=self.value,
            comparator_value=self.comparator_value,
            subset_value=self.subset_value,
            period_label=self.period_label,
            source=self.target.source,
            provisional=self.provisional,
            key=self.pk,
            release=self.release,
            released_on=self.released_on,
        )

    def clean(self):
        errors: dict[str, list[str]] = {}
        if problem := period_end_problem(self.period_end):
            errors.setdefault("period_end", []).append(problem)
        if self.target_id is not None:
            self._check_against_target(self.target, errors)
            self._check_area(self.target.strategy.area, errors)
            if self.period_end and self._period_taken():
                errors.setdefault("period_end", []).append(
                    f"{self.target} already has a figure for the period ending "
                    f"{self.period_end.day} {self.period_end:%B %Y}: change that one instead."
                )
        if errors:
            raise ValidationError(errors)

    def _period_taken(self) -> bool:
        if self.is_withdrawn:
            return False
        others = Observation.objects.filter(target_id=self.target_id, period_end=self.period_end)
        return others.exclude(pk=self.pk).exclude(state=self.State.WITHDRAWN).exists()

    def _check_against_target(self, target: Target, errors: dict[str, list[str]]) -> None:
        for field in ("value", "comparator_value", "subset_value"):
            message = value_problem(target, getattr(self, field))
            if message:
                errors.setdefault(field, []).append(message)
        if target.needs_comparator and self.comparator_value is None:
            errors.setdefault("comparator_value", []).append(
                f"This target is measured against {target.comparator}: enter its figure "
                "for the same period."
            )
        if target.needs_subset and self.subset_value is None:
            errors.setdefault("subset_value", []).append(
                f"This target needs the part that counts ({target.subset_indicator or 'subset'})."
            )
        if (
            self.subset_value is not None
            and self.value is not None
            and self.subset_value > self.value
        ):
            errors.setdefault("subset_value", []).append(
                "The part that counts cannot be larger than the figure."
            )
        self._check_confidence_interval(errors)

    def _check_area(self, whole: Area | None, errors: dict[str, list[str]]) -> None:
        """A target's figures are for the strategy's area: the area itself, or another
        made of the same local authorities (the combined authority area, which ONS
        publishes for)."""
        if self.area is None or whole is None or self.area == whole:
            return
        if not whole.parts.exists() or set(self.area.part_codes) != set(whole.part_codes):
            errors.setdefault("area", []).append(
                f"A figure for this target is for {whole.name} or an area of the same local "
                f"authorities; {self.area.name} is not."
            )

    def _check_confidence_interval(self, errors: dict[str, list[str]]) -> None:
        lower, upper = self.confidence_lower, self.confidence_upper
        if (lower is None) != (upper is None):
            missing = "confidence_upper" if upper is None else "confidence_lower"
            errors.setdefault(missing, []).append(
                "A confidence interval needs both ends: enter this one too, or neither."
            )
        elif lower is not None and self.value is not None and not lower <= self.value <= upper:
            errors.setdefault("confidence_lower", []).append(
                "The figure must lie within its confidence interval: check the two ends."
            )

    @property
    def confidence_half_width(self) -> Decimal | None:
        """Half the 95% interval: a change smaller than this is within the survey's margin."""
        if self.confidence_lower is None or self.confidence_upper is None:
            return None
        return (self.confidence_upper - self.confidence_lower) / 2


# No official series the site holds goes back further: an earlier end is a typing slip
# (such as year 1 for 2021) that would otherwise be published and drawn.
EARLIEST_PERIOD_END = datetime.date(1950, 1, 1)


def period_end_problem(period_end: datetime.date | None) -> str | None:
    """Figures describe periods that have ended, since 1950: any other end is a typing
    slip. The rule of the admin, the API and the imports alike, through clean()."""
    today = timezone.localdate()
    if period_end and period_end > today:
        return f"The period cannot end in the future (today is {today.day} {today:%B %Y})."
    if period_end and period_end < EARLIEST_PERIOD_END:
        return (
            f"The period cannot end before {EARLIEST_PERIOD_END.year}: no official series "
            f"here is older (this one ends on {period_end.day} {period_end:%B} {period_end.year})."
        )
    return None


def value_problem(target: Target, value: Decimal | None) -> str | None:
    """Why `value` cannot be a figure for `target`, or None if it can."""
    if value is None:
        return None
    if value < 0:
        return f"A figure in {target.unit} cannot be negative."
    if target.value_type == Target.ValueType.PERCENTAGE and value > 100:
        return "A rate cannot be above 100%."
    if target.value_type == Target.ValueType.COUNT and value != value.to_integral_value():
        return f"A count of {target.unit} must be a whole number."
    return None


class PublishedAssessment(Publishable):
    """What the LEP itself published about a target: often progress without the levels
    behind it ("the gap had reduced by 25%"). Its headline figure is METHODOLOGY.md's r."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="assessments")
    publication = models.CharField(max_length=300, help_text="The publication, as titled.")
    published_on = models.DateField(
        null=True, blank=True, help_text="When the publication came out, where known."
    )
    period_end = models.DateField(help_text="The last day of the period the statement covers.")
    period_label = models.CharField(max_length=60, help_text="e.g. “Jul 2022-Jun 2023”.")
    period_end_assumed = models.BooleanField(
        default=False,
        help_text="Tick when the publication does not say which period it covers.",
    )
    statement = TextField(help_text="The statement as printed.")
    figure = models.DecimalField(
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=(
            "The headline figure: the change since the baseline (increase), the share of the "
            "way (reach a value), the share (share of the change, 0.78 for 78%), or the "
            "fraction of the baseline gap closed (gap targets; -0.40 when it widened by 40%). "
            "Leave blank when the publication gives only a judgement."
        ),
    )
    judgement = models.CharField(
        max_length=100, blank=True, help_text="e.g. “in the balance”, “widened”."
    )
    source_url = models.URLField(max_length=500, blank=True, verbose_name="source web address")
    notes = TextField(blank=True)
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        help_text="The governance meeting at which it was reviewed, if any.",
    )

    history = HistoricalRecords()

    publish_permission = "targets.publish_assessment"

    class Meta:
        ordering = ["target", "period_end", "publication"]
        verbose_name = "published assessment"
        permissions = [("publish_assessment", "Can publish published assessments")]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_end", "publication"],
                condition=~Q(state="withdrawn"),
                name="assessment_one_per_publication_and_period",
                violation_error_message=(
                    "This publication already has an assessment of this target for this period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(published_at__isnull=False),
                name="assessment_published_has_date",
                violation_error_message="A published assessment needs its publication time.",
            ),
            withdrawn_has_reason("assessment_withdrawn_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.publication} ({self.period_label})"

    def as_statement(self) -> progress.Statement:
        return progress.Statement(
            period_end=self.period_end,
            figure=self.figure,
            publication=self.publication,
            published_on=self.published_on,
            period_label=self.period_label,
            period_end_assumed=self.period_end_assumed,
            judgement=self.judgement,
            key=self.pk,
        )

    def clean(self):
        errors: dict[str, list[str]] = {}
        today = timezone.localdate()
        if problem := period_end_problem(self.period_end):
            errors["period_end"] = [problem]
        if self.published_on and self.published_on > today:
            errors["published_on"] = ["The publication date cannot be in the future."]
        if (
            self.target_id is not None
            and self.figure is not None
            and self.target.kind == Target.Kind.SHARE_OF_CHANGE
            and self.figure < 0
        ):
            errors["figure"] = ["A share cannot be negative."]
        if errors:
            raise ValidationError(errors)


class ExpectedReleaseQuerySet(models.QuerySet):
    def awaited(self):
        """Releases whose figures are not yet published here. A figure for another period,
        however recently entered, does not count: only one for the period the release
        brings."""
        held = Observation.objects.published().filter(
            target=models.OuterRef("target"), period_end=models.OuterRef("period_end")
        )
        drafted = Observation.objects.drafts().filter(
            target=models.OuterRef("target"), period_end=models.OuterRef("period_end")
        )
        return self.exclude(models.Exists(held)).annotate(draft_entered=models.Exists(drafted))

    def overdue(self, today: datetime.date):
        return self.awaited().filter(expected_on__lt=today)

    def due_within(self, today: datetime.date, days: int):
        return self.awaited().filter(
            expected_on__gte=today, expected_on__lte=today + datetime.timedelta(days=days)
        )


class ExpectedRelease(models.Model):
    """An official release expected to bring a target's figures for one period: the
    release calendar. Once its date has passed without those figures published here, it
    is overdue, and the public pages say that the figure is awaited."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="expected_releases")
    title = models.CharField(
        max_length=300,
        help_text="The release as its publisher names it, e.g. “Annual Population Survey, "
        "January to December 2024”.",
    )
    publisher = models.CharField(max_length=100, default="ONS")
    expected_on = models.DateField(help_text="When it is expected (or came out).")
    expected_month_only = models.BooleanField(
        default=False,
        help_text="Tick when only the month is known: the pages then name the month alone.",
    )
    period_end = models.DateField(
        help_text="The last day of the period whose figures it brings; it stays awaited "
        "until a published figure for this target and period is held."
    )
    period_label = models.CharField(
        max_length=100, help_text="The period in words, e.g. “January to December 2024”."
    )
    what_to_import = TextField(
        blank=True, help_text="For officers: which dataset to download and import."
    )
    source_url = models.URLField(blank=True, max_length=500, verbose_name="source web address")

    history = HistoricalRecords()
    objects = ExpectedReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["expected_on", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_end"],
                name="expected_release_one_per_target_and_period",
                violation_error_message="This target already expects a release for this period.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target}: {self.title}"

    @property
    def expected_text(self) -> str:
        """“April 2025”, or “15 April 2025” when the day is known."""
        precision = DatePrecision.MONTH if self.expected_month_only else DatePrecision.DAY
        return format_partial_date(self.expected_on, precision)
