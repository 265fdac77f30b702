"""The seed strategy loads whole, exactly once, and says what the source document says."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db.models import Count

from governance.models import GovernanceBody, Membership, Organisation, TimelineEntry
from propositions.models import Milestone, Proposition, PropositionTarget
from strategy.models import (
    Area,
    AreaOfStrategicImportance,
    Foundation,
    GrandChallenge,
    KeyFact,
    SectorDeal,
    SectorDealCommitment,
    Strategy,
)
from targets.models import Observation, PublishedAssessment, Target
from tests.seed import AREA_CODES

DOMAIN_APPS = ("strategy", "governance", "targets", "propositions")

SEP_TARGETS = [
    # slug, wording, kind, parameter, comparator, gap measure, baseline, target date
    (
        "jobs",
        "Increase the number of jobs by 100,000 by 2024",
        "increase",
        Decimal(100000),
        "",
        "",
        datetime.date(2014, 3, 31),
        datetime.date(2024, 3, 31),
    ),
    (
        "better-jobs",
        "70% of all jobs created between 2014 and 2024 will be better jobs",
        "share_of_change",
        Decimal("0.70"),
        "",
        "",
        datetime.date(2014, 3, 31),
        datetime.date(2024, 3, 31),
    ),
    (
        "employment-rate",
        (
            "Close the gap with England excluding London in the employment rate for people "
            "aged 16-64 by 2024"
        ),
        "close_gap",
        Decimal(1),
        "England excluding London",
        "difference",
        datetime.date(2014, 12, 31),
        datetime.date(2024, 12, 31),
    ),
    (
        "economic-activity-rate",
        (
            "Reduce the gap with England excluding London in economic activity for people "
            "aged 16-64 by 50% by 2024"
        ),
        "reduce_gap",
        Decimal("0.5"),
        "England excluding London",
        "difference",
        datetime.date(2014, 12, 31),
        datetime.date(2024, 12, 31),
    ),
    (
        "private-sector-employment-density",
        (
            "Reduce the gap with England excluding London in private sector employment "
            "density by 50% by 2024"
        ),
        "reduce_gap",
        Decimal("0.5"),
        "England excluding London",
        "difference",
        datetime.date(2015, 12, 31),
        datetime.date(2024, 12, 31),
    ),
    (
        "gva-per-hour-worked",
        "Reduce the gap with England excluding London in GVA per hour worked by 50% by 2024",
        "reduce_gap",
        Decimal("0.5"),
        "England excluding London",
        "ratio",
        datetime.date(2014, 12, 31),
        datetime.date(2024, 12, 31),
    ),
]


def domain_models():
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model._meta.model_name.startswith("historical"):
                yield model


def snapshot() -> str:
    objects = [obj for model in domain_models() for obj in model._default_manager.order_by("pk")]
    return serializers.serialize("json", objects)


pytestmark = pytest.mark.usefixtures("seed")


def test_loading_the_seed_a_second_time_changes_nothing():
    before = snapshot()
    history_before = Target.history.count() + Observation.history.count()

    call_command("loaddata", "seed", verbosity=0)

    assert snapshot() == before
    assert Target.history.count() + Observation.history.count() == history_before


def test_every_seeded_record_passes_the_rules_officers_are_held_to():
    for model in domain_models():
        for obj in model._default_manager.all():
            obj.full_clean()


def seeded_texts():
    """Every text field of every seeded record, as (where, text)."""
    for model in domain_models():
        for obj in model._default_manager.all():
            for field in model._meta.get_fields():
                if field.concrete and isinstance(value := getattr(obj, field.attname, None), str):
                    yield f"{obj._meta.label} {obj.pk} {field.name}", value


def test_the_public_texts_name_their_source_and_not_how_it_was_read():
    """Readers know the North East LEP's presentation, not "the seed" or its extraction."""
    internal = re.compile(r"\bseed\b|extraction", re.IGNORECASE)
    found = [f"{where}: {text}" for where, text in seeded_texts() if internal.search(text)]

    assert found == []


def test_every_text_that_speaks_of_the_seps_refresh_says_which_one():
    """The SEP was refreshed in 2017 and again in 2019: a text never leaves the reader to
    guess which (the presentation's own step title is quoted as it stands)."""
    quoted = {"Launch of refreshed Strategic Economic Plan"}
    named = re.compile(r"\b20(?:17|19) refresh|refreshed (?:again )?in 20(?:17|19)")
    found = [
        f"{where}: {text}"
        for where, text in seeded_texts()
        if text not in quoted
        and len(re.findall("refresh", text, re.IGNORECASE)) != len(named.findall(text))
    ]

    assert found == []


def test_the_three_strategies_and_how_they_align():
    strategies = {s.slug: s for s in Strategy.objects.select_related("aligns_to")}

    assert set(strategies) == {"uk-industrial-strategy", "north-east-sep", "north-east-lis"}
    lis = strategies["north-east-lis"]
    assert lis.aligns_to == strategies["uk-industrial-strategy"]
    assert lis.end_year == 2030
    assert lis.status != Strategy.Status.PUBLISHED
    assert lis.aims.count() == 3
    assert strategies["uk-industrial-strategy"].published_on.year == 2017


