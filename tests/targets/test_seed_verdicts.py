"""The seed's real figures give the verdicts that the rules, worked by hand, give.

Worked by hand (today 27 November 2026):
- jobs: outcome is the final report for the 12 months to March 2024 (period assumed),
  +82,900 of 100,000: p = 0.829 < 1, not met.
- better jobs: outcome is the same report, share 1.206 of S = 0.70: p = 1.7229 >= 1, met.
- employment rate: APS calendar years; baseline Jan-Dec 2014 g_b = 72.78 - 68.86 = 3.92;
  outcome Jan-Dec 2024 (the Evidence Hub, April 2025) g = 75.8 - 70.6 = 5.2:
  p = (3.92 - 5.2)/3.92 = -0.3265, not met.
- economic activity: baseline Jan-Dec 2014 g_b = 77.59 - 75.00 = 2.59; latest Oct 2023-Sep
  2024 (100 less inactivity 25.8 and 21.5) g = 78.5 - 74.2 = 4.3:
  p = (2.59 - 4.3)/(0.5 x 2.59) = -1.3205 against e = 3561/3653 = 0.9748, off track, with
  the final figure (Jan-Dec 2024) awaited.
- private sector density (baseline 2015): 2019 widened by 14%: p = -0.28,
  e = 1461/3288 = 0.4444, off track.
- GVA per hour: 2014 levels exist; ratio gap g_b = 1 - 27.36/29.67 = 0.077857, 2022
  g = 1 - 36.11/38.83 = 0.070049; p = (g_b - g)/(0.5 g_b) = 0.2006 against
  e = 2922/3653 = 0.7999, off track.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from targets.models import Observation, PublishedAssessment, Target
from targets.progress import as_decimal
from targets.standings import RecordsNotFetched, verdict_for

TODAY = datetime.date(2026, 11, 27)

pytestmark = pytest.mark.usefixtures("seed")


@pytest.mark.parametrize(
    ("slug", "status", "basis", "progress", "expected", "period_label"),
    [
        ("jobs", "not_met", "assessment", "0.8290", "1.0000", "2024 (final report)"),
        ("better-jobs", "met", "assessment", "1.7229", "1.0000", "2024 (final report)"),
        ("employment-rate", "not_met", "observation", "-0.3265", "1.0000", "Jan-Dec 2024"),
        (
            "economic-activity-rate",
            "off_track",
            "observation",
            "-1.3205",
            "0.9748",
            "Oct 2023-Sep 2024",
        ),
        (
            "private-sector-employment-density",
            "off_track",
            "assessment",
            "-0.2800",
            "0.4443",
            "2019",
        ),
        ("gva-per-hour-worked", "off_track", "observation", "0.2006", "0.7999", "2022"),
    ],
)
def test_the_six_sep_targets_get_the_verdicts_the_rules_give(
    slug, status, basis, progress, expected, period_label
):
    verdict = verdict_for(Target.objects.with_published_records().get(slug=slug), TODAY)

    assert verdict.status == status
    assert verdict.status_basis == basis
    assert as_decimal(verdict.progress) == Decimal(progress)
    assert as_decimal(verdict.expected_progress) == Decimal(expected)
    assert verdict.latest.record.period_label == period_label


def test_jobs_reason_says_83_percent_and_that_the_period_was_assumed():
    verdict = verdict_for(Target.objects.with_published_records().get(slug="jobs"), TODAY)

    assert verdict.status_reason == (
        "83% of the way to the target by the target date, as reported in "
        "Evidence Hub, Strategic Economic Plan targets (final report), for a period it does "
        "not state (taken to end 31 March 2024)."
    )


def test_a_target_past_its_date_without_an_outcome_says_which_figure_is_latest():
    verdict = verdict_for(
        Target.objects.with_published_records().get(slug="gva-per-hour-worked"), TODAY
    )

    assert verdict.final_figure_awaited
    assert verdict.status_reason == (
        "Final figure awaited. 20% of the way to the target with 80% of the time elapsed, "
        "computed from ONS Subregional productivity (nominal GVA per hour worked) figures "
        "for 2022."
    )


def test_drafts_play_no_part_in_the_status():
    target = Target.objects.get(slug="gva-per-hour-worked")
    Observation.objects.create(
        target=target,
        period_end=datetime.date(2024, 12, 31),
        period_label="2024",
        value=Decimal(50),
        comparator_value=Decimal(40),
        source="A draft nobody has checked",
    )
    PublishedAssessment.objects.create(
        target=Target.objects.get(slug="jobs"),
        publication="An unpublished draft",
        period_end=datetime.date(2024, 3, 31),
        period_label="2024",
        statement="Target smashed.",
        figure=Decimal(150000),
    )

    fetched = Target.objects.with_published_records()
    assert verdict_for(fetched.get(pk=target.pk), TODAY).status == "off_track"
    assert verdict_for(fetched.get(slug="jobs"), TODAY).status == "not_met"


def test_publishing_an_outcome_figure_changes_the_status():
    target = Target.objects.get(slug="gva-per-hour-worked")
    Observation.objects.create(
        target=target,
        period_end=datetime.date(2024, 12, 31),
        period_label="2024",
        value=Decimal("40.00"),
        comparator_value=Decimal("41.00"),
        source="A test release",
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )

    verdict = verdict_for(Target.objects.with_published_records().get(pk=target.pk), TODAY)

    # g = 1 - 40/41 = 0.02439 against g_b = 0.077857: p = 1.3735, met.
    assert verdict.status == "met"
    assert as_decimal(verdict.progress) == Decimal("1.3735")


def test_the_verdicts_of_all_targets_take_four_queries(django_assert_num_queries):
    with django_assert_num_queries(4):
        # targets with their strategy, published observations, published assessments,
        # awaited releases
        verdicts = [verdict_for(t, TODAY) for t in Target.objects.with_published_records()]

    assert len(verdicts) == Target.objects.count()


def test_a_verdict_asked_without_the_records_fetched_is_an_error_not_hidden_queries():
    target = Target.objects.get(slug="jobs")

    with pytest.raises(RecordsNotFetched, match="fetch its published records with it"):
        verdict_for(target, TODAY)
