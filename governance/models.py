"""Who steers the strategy: organisations, governance bodies and who sits on them,
meetings and the decisions taken there, and the timeline of how the strategy was
developed, with its next steps."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When

from strategy.fields import TextField
from strategy.models import DatePrecision, Strategy, format_date_span, format_partial_date


class DatedFromASpan(models.Model):
    """A record whose source may give only a span, not a date: the pages then show the
    span ("between July 2018 and July 2019"), and `date` only orders the record in it."""

    earliest = models.DateField(
        null=True,
        blank=True,
        help_text="When the source gives only a span (such as a chart of steps in order, "
        "without dates): the span's first month. The pages then show the span, and the date "
        "above only orders the entry within it.",
    )
    latest = models.DateField(null=True, blank=True, help_text="The span's last month.")

    class Meta:
        abstract = True

    def span_display(self) -> str:
        if self.earliest and self.latest:
            return format_date_span(self.earliest, self.latest)
        return ""


def span_in_order(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(earliest__isnull=True, latest__isnull=True)
        | Q(earliest__isnull=False, latest__gte=models.F("earliest")),
        name=name,
        violation_error_message="A span needs both ends, the first not after the last.",
    )


class GovernanceBodyQuerySet(models.QuerySet):
    def for_governance_page(self):
        """The bodies, each with its strategy, its host, the body it reports to and its
        members (chairs first), in two queries however many there are."""
        seat_rank = Case(
            *(When(role=role, then=Value(rank)) for rank, role in enumerate(Membership.Role)),
            default=Value(len(Membership.Role)),
        )
        return self.select_related("strategy", "organisation", "reports_to").prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation")
                .alias(seat_rank=seat_rank)
                .order_by("seat_rank", "organisation__name", "person"),
            )
        )


class MeetingQuerySet(models.QuerySet):
    def newest_first_with_decisions(self):
        """Meetings, newest first, with their body and decisions, in two queries."""
        return (
            self.select_related("body")
            .prefetch_related(
                Prefetch("decisions", queryset=Decision.objects.order_by("order", "pk"))
            )
            .order_by("-date", "body__order", "body__name", "-pk")
        )


class TimelineEntryQuerySet(models.QuerySet):
    def for_timeline(self):
        """Every entry in date order (undated steps last; on the same date, in the order
        of the tracks, then their own order), with the bodies and organisations taking
        part and its strategy, in three queries."""
        track_rank = Case(
            *(
                When(track=track, then=Value(rank))
                for rank, track in enumerate(TimelineEntry.Track)
            ),
            default=Value(len(TimelineEntry.Track)),
        )
        return (
            self.select_related("strategy")
            .prefetch_related("bodies", "organisations")
            .alias(track_rank=track_rank)
            .order_by(F("date").asc(nulls_last=True), "track_rank", "order", "pk")
        )


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government department or minister"
        LEP = "lep", "Local enterprise partnership"
        COMBINED_AUTHORITY = "combined_authority", "Combined authority"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        UNIVERSITY = "university", "University"
        CLUSTER_BODY = "cluster_body", "Cluster or business network"
        CATAPULT = "catapult", "Catapult or innovation centre"
        BUSINESS = "business", "Business"
        PARTNERSHIP = "partnership", "Partnership or consortium"
        OTHER = "other", "Other"

    slug = models.SlugField(unique=True, help_text="Used in web addresses and the API.")
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True, help_text="e.g. “NEAA”.")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    gss_code = models.CharField(
        max_length=9,
        blank=True,
        verbose_name="GSS code",
        help_text="The ONS code of an area body, e.g. E06000047 for County Durham.",
    )
    description = TextField(blank=True)
    url = models.URLField(blank=True, verbose_name="web address")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class GovernanceBody(models.Model):
    class Role(models.TextChoices):
        DECIDES = "decides", "Decides"
        STEERS = "steers", "Steers"
        ADVISES = "advises", "Advises"
        CRITICAL_FRIEND = "critical_friend", "Critical friend"
        ASSURES = "assures", "Assures"

    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.PROTECT,
        related_name="governance_bodies",
        help_text="The strategy this body governs.",
    )
    slug = models.SlugField(unique=True, help_text="Used in web addresses and the API.")
    name = models.CharField(max_length=200, unique=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    description = TextField(blank=True, help_text="What it does for the strategy.")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        help_text="The organisation the body belongs to or is hosted by, if any.",
    )
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporting_bodies",
    )
    meeting_frequency = models.CharField(
        max_length=100, blank=True, help_text="e.g. “Monthly”, “As needed”."
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = GovernanceBodyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "governance bodies"

    def __str__(self) -> str:
        return self.name

    def clean(self):
        # Walk up the reporting line: a body may not end up reporting to itself.
        seen = {self.pk} if self.pk else set()
        body = self.reports_to
        while body is not None:
            if body.pk in seen:
                raise ValidationError(
                    {"reports_to": "This would make the body report to itself, in a loop."}
                )
            seen.add(body.pk)
            body = body.reports_to


class Membership(models.Model):
    """An organisation (or a person on its behalf) sitting on a governance body."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"
        REPRESENTATIVE = "representative", "Representative"
        OBSERVER = "observer", "Observer"

    body = models.ForeignKey(GovernanceBody, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.CharField(max_length=200, blank=True, help_text="Leave blank if not named.")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.REPRESENTATIVE)
    note = models.CharField(
        max_length=300, blank=True, help_text="e.g. “on behalf of four universities”."
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["body", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organisation", "person"],
                name="membership_unique_per_body",
                violation_error_message="This organisation already has this seat on the body.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self) -> str:
        who = f"{self.person} ({self.organisation})" if self.person else str(self.organisation)
        return f"{who} on {self.body}"


class Meeting(DatedFromASpan):
    body = models.ForeignKey(GovernanceBody, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    date_approximate = models.BooleanField(
        default=False, help_text="Tick when the source does not make the date clear."
    )
    title = models.CharField(max_length=200)
    summary = TextField(blank=True)
    papers_url = models.URLField(blank=True, verbose_name="papers or minutes web address")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "body"]
        constraints = [
            span_in_order("meeting_span_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.body}, {self.date_display}"

    @property
    def date_display(self) -> str:
        if span := self.span_display():
            return span
        return format_partial_date(self.date, self.date_precision, self.date_approximate)


class Decision(models.Model):
    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved"
        AGREED = "agreed", "Agreed"
        REVIEWED = "reviewed", "Reviewed"
        NOTED = "noted", "Noted"
        DEFERRED = "deferred", "Deferred"
        REJECTED = "rejected", "Rejected"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    text = TextField(help_text="What was decided, in plain words.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def sentence(self) -> str:
        """The decision as the public reads it: "Approved the approach", not "Approved:
        Approved the approach"; the outcome leads only where the text does not say it."""
        label = self.get_outcome_display()
        if self.text.lower().startswith(label.lower()):
            return self.text
        return f"{label}: {self.text}"


class TimelineEntry(DatedFromASpan):
    """A step in developing the strategy, done or to come, on one of the timeline's tracks."""

    class Track(models.TextChoices):
        GOVERNANCE = "governance", "Governance"
        EVIDENCE = "evidence", "Evidence"
        ENGAGEMENT = "engagement", "Engagement"
        OTHER = "other", "Other"
        NEXT_STEPS = "next_steps", "Next steps"

    class Status(models.TextChoices):
        DONE = "done", "Done"
        ONGOING = "ongoing", "Ongoing"
        PLANNED = "planned", "Planned"

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="timeline")
    track = models.CharField(max_length=20, choices=Track.choices)
    title = models.CharField(max_length=300)
    description = TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    date = models.DateField(
        null=True, blank=True, help_text="When it happened or began; blank for steps to come."
    )
    end_date = models.DateField(
        null=True, blank=True, help_text="For something that ran over a period."
    )
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    date_approximate = models.BooleanField(
        default=False, help_text="Tick when the source does not make the date clear."
    )
    bodies = models.ManyToManyField(GovernanceBody, blank=True, related_name="timeline_entries")
    organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="timeline_entries",
        help_text="Organisations taking part, where no governance body is named.",
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="timeline_entries",
        help_text="The meeting at which this happened, if any.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the track, for steps without a date."
    )

    objects = TimelineEntryQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "track", "date", "order", "pk"]
        verbose_name = "timeline entry"
        verbose_name_plural = "timeline entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | (Q(date__isnull=False) & Q(end_date__gte=models.F("date"))),
                name="timeline_entry_ends_after_it_starts",
                violation_error_message="The end date needs a start date, and cannot be before it.",
            ),
            span_in_order("timeline_entry_span_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def date_display(self) -> str:
        if span := self.span_display():
            return span
        start = format_partial_date(self.date, self.date_precision, self.date_approximate)
        if self.end_date:
            return f"{start} to {format_partial_date(self.end_date, self.date_precision)}"
        return start
