"""Strategies and what they are built from: the UK Industrial Strategy's foundations,
grand challenges and sector deals, the areas of strategic importance, and the evidence
base that a local strategy rests on.

Every other app builds on these models; nothing here refers to targets, propositions or
governance.
"""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Count, Prefetch, Q, Value, When

from strategy.fields import TextField


class DatePrecision(models.TextChoices):
    """How much of a stored date is known: sources often give only a month or a year."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_partial_date(value, precision: str, approximate: bool = False) -> str:
    """The date as the source gives it: "July 2018", not "1 July 2018"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        text = value.strftime("%Y")
    elif precision == DatePrecision.MONTH:
        text = value.strftime("%B %Y")
    else:
        text = f"{value.day} {value.strftime('%B %Y')}"
    return f"around {text}" if approximate else text


def period_end(value: datetime.date, precision: str) -> datetime.date:
    """The last day of the period a partial date names: the year, the month or the day."""
    if precision == DatePrecision.YEAR:
        return datetime.date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(
            value.year, value.month, calendar.monthrange(value.year, value.month)[1]
        )
    return value


def format_date_span(earliest, latest) -> str:
    """A date the source gives only as a span: "between July 2018 and July 2019", never an
    invented month within it."""
    return f"between {earliest:%B %Y} and {latest:%B %Y}"


def _in_choice_order(field: str, choices: type[models.TextChoices]) -> Case:
    """An ordering by the order the choices are declared in, not alphabetically."""
    return Case(
        *[When(**{field: value}, then=Value(index)) for index, value in enumerate(choices.values)],
        default=Value(len(choices.values)),
    )


class StrategyQuerySet(models.QuerySet):
    def primary_publisher(self) -> str | None:
        """Who publishes the primary strategy (PRIMARY_STRATEGY): the site's publisher."""
        return (
            self.filter(slug=settings.PRIMARY_STRATEGY).values_list("publisher", flat=True).first()
        )

    def for_overview(self):
        """Every strategy with all that the strategy page shows of it, the national
        strategy first, in a fixed number of queries however much there is.

        `target_count` counts through the reverse relation by name, so that this app
        needs no import of the targets app to know which strategies have a dashboard.
        """
        return (
            self.select_related("aligns_to", "area")
            .annotate(target_count=Count("targets"))
            .prefetch_related(
                "area__parts",
                "aims",
                "foundations",
                Prefetch("grand_challenges", GrandChallenge.objects.with_priorities()),
                Prefetch("sector_deals", SectorDeal.objects.with_commitments()),
                Prefetch("areas", AreaOfStrategicImportance.objects.for_overview()),
                "evidence_reports",
                Prefetch("discussion_questions", DiscussionQuestion.objects.with_follow_ups()),
            )
            .order_by(
                Case(When(kind=Strategy.Kind.INDUSTRIAL_STRATEGY, then=Value(0)), default=Value(1)),
                "order",
                "title",
            )
        )


# A GSS code: the letter of the nation (or K for groups of them) and eight digits.
GSS_CODE_PATTERN = "[EKNSW][0-9]{8}"
GSS_CODE = RegexValidator(
    rf"^{GSS_CODE_PATTERN}\Z",
    "A GSS code is a letter (E, K, N, S or W) and eight digits, e.g. E06000047.",
)