@pytest.mark.parametrize(
    ("slug", "title", "kind", "parameter", "comparator", "gap_measure", "baseline", "target"),
    SEP_TARGETS,
    ids=[row[0] for row in SEP_TARGETS],
)
def test_the_six_sep_targets_are_worded_and_parameterised_as_the_plan_says(
    slug, title, kind, parameter, comparator, gap_measure, baseline, target
):
    record = Target.objects.get(slug=slug)

    assert record.strategy.slug == "north-east-sep"
    assert record.title == title
    assert record.kind == kind
    assert record.parameter == parameter
    assert (record.comparator.name if record.comparator else "") == comparator
    assert record.gap_measure == gap_measure
    assert record.baseline_date == baseline
    assert record.target_date == target
    assert record.tolerance == Decimal("0.10")
    assert record.higher_is_better


def test_the_sep_has_exactly_six_targets_in_the_plans_order():
    slugs = list(
        Target.objects.filter(strategy__slug="north-east-sep").values_list("slug", flat=True)
    )

    assert slugs == [row[0] for row in SEP_TARGETS]


def test_the_uk_industrial_strategy_is_complete():
    assert list(Foundation.objects.values_list("name", "ambition")) == [
        ("Ideas", "the world’s most innovative economy"),
        ("People", "good jobs and greater earning power for all"),
        ("Infrastructure", "a major upgrade to the UKs infrastructure"),
        ("Business Environment", "the best place to start and grow a business"),
        ("Places", "prosperous communities across the UK"),
    ]
    assert GrandChallenge.objects.count() == 4
    mobility = GrandChallenge.objects.get(name__iexact="Future of mobility")
    assert "world leader in shaping the future of mobility" in mobility.ambition
    assert mobility.priorities.count() == 4
    assert SectorDeal.objects.count() == 10
    commitments = dict(
        SectorDealCommitment.objects.values_list("sector_deal__name").annotate(n=Count("pk"))
    )
    assert commitments["Automotive"] == 6
    assert commitments["Aerospace"] == 3
    assert commitments["Life sciences"] == 2
    assert commitments["Rail"] == 2


def test_the_four_areas_of_strategic_importance():
    names = set(AreaOfStrategicImportance.objects.values_list("name", flat=True))

    assert names == {"Digital", "Advanced manufacturing", "Health and life sciences", "Energy"}
    manufacturing = AreaOfStrategicImportance.objects.get(name="Advanced manufacturing")
    assert {d.name for d in manufacturing.sector_deals.all()} == {
        "Automotive",
        "Aerospace",
        "Life sciences",
        "Rail",
    }
    assert [c.name for c in manufacturing.grand_challenges.all()] == ["Future of mobility"]


@pytest.mark.parametrize(
    ("statement_part", "value", "unit"),
    [
        ("240", Decimal(240), "companies"),
        ("28 Tier 1", Decimal(28), "suppliers"),
        ("105 enterprises", Decimal(105), "enterprises"),
        ("9,000", Decimal(9000), "jobs"),
    ],
)
def test_key_facts_keep_their_figures_and_sources(statement_part, value, unit):
    fact = KeyFact.objects.get(statement__contains=statement_part, value=value)

    assert fact.unit == unit
    assert fact.source


def test_the_eleven_advanced_manufacturing_propositions():
    propositions = Proposition.objects.filter(area__name="Advanced manufacturing")

    assert propositions.count() == 11
    assert all(p.detail for p in propositions)
    assert propositions.filter(name="Made Smarter Programme").exists()
    assert propositions.filter(name="Driving the Electrical Revolution programme").exists()


def test_propositions_own_kpis_and_milestones():
    own = PropositionTarget.objects.filter(relationship="own_kpi").select_related("target")

    assert {link.target.parameter for link in own} == {Decimal(35), Decimal(5000)}
    cesam = Milestone.objects.get(title__contains="CESAM")
    assert cesam.due_date.year == 2020
    assert cesam.due_date_precision == "year"


def test_the_governance_bodies_and_their_reporting_lines():
    bodies = {b.slug: b for b in GovernanceBody.objects.select_related("reports_to")}

    assert len(bodies) == 6
    roles = {b.name: b.role for b in bodies.values()}
    assert roles["North East LEP Board"] == "decides"
    assert roles["North East Economic Evidence Forum"] == "critical_friend"
    working_group = next(b for b in bodies.values() if "Working Group" in b.name)
    assert working_group.role == "advises"
    assert "Steering Group" in working_group.reports_to.name
    steering = working_group.reports_to
    assert set(
        Membership.objects.filter(body=steering).values_list("organisation__name", flat=True)
    ) >= {
        "North East Combined Authority",
        "North of Tyne Combined Authority",
        "Newcastle University",
    }


