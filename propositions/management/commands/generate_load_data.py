"""A realistic large estate for measuring speed: one strategy per LEP in England, each
with a dozen targets of every kind and forty years of quarterly figures, and hundreds of
propositions with milestones and updates.

It lives in the propositions app because it fills all four apps. Everything it makes has
a slug starting with `load-`, so it can be told apart from real data and replaced.
"""

import datetime
import random
from decimal import Decimal
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from governance.models import Organisation
from propositions.models import Milestone, Proposition, PropositionUpdate
from strategy.data_version import data_changed
from strategy.models import Area, AreaOfStrategicImportance, Strategy
from targets.models import Observation, PublishedAssessment, Target

PREFIX = "load-"
BATCH = 5000


class TargetKind(NamedTuple):
    kind: str
    unit: str
    value_type: str
    has_comparator: bool
    gap_measure: str
    parameter: Decimal
    start: Decimal  # where the figures start, 40 years back


TARGET_KINDS = [
    TargetKind(*row)
    for row in [
        ("increase", "jobs", "count", False, "", Decimal(50000), Decimal(800000)),
        ("increase", "businesses", "count", False, "", Decimal(5000), Decimal(60000)),
        ("share_of_change", "jobs", "count", False, "", Decimal("0.7"), Decimal(800000)),
        ("close_gap", "%", "percentage", True, "difference", Decimal(1), Decimal(70)),
        ("reduce_gap", "%", "percentage", True, "difference", Decimal("0.5"), Decimal(75)),
        ("reduce_gap", "%", "percentage", True, "difference", Decimal("0.5"), Decimal(30)),
        ("reduce_gap", "£ per hour worked", "amount", True, "ratio", Decimal("0.5"), Decimal(28)),
        (
            "reduce_gap",
            "jobs per resident",
            "ratio",
            True,
            "difference",
            Decimal("0.5"),
            Decimal("0.6"),
        ),
        ("reach_value", "% of GVA", "percentage", False, "", Decimal(35), Decimal(25)),
        ("reach_value", "%", "percentage", False, "", Decimal(80), Decimal(72)),
        ("increase", "£ million of GVA", "amount", False, "", Decimal(2000), Decimal(40000)),
        ("close_gap", "%", "percentage", True, "ratio", Decimal(1), Decimal(60)),
    ]
]


def quarter_ends(count: int, last: datetime.date) -> list[datetime.date]:
    """The `count` quarter ends up to `last`, oldest first."""
    ends = []
    year, month = last.year, last.month
    for _ in range(count):
        day = 31 if month in (3, 12) else 30
        ends.append(datetime.date(year, month, day))
        month -= 3
        if month <= 0:
            month += 12
            year -= 1
    return ends[::-1]


def last_quarter_end(today: datetime.date) -> datetime.date:
    for end in reversed(quarter_ends(8, datetime.date(today.year, 12, 31))):
        if end < today:
            return end
    raise AssertionError("unreachable")