class Area(models.Model):
    """A place that official figures are published for, named by its ONS (GSS) code, so
    that partners can join our figures to anyone else's. An area without a code of its
    own is derived: the sum of its parts less the areas it excludes (England excluding
    London is England less London)."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        LEP_AREA = "lep_area", "Local enterprise partnership area"
        COMBINED_AUTHORITY_AREA = "combined_authority_area", "Combined authority area"
        REGION = "region", "Region"
        NATION = "nation", "Nation"
        DERIVED = "derived", "Derived from other areas"

    name = models.CharField(max_length=200, help_text="As ONS names it, e.g. “Gateshead”.")
    code = models.CharField(
        max_length=9,
        blank=True,
        validators=[GSS_CODE],
        verbose_name="GSS code",
        help_text="The ONS code, e.g. E06000047 for County Durham. Empty only for a derived "
        "area, which has none.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    parts = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="part_of",
        help_text="The areas whose figures add up to this one: an area's local authorities, "
        "or England for England excluding London. Imports of official statistics add them up.",
    )
    excluding = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="excluded_from",
        help_text="For a derived area: the areas taken away from its parts, e.g. London.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="area_code_unique",
                violation_error_message="Another area has this GSS code.",
            ),
            models.CheckConstraint(
                condition=Q(kind="derived", code="") | (~Q(kind="derived") & ~Q(code="")),
                name="area_code_unless_derived",
                violation_error_message="Every area has a GSS code except a derived one, "
                "which has none.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def part_codes(self) -> list[str]:
        return [part.code for part in self.parts.all()]

    @property
    def excluded_codes(self) -> list[str]:
        return [area.code for area in self.excluding.all()]

    @property
    def code_terms(self) -> str:
        """How imports build the area's figures from areas with codes: codes to add, then
        codes to take away after a minus sign, e.g. "E92000001 -E12000007"."""
        added = self.part_codes or [self.code]
        return " ".join([*added, *(f"-{code}" for code in self.excluded_codes)])


class Strategy(models.Model):
    class Kind(models.TextChoices):
        INDUSTRIAL_STRATEGY = "industrial_strategy", "National industrial strategy"
        ECONOMIC_PLAN = "economic_plan", "Strategic economic plan"
        LOCAL_INDUSTRIAL_STRATEGY = "local_industrial_strategy", "Local industrial strategy"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        IN_DEVELOPMENT = "in_development", "In development"
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded"

    slug = models.SlugField(unique=True, help_text="Used in web addresses and the API.")
    title = models.CharField(max_length=200)
    short_title = models.CharField(
        max_length=60, blank=True, help_text="A short name for menus and tables, e.g. “SEP”."
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    publisher = models.CharField(
        max_length=200, help_text="Who publishes or will publish it, e.g. “HM Government”."
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    published_on = models.DateField(null=True, blank=True)
    published_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    status_as_at = models.DateField(
        null=True,
        blank=True,
        verbose_name="as at",
        help_text="The month its sources describe it as at (the latest source's date): the "
        "next steps and the propositions' milestones are shown as at it until an officer "
        "updates them.",
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the strategy runs to, e.g. 2030."
    )
    summary = TextField(help_text="What it is, in a sentence or two.")
    vision = TextField(blank=True, help_text="The vision or purpose, as published.")
    aligns_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aligned_strategies",
        help_text="The strategy this one is aligned to or delivers.",
    )
    alignment = TextField(blank=True, help_text="How this strategy fits with the one it aligns to.")
    url = models.URLField(blank=True, verbose_name="web address")
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategies",
        help_text="The area the strategy covers, e.g. the North East LEP area. Its parts are "
        "the local authorities whose figures imports add up.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "strategies"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="strategy_ends_after_it_starts",
                violation_error_message="The end year cannot be before the start year.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def area_code_list(self) -> list[str]:
        """The GSS codes of the local authorities that make up the strategy's area."""
        return self.area.part_codes if self.area else []

    def clean(self):
        if self.aligns_to_id and self.aligns_to_id == self.pk:
            raise ValidationError({"aligns_to": "A strategy cannot align to itself."})

    @property
    def published_on_display(self) -> str:
        return format_partial_date(self.published_on, self.published_on_precision)


class StrategyAim(models.Model):
    """One of the things a strategy sets out to do, in the order it lists them."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="aims")
    text = TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "order", "pk"]
        verbose_name = "aim"

    def __str__(self) -> str:
        return self.text


class Foundation(models.Model):
    """A foundation of productivity in the UK Industrial Strategy, with its ambition."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="foundations")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    ambition = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class GrandChallengeQuerySet(models.QuerySet):
    def with_priorities(self):
        return self.prefetch_related("priorities")


class GrandChallenge(models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="grand_challenges"
    )
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    ambition = TextField(blank=True, help_text="The ambition government set, as quoted.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = GrandChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class GrandChallengePriority(models.Model):
    """An early priority area identified for a grand challenge."""

    grand_challenge = models.ForeignKey(
        GrandChallenge, on_delete=models.CASCADE, related_name="priorities"
    )
    text = TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["grand_challenge", "order", "pk"]
        verbose_name = "early priority"
        verbose_name_plural = "early priorities"

    def __str__(self) -> str:
        return self.text


class SectorDealQuerySet(models.QuerySet):
    def with_commitments(self):
        return self.prefetch_related("commitments")


class SectorDeal(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="sector_deals")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    summary = TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = SectorDealQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} Sector Deal"


class SectorDealCommitment(models.Model):
    """A key commitment of a sector deal."""

    sector_deal = models.ForeignKey(
        SectorDeal, on_delete=models.CASCADE, related_name="commitments"
    )
    text = TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sector_deal", "order", "pk"]
        verbose_name = "key commitment"

    def __str__(self) -> str:
        return self.text


class AreaQuerySet(models.QuerySet):
    def for_overview(self):
        """Each area with the grand challenges and sector deals it relates to, and its
        part of the evidence base."""
        return self.prefetch_related(
            "grand_challenges",
            "sector_deals",
            "key_facts",
            Prefetch("findings", Finding.objects.for_overview()),
        )