def test_the_timeline_has_every_track_and_the_next_steps():
    tracks = set(TimelineEntry.objects.values_list("track", flat=True))

    assert tracks == {"governance", "evidence", "engagement", "other", "next_steps"}
    dated = TimelineEntry.objects.exclude(track="next_steps")
    assert not dated.filter(date__isnull=True).exists()
    assert dated.filter(date_approximate=True).exists()
    assert dated.filter(date__lt=datetime.date(2018, 7, 1)).count() == 0
    assert dated.filter(date__gt=datetime.date(2019, 7, 31)).count() == 0
    la7 = TimelineEntry.objects.get(title="Discussions with LA7 Economic Directors")
    assert [o.name for o in la7.organisations.all()] == ["LA7 Economic Directors"]
    board_items = TimelineEntry.objects.filter(title__startswith="LEP Board")
    assert board_items.count() == 4
    assert all(entry.meeting.body.name == "North East LEP Board" for entry in board_items)


def test_the_seven_local_authorities_keep_their_codes():
    codes = set(
        Organisation.objects.filter(kind="local_authority").values_list("gss_code", flat=True)
    )

    assert codes == set(AREA_CODES)


def test_the_areas_carry_their_gss_codes():
    areas = {area.code: (area.name, area.kind) for area in Area.objects.exclude(code="")}

    assert areas["E37000025"] == ("North East LEP area", "lep_area")
    assert areas["E47000014"] == ("North East combined authority area", "combined_authority_area")
    assert areas["E92000001"] == ("England", "nation")
    assert areas["E12000007"] == ("London", "region")
    assert {code for code, (_, kind) in areas.items() if kind == "local_authority"} == set(
        AREA_CODES
    )
    for code in ("E37000025", "E47000014"):
        assert Area.objects.get(code=code).part_codes == AREA_CODES
    comparator = Area.objects.get(name="England excluding London")
    assert (comparator.code, comparator.part_codes, comparator.excluded_codes) == (
        "",
        ["E92000001"],
        ["E12000007"],
    )


def test_each_figure_is_for_the_area_its_source_names():
    """ONS publishes the calendar-year rates, and the Evidence Hub its figures, for the
    combined authority area; the LEP's Data Hub and the LEP's own sums are for the LEP area."""
    by_area = dict(Observation.objects.values_list("area__code").annotate(count=Count("id")))
    ons = Observation.objects.filter(release__startswith="ONS LI01")

    assert set(ons.values_list("area__code", flat=True)) == {"E47000014"}
    assert set(
        Observation.objects.filter(source_url__contains="northeastdatahub").values_list(
            "area__code", flat=True
        )
    ) == {"E37000025"}
    assert sum(by_area.values()) == Observation.objects.count()
    assert None not in by_area


def test_a_release_that_names_its_day_gives_it_as_the_release_date():
    """A release is data, not only words: where its name gives the day it came out
    ("Nomis 21 Jan 2020", "released 15 October 2024"), `released_on` is that day."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    day = re.compile(rf"(\d{{1,2}}) ({'|'.join(months)})[a-z]* (\d{{4}})")
    checked = 0
    for observation in Observation.objects.all():
        if found := day.search(observation.release):
            named = datetime.date(int(found[3]), months.index(found[2]) + 1, int(found[1]))
            assert observation.released_on == named, observation.release
            checked += 1

    assert checked >= 20


def test_every_official_figure_is_loaded_published_with_its_source():
    observations = Observation.objects.select_related("target")

    assert observations.count() == 50
    assert {o.state for o in observations} == {"published"}
    assert all(o.source and o.release for o in observations)
    gva_2022 = observations.get(target__slug="gva-per-hour-worked", period_end="2022-12-31")
    assert gva_2022.value == Decimal("36.11")
    assert gva_2022.comparator_value == Decimal("38.83")
    assert gva_2022.derived
    jobs_base = observations.get(target__slug="jobs", period_end="2014-03-31")
    assert jobs_base.value == Decimal(811300)
    assert jobs_base.comparator_value is None


def test_every_published_assessment_is_loaded_with_its_statement_and_flags():
    assessments = PublishedAssessment.objects.select_related("target")

    assert assessments.count() == 29
    assert {a.state for a in assessments} == {"published"}
    assert assessments.filter(figure__isnull=True).count() == 6
    final_jobs = assessments.get(target__slug="jobs", period_end="2024-03-31")
    assert final_jobs.figure == Decimal(82900)
    assert final_jobs.period_end_assumed
    assert final_jobs.statement.startswith("+82,900 new jobs")
    assert "assumed" in final_jobs.notes
    widened = assessments.get(target__slug="economic-activity-rate", period_end="2023-06-30")
    assert widened.figure == Decimal("-0.40")
    assert widened.judgement == "widened"


def test_the_import_settings_for_the_rate_targets():
    rate = Target.objects.select_related("strategy").get(slug="employment-rate")

    assert rate.nomis_variable == "Employment rate - aged 16-64"
    assert rate.comparator.code_terms == "E92000001 -E12000007"
    assert rate.strategy.area_code_list == AREA_CODES
