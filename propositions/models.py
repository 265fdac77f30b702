"""The Local Industrial Strategy's propositions: what each will do, who leads it, what it
asks of government, its milestones and progress updates, and how it links to the UK
Industrial Strategy and to the targets it serves."""

import datetime
from collections.abc import Iterable
from functools import reduce
from operator import and_, or_

from django.db import models
from django.db.models import Case, Count, F, Max, Prefetch, Q, Value, When
from simple_history.models import HistoricalRecords

from governance.models import Organisation
from strategy.fields import TextField
from strategy.models import (
    AreaOfStrategicImportance,
    DatePrecision,
    GrandChallenge,
    SectorDeal,
    Strategy,
    format_partial_date,
    period_end,
)
from targets.models import Target


class PropositionQuerySet(models.QuerySet):
    # The text a search looks in, the same for the public page and the API.
    search_fields = ("name", "summary", "detail")

    def search(self, terms: Iterable[str]):
        """Propositions in which every term appears, in any case, in at least one of the
        search fields: the API's rule, so the page and the API find the same."""
        conditions = [
            reduce(or_, (Q(**{f"{field}__icontains": term}) for field in self.search_fields))
            for term in terms
        ]
        return self.filter(reduce(and_, conditions)) if conditions else self

    def for_list(self):
        """What a row of the public list shows: the area and the lead come in the same
        query."""
        return self.select_related("area", "lead")

    def with_links(self):
        """What a proposition links to, in the order its page shows them, for the page and
        the API alike: its strategy, area and lead, partners by name, linked targets (its
        own first, then in the targets' order), grand challenges and sector deals."""
        return self.select_related("strategy", "area", "lead").prefetch_related(
            Prefetch(
                "propositionpartner_set",
                queryset=PropositionPartner.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            Prefetch(
                "propositiontarget_set",
                queryset=PropositionTarget.objects.select_related("target").order_by(
                    Case(
                        When(relationship=PropositionTarget.Relationship.OWN_KPI, then=0),
                        default=Value(1),
                    ),
                    "target__order",
                    "target__title",
                ),
            ),
            "grand_challenges",
            "sector_deals",
        )

    def for_detail(self, latest_updates: int | None = None):
        """Everything one proposition's page shows, in a fixed number of queries: its links
        (`with_links`), milestones by due date (undated last), and the `latest_updates`
        newest progress updates (all of them when None, as the API gives) as
        `latest_updates`, with `update_count` counting them all."""
        updates = PropositionUpdate.objects.select_related("meeting__body").order_by("-date", "-pk")
        if latest_updates is not None:
            updates = updates[:latest_updates]
        return (
            self.with_links()
            .annotate(update_count=Count("updates"))
            .prefetch_related(
                Prefetch(
                    "milestones",
                    queryset=Milestone.objects.order_by(
                        F("due_date").asc(nulls_last=True), "order", "pk"
                    ),
                ),
                Prefetch("updates", queryset=updates, to_attr="latest_updates"),
            )
        )

    def count_by_status(self) -> list[dict]:
        """Each status that some proposition has, in the statuses' order, with how many."""
        counts = dict(self.values_list("status").annotate(count=Count("pk")).order_by())
        return [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in Proposition.Status.choices
            if counts.get(value)
        ]

    def without_update_since(self, since: datetime.date):
        """Propositions whose latest progress update is older than `since`, or that have
        none, with the latest update's date as `last_update`."""
        return (
            self.annotate(last_update=Max("updates__date"))
            .filter(Q(last_update__lt=since) | Q(last_update__isnull=True))
            .order_by(F("last_update").asc(nulls_first=True), "name")
        )


class Proposition(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        IN_DEVELOPMENT = "in_development", "In development"
        SEEKING_FUNDING = "seeking_funding", "Seeking funding"
        FUNDED = "funded", "Funded"
        IN_DELIVERY = "in_delivery", "In delivery"
        COMPLETE = "complete", "Complete"
        PAUSED = "paused", "Paused"
        WITHDRAWN = "withdrawn", "Withdrawn"

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="propositions")
    area = models.ForeignKey(
        AreaOfStrategicImportance, on_delete=models.PROTECT, related_name="propositions"
    )
    slug = models.SlugField(unique=True, help_text="Used in web addresses and the API.")
    name = models.CharField(max_length=300, help_text="The proposition's name, as published.")
    summary = TextField(help_text="A sentence or two for lists and cards.")
    detail = TextField(help_text="The full detail, as published.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    lead = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_propositions",
    )
    partners = models.ManyToManyField(
        Organisation, through="PropositionPartner", blank=True, related_name="propositions"
    )
    asks_of_government = TextField(blank=True, help_text="What is asked of government.")
    role_of_regional_partners = TextField(blank=True)
    funding_sought = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="In pounds."
    )
    funding_secured = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="In pounds."
    )
    funding_note = TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    grand_challenges = models.ManyToManyField(
        GrandChallenge, blank=True, related_name="propositions"
    )
    sector_deals = models.ManyToManyField(SectorDeal, blank=True, related_name="propositions")
    targets = models.ManyToManyField(
        Target, through="PropositionTarget", blank=True, related_name="propositions"
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[grand_challenges, sector_deals])
    objects = PropositionQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "area", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(funding_sought__isnull=True) | Q(funding_sought__gte=0),
                name="proposition_funding_sought_not_negative",
                violation_error_message="Funding sought cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(funding_secured__isnull=True) | Q(funding_secured__gte=0),
                name="proposition_funding_secured_not_negative",
                violation_error_message="Funding secured cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="proposition_ends_after_it_starts",
                violation_error_message="The end date cannot be before the start date.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PropositionPartner(models.Model):
    class Role(models.TextChoices):
        CO_LEAD = "co_lead", "Co-lead"
        PARTNER = "partner", "Delivery partner"
        FUNDER = "funder", "Funder"
        GOVERNMENT = "government", "Government partner"
        SUPPORTER = "supporter", "Supporter"

    proposition = models.ForeignKey(Proposition, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        ordering = ["proposition", "organisation__name"]
        verbose_name = "partner"
        constraints = [
            models.UniqueConstraint(
                fields=["proposition", "organisation"],
                name="proposition_partner_once",
                violation_error_message="This organisation is already a partner.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class PropositionTarget(models.Model):
    """A target the proposition contributes to, or the proposition's own KPI."""

    class Relationship(models.TextChoices):
        OWN_KPI = "own_kpi", "The proposition's own target"
        CONTRIBUTES = "contributes", "Contributes to"

    proposition = models.ForeignKey(Proposition, on_delete=models.CASCADE)
    target = models.ForeignKey(Target, on_delete=models.PROTECT)
    relationship = models.CharField(
        max_length=20, choices=Relationship.choices, default=Relationship.CONTRIBUTES
    )

    class Meta:
        ordering = ["proposition", "relationship", "target"]
        verbose_name = "linked target"
        constraints = [
            models.UniqueConstraint(
                fields=["proposition", "target"],
                name="proposition_target_once",
                violation_error_message="This target is already linked to the proposition.",
            ),
            models.UniqueConstraint(
                fields=["target"],
                condition=Q(relationship="own_kpi"),
                name="target_belongs_to_one_proposition",
                violation_error_message="This target is already another proposition's own target.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target} ({self.get_relationship_display()})"


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ACHIEVED = "achieved", "Achieved"
        MISSED = "missed", "Missed"
        DROPPED = "dropped", "Dropped"

    proposition = models.ForeignKey(
        Proposition, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=300)
    due_date = models.DateField(null=True, blank=True)
    due_date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    due_date_approximate = models.BooleanField(
        default=False, help_text="Tick when the source does not make the date clear."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    achieved_on = models.DateField(null=True, blank=True)
    status_checked_on = models.DateField(
        null=True,
        blank=True,
        verbose_name="status checked on",
        help_text="When the status was last confirmed (by its source or an officer). A "
        "planned milestone whose date has passed says it has had no update since then.",
    )
    notes = TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposition", "due_date", "order", "pk"]
        verbose_name = "proposition milestone"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="achieved") | Q(achieved_on__isnull=True),
                name="milestone_achieved_on_only_when_achieved",
                violation_error_message="Only an achieved milestone has an achieved date.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def due_date_display(self) -> str:
        return format_partial_date(
            self.due_date, self.due_date_precision, self.due_date_approximate
        )

    def is_overdue(self, today: datetime.date) -> bool:
        """Still planned after the whole of its due period (a year, a month or a day)."""
        if self.status != self.Status.PLANNED or self.due_date is None:
            return False
        return period_end(self.due_date, self.due_date_precision) < today

    def status_text(self, today: datetime.date) -> str:
        """“Planned; no update since July 2019” once the due date has passed, so that an
        old status is not read as today's."""
        text = self.get_status_display()
        if self.achieved_on:
            text += f" on {format_partial_date(self.achieved_on, DatePrecision.DAY)}"
        if self.is_overdue(today):
            if self.status_checked_on:
                text += f"; no update since {self.status_checked_on:%B %Y}"
            else:
                text += "; no update since its date passed"
        return text


class PropositionUpdate(models.Model):
    """A dated note of progress on a proposition."""

    proposition = models.ForeignKey(Proposition, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    title = models.CharField(max_length=200)
    text = TextField()
    source_url = models.URLField(blank=True, verbose_name="source web address")
    meeting = models.ForeignKey(
        "governance.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposition_updates",
        help_text="The governance meeting at which it was reviewed, if any.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposition", "-date", "-pk"]
        verbose_name = "progress update"

    def __str__(self) -> str:
        return f"{self.date:%d %b %Y}: {self.title}"