class AreaOfStrategicImportance(models.Model):
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.PROTECT,
        related_name="areas",
        help_text="The strategy that names this area (the SEP for the North East).",
    )
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    description = TextField(blank=True)
    grand_challenges = models.ManyToManyField(
        GrandChallenge,
        blank=True,
        related_name="areas",
        help_text="Grand challenges this area relates to.",
    )
    sector_deals = models.ManyToManyField(
        SectorDeal, blank=True, related_name="areas", help_text="Sector deals this area relates to."
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "area of strategic importance"
        verbose_name_plural = "areas of strategic importance"

    def __str__(self) -> str:
        return self.name


class EvidenceReport(models.Model):
    """A report in a strategy's evidence base."""

    class Kind(models.TextChoices):
        ANNUAL_REPORT = "annual_report", "Annual report"
        COMMISSIONED_REVIEW = "commissioned_review", "Commissioned review"
        RESEARCH = "research", "Earlier or ongoing research"
        AUDIT = "audit", "Science and innovation audit"
        OTHER = "other", "Other"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="evidence_reports"
    )
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = TextField()
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_on_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    url = models.URLField(blank=True, verbose_name="web address")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class KeyFactQuerySet(models.QuerySet):
    def without_area(self):
        """Facts that belong to no area of strategic importance, which pages listing
        facts by area would otherwise leave out."""
        return self.filter(area__isnull=True)


class KeyFact(models.Model):
    """A fact or figure from the evidence base, kept with its source.

    A range ("between 4,300 and 5,300") has both `value` and `value_upper`; a bound
    ("over 240") says so in `qualifier`.
    """

    class Qualifier(models.TextChoices):
        EXACT = "", "Exactly"
        OVER = "over", "Over"
        ABOUT = "about", "About"
        RANGE = "range", "Between"

    area = models.ForeignKey(
        AreaOfStrategicImportance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_facts",
    )
    report = models.ForeignKey(
        EvidenceReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_facts",
        help_text="The evidence report the fact comes from, where it is in the evidence base.",
    )
    subject = models.CharField(
        max_length=100, help_text="What the fact is about, e.g. “Automotive”."
    )
    statement = TextField(help_text="The fact as the source states it.")
    qualifier = models.CharField(max_length=5, choices=Qualifier.choices, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=4)
    value_upper = models.DecimalField(
        max_digits=20,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="The top of the range, when the source gives a range.",
    )
    unit = models.CharField(max_length=60, help_text="e.g. “companies”, “£ billion”, “%”.")
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the figure describes, where the source says."
    )
    source = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    objects = KeyFactQuerySet.as_manager()

    class Meta:
        ordering = ["area", "subject", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(qualifier="range") & Q(value_upper__gt=models.F("value")))
                | (~Q(qualifier="range") & Q(value_upper__isnull=True)),
                name="key_fact_range_has_upper_bound",
                violation_error_message=(
                    "A range needs an upper value greater than the value; "
                    "other figures have no upper value."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.statement}"


class FindingQuerySet(models.QuerySet):
    def for_overview(self):
        """With their reports, in the order the kinds are declared: what the evidence
        says, then opportunities, constraints, recommendations and what works."""
        return self.select_related("report").order_by(
            _in_choice_order("kind", Finding.Kind), "order", "pk"
        )

    def without_area(self):
        return self.filter(area__isnull=True)


class Finding(models.Model):
    """A finding of the evidence base: what it tells us, constraints, recommendations,
    what works, and the opportunities the strategy builds on."""

    class Kind(models.TextChoices):
        EVIDENCE = "evidence", "What the evidence tells us"
        OPPORTUNITY = "opportunity", "Opportunity"
        CONSTRAINT = "constraint", "Constraint on growth"
        RECOMMENDATION = "recommendation", "Recommendation"
        WHAT_WORKS = "what_works", "What works"

    area = models.ForeignKey(
        AreaOfStrategicImportance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    report = models.ForeignKey(
        EvidenceReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200, blank=True)
    text = TextField()
    order = models.PositiveSmallIntegerField(default=0)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["area", "kind", "order", "pk"]

    def __str__(self) -> str:
        return self.title or self.text[:80]


class DiscussionQuestionQuerySet(models.QuerySet):
    def with_follow_ups(self):
        """The questions that follow up no other, each with its follow-ups, by topic in
        the order the topics are declared."""
        return (
            self.filter(parent__isnull=True)
            .select_related("area")
            .prefetch_related("follow_ups")
            .order_by(_in_choice_order("topic", DiscussionQuestion.Topic), "order", "pk")
        )


class DiscussionQuestion(models.Model):
    """A question put to partners while the strategy is developed."""

    class Topic(models.TextChoices):
        EVIDENCE = "evidence", "The evidence base"
        APPROACH = "approach", "The proposed approach"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="discussion_questions"
    )
    area = models.ForeignKey(
        AreaOfStrategicImportance,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="discussion_questions",
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        help_text="The question this one follows up, for sub-questions.",
    )
    text = TextField()
    order = models.PositiveSmallIntegerField(default=0)

    objects = DiscussionQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "topic", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class GlossaryTerm(models.Model):
    """A term the strategy relies on, explained for residents (e.g. productivity)."""

    slug = models.SlugField(unique=True)
    term = models.CharField(max_length=100, unique=True)
    definition = TextField()
    why_it_matters = TextField(blank=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term