class Command(BaseCommand):
    help = "Fill the database with a large estate of strategies, targets, figures and propositions."

    def add_arguments(self, parser):
        parser.add_argument("--strategies", type=int, default=38, help="One per LEP in England.")
        parser.add_argument("--targets", type=int, default=12, help="Targets per strategy.")
        parser.add_argument("--years", type=int, default=40, help="Years of quarterly figures.")
        parser.add_argument("--propositions", type=int, default=300, help="In all.")
        parser.add_argument("--milestones", type=int, default=3, help="Per proposition.")
        parser.add_argument("--updates", type=int, default=4, help="Per proposition.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete an estate made before, first."
        )
        parser.add_argument("--seed", type=int, default=2024, help="For the random figures.")

    def handle(self, *args, **options):
        for name in ("strategies", "targets", "years", "propositions", "milestones", "updates"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        if options["targets"] > len(TARGET_KINDS) * 10:
            raise CommandError(f"--targets can be at most {len(TARGET_KINDS) * 10}.")
        existing = Strategy.objects.filter(slug__startswith=PREFIX)
        if existing.exists() and not options["replace"]:
            raise CommandError("An estate is already loaded: add --replace to make it again.")
        with transaction.atomic():
            if options["replace"]:
                remove_estate()
            counts = build_estate(
                random.Random(options["seed"]),
                strategies=options["strategies"],
                targets=options["targets"],
                years=options["years"],
                propositions=options["propositions"],
                milestones=options["milestones"],
                updates=options["updates"],
            )
        self.stdout.write(
            "Made " + ", ".join(f"{count:,} {name}" for name, count in counts.items()) + "."
        )


def remove_estate() -> None:
    """In the order the foreign keys need (they protect what they point at)."""
    Proposition.objects.filter(slug__startswith=PREFIX).delete()
    Observation.objects.filter(target__slug__startswith=PREFIX).delete()
    PublishedAssessment.objects.filter(target__slug__startswith=PREFIX).delete()
    Target.objects.filter(slug__startswith=PREFIX).delete()
    AreaOfStrategicImportance.objects.filter(slug__startswith=PREFIX).delete()
    Organisation.objects.filter(slug__startswith=PREFIX).delete()
    Strategy.objects.filter(slug__startswith=PREFIX, aligns_to__isnull=False).delete()
    Strategy.objects.filter(slug__startswith=PREFIX).delete()
    Area.objects.filter(name__startswith=AREA_PREFIX).delete()


# Load test areas are named so, with codes no real LEP area has (those end below E37000100).
AREA_PREFIX = "Load test"


def build_estate(
    rng: random.Random,
    *,
    strategies: int,
    targets: int,
    years: int,
    propositions: int,
    milestones: int,
    updates: int,
) -> dict[str, int]:
    """Adds to an estate made before, numbering on from it."""
    now = timezone.now()
    today = timezone.localdate()
    national, _ = Strategy.objects.get_or_create(
        slug=f"{PREFIX}national",
        defaults={
            "title": "Load test national strategy",
            "kind": Strategy.Kind.INDUSTRIAL_STRATEGY,
            "publisher": "Load test government",
            "status": Strategy.Status.PUBLISHED,
            "summary": "The national strategy the load test's local strategies align to.",
            "order": 1000,
        },
    )
    areas = [
        AreaOfStrategicImportance.objects.get_or_create(
            slug=f"{PREFIX}area-{number}",
            defaults={"strategy": national, "name": f"Load area {number}", "order": number},
        )[0]
        for number in range(1, 5)
    ]
    first = Strategy.objects.filter(aligns_to=national).count() + 1
    comparator, _ = Area.objects.get_or_create(
        name=f"{AREA_PREFIX} England excluding London", kind=Area.Kind.DERIVED
    )
    lep_areas = Area.objects.bulk_create(
        Area(
            name=f"{AREA_PREFIX} LEP {number:02d} area",
            code=f"E3790{number:04d}",
            kind=Area.Kind.LEP_AREA,
        )
        for number in range(first, first + strategies)
    )
    first_proposition = Proposition.objects.filter(slug__startswith=PREFIX).count()
    plans = Strategy.objects.bulk_create(
        Strategy(
            slug=f"{PREFIX}lep-{number:02d}",
            title=f"Load test LEP {number:02d} Strategic Economic Plan",
            short_title=f"LEP {number:02d} SEP",
            kind=Strategy.Kind.ECONOMIC_PLAN,
            publisher=f"Load test LEP {number:02d}",
            status=Strategy.Status.PUBLISHED,
            start_year=2014,
            end_year=2024,
            summary=f"The strategic economic plan of load test LEP {number:02d}.",
            aligns_to=national,
            area=area,
            order=1000 + number,
        )
        for number, area in enumerate(lep_areas, start=first)
    )
    leads = Organisation.objects.bulk_create(
        Organisation(
            slug=f"{PREFIX}lep-{number:02d}-org",
            name=f"Load test LEP {number:02d}",
            kind=Organisation.Kind.LEP,
        )
        for number in range(first, first + strategies)
    )
    made_targets = Target.objects.bulk_create(
        _target(plan, index, comparator) for plan in plans for index in range(targets)
    )
    periods = quarter_ends(years * 4, last_quarter_end(today))
    observations = 0
    batch = []
    for target in made_targets:
        batch.extend(_series(rng, target, periods, now))
        if len(batch) >= BATCH:
            observations += len(Observation.objects.bulk_create(batch))
            batch = []
    observations += len(Observation.objects.bulk_create(batch))
    made_propositions = Proposition.objects.bulk_create(
        Proposition(
            strategy=plans[number % len(plans)] if plans else national,
            area=areas[number % len(areas)],
            slug=f"{PREFIX}proposition-{number:04d}",
            name=f"Load test proposition {number:04d}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
            summary=f"A proposition about {rng.choice(WORDS)} and {rng.choice(WORDS)}.",
            detail=" ".join(rng.choice(WORDS) for _ in range(120)),
            status=rng.choice(Proposition.Status.values),
            lead=leads[number % len(leads)] if leads else None,
            funding_sought=Decimal(rng.randrange(100_000, 50_000_000, 1000)),
            start_date=datetime.date(2019 + number % 5, 1 + number % 12, 1),
            order=number,
        )
        for number in range(first_proposition, first_proposition + propositions)
    )
    made_milestones = Milestone.objects.bulk_create(
        Milestone(
            proposition=proposition,
            title=f"Milestone {index + 1} of {proposition.name}"[:300],
            due_date=datetime.date(2020 + index, 1 + index % 12, 1),
            status=rng.choice(Milestone.Status.values),
            order=index,
        )
        for proposition in made_propositions
        for index in range(milestones)
    )
    made_updates = PropositionUpdate.objects.bulk_create(
        PropositionUpdate(
            proposition=proposition,
            date=today - datetime.timedelta(days=30 * index + proposition.order % 30),
            title=f"Progress update {index + 1}",
            text=" ".join(rng.choice(WORDS) for _ in range(40)),
        )
        for proposition in made_propositions
        for index in range(updates)
    )
    data_changed()  # bulk_create sends no signal
    return {
        "strategies": len(plans) + 1,
        "targets": len(made_targets),
        "observations": observations,
        "propositions": len(made_propositions),
        "milestones": len(made_milestones),
        "updates": len(made_updates),
    }


def _target(plan: Strategy, index: int, comparator: Area) -> Target:
    kind = TARGET_KINDS[index % len(TARGET_KINDS)]
    return Target(
        strategy=plan,
        slug=f"{plan.slug}-target-{index + 1:02d}",
        title=f"{kind.kind.replace('_', ' ').capitalize()} target {index + 1} of {plan.short_title}",
        short_title=f"Target {index + 1}",
        order=index,
        kind=kind.kind,
        parameter=kind.parameter,
        indicator=f"Indicator {index + 1}",
        unit=kind.unit,
        value_type=kind.value_type,
        comparator=comparator if kind.has_comparator else None,
        gap_measure=kind.gap_measure,
        baseline_date=datetime.date(2014, 3, 31),
        target_date=datetime.date(2024, 3, 31),
        source="Load test statistics",
    )


def _series(rng: random.Random, target: Target, periods, now) -> list[Observation]:
    """A random walk from the kind's starting value, kept within what the unit allows."""
    kind = TARGET_KINDS[target.order % len(TARGET_KINDS)]
    value = float(kind.start)
    comparator = value * 1.08
    share = 0.45
    step = max(value * 0.004, 0.01)
    places = 0 if kind.value_type == "count" else 2
    made = []
    for period in periods:
        value = max(value + rng.gauss(step * 0.3, step), step)
        comparator = max(comparator + rng.gauss(step * 0.3, step), step)
        if kind.value_type == "percentage":
            value, comparator = min(value, 99.0), min(comparator, 99.5)
        share = min(max(share + rng.gauss(0.002, 0.01), 0.1), 0.95)
        figure = Decimal(str(round(value, places)))
        made.append(
            Observation(
                target=target,
                area_id=target.strategy.area_id,
                period_end=period,
                period_label=f"Quarter to {period:%b %Y}",
                value=figure,
                comparator_value=Decimal(str(round(comparator, places)))
                if kind.has_comparator
                else None,
                subset_value=(figure * Decimal(str(round(share, 3)))).quantize(Decimal(1))
                if kind.kind == "share_of_change"
                else None,
                source="Load test statistics",
                state=Observation.State.PUBLISHED,
                published_at=now,
            )
        )
    return made


WORDS = [
    "advanced",
    "manufacturing",
    "battery",
    "innovation",
    "skills",
    "exports",
    "productivity",
    "supply",
    "chain",
    "investment",
    "digital",
    "energy",
    "offshore",
    "wind",
    "automotive",
    "research",
    "university",
    "cluster",
    "apprenticeships",
    "infrastructure",
    "transport",
    "housing",
    "employment",
    "growth",
    "trade",
    "net",
    "zero",
    "life",
    "sciences",
    "health",
    "data",
    "software",
    "engineering",
    "logistics",
    "port",
    "rail",
]
