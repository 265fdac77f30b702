"""The public page of a target: status and why, published figures, revisions."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from governance.models import Meeting
from strategy.models import Area
from targets.models import Observation, PublishedAssessment, Target
from targets.publishing import save_record, withdraw

pytestmark = pytest.mark.usefixtures("seed")


def page(client, slug):
    return client.get(reverse("targets:detail", args=[slug]))


def test_the_page_gives_the_status_word_and_the_reason(client):
    response = page(client, "jobs")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<strong class="govuk-tag govuk-tag--red app-status">Not met</strong>' in html
    assert '<p class="govuk-body-l" id="status-reason">83% of the way to the target' in html
    assert "<title>More jobs: Not met – Strategy tracker</title>" in html


def test_an_unknown_target_is_a_404(client):
    assert page(client, "no-such-target").status_code == 404


def test_the_published_figures_are_listed_and_drafts_never_are(client):
    target = Target.objects.get(slug="gva-per-hour-worked")
    Observation.objects.create(
        target=target,
        period_end=datetime.date(2023, 12, 31),
        period_label="Draft 2023",
        value=Decimal("99.99"),
        comparator_value=Decimal(40),
        source="unchecked",
    )

    html = page(client, "gva-per-hour-worked").content.decode()

    sources = html.split('id="sources"')[1].split("</table>")[0]
    assert sources.count('<th scope="row"') == 9  # 2014 to 2022
    assert "£36.11" in html
    assert "Draft 2023" not in html
    assert "99.99" not in html


def test_provisional_figures_are_marked(client):
    Observation.objects.filter(target__slug="jobs", period_end="2020-09-30").update(
        provisional=True
    )

    html = page(client, "jobs").content.decode()

    assert html.count(">Provisional</strong>") == 1


def test_a_revision_is_listed_with_the_earlier_value_and_the_reason(client, approver):
    figure = Observation.objects.get(target__slug="jobs", period_end="2014-03-31")
    figure.value = Decimal(811500)
    save_record(figure, approver, revision_reason="Revised in the January 2021 release")

    html = page(client, "jobs").content.decode()

    assert html.count(">Revised</strong>") == 1
    assert "Apr 2013-Mar 2014, revised" in html
    assert ": Revised in the January 2021 release." in html
    assert "Was 811300;" in html
    assert "now 811500." in html


def test_publishing_a_draft_is_not_a_revision(client):
    draft = Observation.objects.create(
        target=Target.objects.get(slug="jobs"),
        period_end=datetime.date(2021, 9, 30),
        period_label="Oct 2020-Sep 2021",
        value=Decimal(854200),
        source="APS",
    )
    draft.state = Observation.State.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()

    html = page(client, "jobs").content.decode()

    assert "No published figure has been revised or withdrawn." in html


def test_a_withdrawn_figure_leaves_the_series_and_the_status_and_is_listed_with_its_reason(
    client, approver
):
    target = Target.objects.get(slug="employment-rate")
    latest = target.observations.published().order_by("period_end").last()
    before = page(client, "employment-rate").context["verdict"]

    with time_machine.travel(datetime.datetime(2026, 12, 5, 10, 30, tzinfo=datetime.UTC)):
        withdraw([latest], approver, "Published for the wrong period")
    response = page(client, "employment-rate")

    html = response.content.decode()
    assert latest not in response.context["observations"]
    assert before.latest.record.key == latest.pk
    assert response.context["verdict"].latest.period_end < latest.period_end
    assert (
        f"The figure for {latest.period_label}, withdrawn 5 December 2026: Published for the "
        "wrong period."
    ) in " ".join(html.split())
    assert (
        f"It was {latest.value.normalize()} (comparator {latest.comparator_value.normalize()}), "
        "and no longer counts towards the status."
    ) in html


def test_a_withdrawn_assessment_is_listed_with_its_publication(client, approver):
    assessment = PublishedAssessment.objects.published().filter(target__slug="jobs").first()

    withdraw([assessment], approver, "It described another target.")
    html = " ".join(page(client, "jobs").content.decode().split())

    assert (
        f"{assessment.publication}’s assessment of {assessment.period_label}, withdrawn"
    ) in html
    assert ": It described another target. It no longer counts towards the status." in html


def test_the_page_costs_the_same_queries_however_many_figures(
    client, django_assert_max_num_queries
):
    target = Target.objects.get(slug="jobs")
    for year in range(1990, 2010):
        Observation.objects.create(
            target=target,
            period_end=datetime.date(year, 3, 31),
            period_label=str(year),
            value=Decimal(800000),
            source="APS",
            state=Observation.State.PUBLISHED,
            published_at=timezone.now(),
        )

    # the data version, target, observations, assessments, awaited releases, terms,
    # history, withdrawn observations and assessments, the site's publisher
    with django_assert_max_num_queries(10):
        response = page(client, "jobs")

    assert response.status_code == 200


def test_the_page_shows_the_baseline_target_and_latest_figure_in_the_unit(client):
    html = page(client, "gva-per-hour-worked").content.decode()

    assert (
        "£36.11 per hour worked, against £38.83 per hour worked for England excluding London,"
        " for 2022" in html
    )
    assert (
        "£27.36 per hour worked, against £29.67 per hour worked for England excluding London: "
        "a gap of 7.8% of the comparator’s figure, for the period ending 31 December 2014" in html
    )
    assert "A gap of 3.9% of the comparator’s figure with England excluding London" in html


def test_the_page_has_a_chart_of_the_levels_and_one_of_the_gap(client):
    html = page(client, "gva-per-hour-worked").content.decode()

    assert 'src="/targets/gva-per-hour-worked/charts/levels.svg"' in html
    assert 'src="/targets/gva-per-hour-worked/charts/gap.svg"' in html
    assert (
        "The gap with England excluding London was 7.8% of the comparator’s figure for 2014" in html
    )


def test_a_count_target_has_no_gap_chart_but_a_straight_line_to_the_target(client):
    html = page(client, "jobs").content.decode()

    assert "charts/levels.svg" in html
    assert "charts/gap.svg" not in html
    assert (
        "The straight line to the target runs from 811,300 jobs (March 2014) to 911,300 jobs "
        "(March 2024)." in html
    )


def test_a_target_without_figures_says_where_its_status_comes_from(client):
    html = page(client, "better-jobs").content.decode()

    assert "No official figure for this target is held here yet: its status comes from" in html
    assert "charts/" not in html
    assert "The part that counts is 121% of the change since the baseline, against the 70%" in html
    assert "70% of the change in employment in all jobs (workplace based) to be better jobs" in html
    assert "Met: " not in html.split('id="main-content"')[1]


def test_the_page_explains_how_the_target_is_measured(client):
    html = page(client, "economic-activity-rate").content.decode()

    assert (
        "The target is to close 50% of it by the target date; progress is the share of that "
        "closing done so far." in html
    )
    assert (
        "The baseline is the period ending December 2014; the target date is December 2024." in html
    )
    assert "the baseline date above is the working assumption" not in html
    assert (
        "the LEP’s own statements, on this page, measured from an earlier base (April 2013 to "
        "March 2014), so their percentages differ from those computed here." in html
    )


def test_the_page_offers_the_series_as_csv_and_json(client):
    html = page(client, "jobs").content.decode()

    assert 'href="/api/v1/observations/?target=jobs&amp;format=csv"' in html
    assert 'href="/api/v1/targets/jobs/"' in html


def test_past_the_target_date_the_projection_is_an_estimate_of_the_awaited_figure(client):
    html = page(client, "gva-per-hour-worked").content.decode()

    assert "If the trend since the baseline went on" not in html
    assert "would be" not in html
    assert (
        "The trend since the baseline points to about -46% of the way for 2024: an estimate "
        "of the awaited figure, not a measurement." in html
    )


def test_once_the_outcome_is_held_there_is_no_projection(client):
    html = page(client, "employment-rate").content.decode()

    assert "Not met" in html
    assert "projection" not in html.lower()
    assert "The trend since the baseline" not in html


def test_the_headline_says_first_that_the_final_figure_is_awaited_and_which_release(client):
    html = page(client, "gva-per-hour-worked").content.decode()
    main = html.split('id="main-content"')[1]

    awaited = "Final figure awaited: the figures for 2024 (ONS, June 2026) are not yet held here."
    assert awaited in main
    # Before any other word of the verdict, the status itself included.
    assert main.index(awaited) < main.index("app-status") < main.index('id="status-reason"')
    assert re.search(r"On the latest figures:\s*<strong", main)
    assert "<title>GVA per hour worked: Off track, final figure awaited" in html
    # The reason that follows does not say it twice.
    reason = main.split('id="status-reason">')[1].split("</p>")[0]
    assert "awaited" not in reason


def test_the_releases_out_and_not_held_are_listed_with_the_release_pattern(client):
    html = page(client, "gva-per-hour-worked").content.decode()

    assert (
        "Each June, with figures for the year before last (ONS Subregional productivity)." in html
    )
    assert (
        "Subregional productivity: labour productivity indices by UK ITL2 and ITL3 subregions, "
        "June 2025 (ONS), with the figures for 2023: published 19 June 2025, not yet held here."
        in html
    )


def test_a_rate_target_names_the_release_date_of_the_figure_behind_its_status(client):
    html = page(client, "employment-rate").content.decode()

    assert "70.6%, against 75.8% for England excluding London, for Jan-Dec 2024" in html
    assert "15 April 2025" in html


def test_a_rate_target_gives_the_survey_interval_and_says_when_a_change_is_within_it(client):
    html = page(client, "employment-rate").content.decode()
    sources = html.split('id="sources"')[1].split("</table>")[0]

    # 2014: 68.86 against 66.24 in 2013, a rise of 2.62 points, beyond half of 67.8-70.0.
    assert (
        "95% confidence interval: 67.8% to 70%. Since Jan-Dec 2013: up 2.62 points, beyond "
        "the survey’s margin of error." in sources
    )
    # 2015: up 0.58 points, within half of 68.3-70.5 (1.1 points).
    assert "Since Jan-Dec 2014: up 0.58 points, within the survey’s margin of error." in sources
    # A figure for another kind of period is not compared with the calendar years.
    oct_sep = sources.split("Oct 2017-Sep 2018")[1].split("</tr>")[0]
    assert "margin of error" not in oct_sep


@pytest.mark.parametrize(
    ("slug", "target_text", "dates"),
    [
        (
            "export-share-of-gva",
            "35% of GVA",
            (
                "The strategy sets neither a baseline date nor a target date, so progress cannot "
                "be measured yet."
            ),
        ),
        (
            "iamp-jobs",
            "5,000 jobs more than at the baseline",
            (
                "The strategy sets no baseline date, only the target date (December 2024), so "
                "progress cannot be measured yet."
            ),
        ),
    ],
)
def test_a_target_without_dates_or_a_named_statistic_reads_as_sentences(
    client, slug, target_text, dates
):
    html = page(client, slug).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())

    assert target_text in text
    assert dates in text
    for broken in ("period ending no", "is no target date", "from Not stated", "Not known until"):
        assert broken not in text
    assert "Source: Not stated (the draft Local Industrial Strategy names no statistic" in text
    assert "No projection" not in text
    assert "Progress is compared with a straight line" not in text


def test_a_strategys_dashboard_does_not_date_all_its_targets_by_the_strategys_end(client):
    html = client.get(reverse("targets:dashboard", args=["north-east-lis"])).content.decode()

    assert "The targets for 2030" not in html
    assert '<h2 class="govuk-heading-l">The targets</h2>' in html


def test_each_assessment_says_what_it_counts_for_and_where_it_was_reviewed(client):
    meeting = Meeting.objects.get(title="LEP Board reviews progress")
    assessment = PublishedAssessment.objects.get(
        target__slug="jobs", period_label="2024 (final report)"
    )
    assessment.meeting = meeting
    assessment.save()

    html = page(client, "jobs").content.decode()
    table = html.split('id="assessments"')[1].split("</table>")[0]
    final = table.split("Not stated")[1].split("</tr>")[0]

    assert "(taken to end March 2024)" in final
    assert "82,900 jobs more than at the baseline: 83% of the way." in final
    assert 'href="/governance/#north-east-lep-board">North East LEP Board</a>' in final
    assert "between July 2018 and July 2019" in final
    judgement_only = page(client, "employment-rate").content.decode()
    assert "A judgement only: it does not count towards the status." in judgement_only
    assert "The gap narrowed by 2% of its baseline size: 2% of the way." in judgement_only


def test_the_gva_page_and_its_api_explain_productivity(client):
    html = page(client, "gva-per-hour-worked").content.decode()
    target = client.get("/api/v1/targets/gva-per-hour-worked/").json()

    assert (
        '<h2 class="govuk-heading-l" id="what-is-productivity">What is productivity?</h2>' in html
    )
    assert "Productivity measures how much output is produced by a given input" in html
    assert [term["slug"] for term in target["terms"]] == ["productivity"]
    assert "what-is-productivity" not in page(client, "jobs").content.decode()


@pytest.mark.parametrize("kind", [kind for kind, _ in Target.Kind.choices])
@pytest.mark.parametrize(
    ("baseline_date", "target_date"),
    [
        (None, None),
        (None, datetime.date(2024, 12, 31)),
        (datetime.date(2014, 12, 31), None),
    ],
    ids=["no dates", "no baseline date", "no target date"],
)
def test_every_kind_of_target_reads_well_without_its_dates(
    client, kind, baseline_date, target_date
):
    gap = kind in Target.GAP_KINDS
    Target.objects.create(
        strategy=Target.objects.get(slug="jobs").strategy,
        slug="a-new-target",
        title="A new target",
        short_title="New",
        kind=kind,
        parameter={"share_of_change": "0.5", "close_gap": "1", "reduce_gap": "0.5"}.get(kind, "10"),
        indicator="Something measured",
        subset_indicator="The part: that counts" if kind == "share_of_change" else "",
        unit="%",
        value_type=Target.ValueType.PERCENTAGE,
        comparator=Area.objects.get(code="E92000001") if gap else None,
        gap_measure="difference" if gap else "",
        baseline_date=baseline_date,
        target_date=target_date,
        source="Not stated (no statistic is named)",
    )

    html = page(client, "a-new-target").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html.split('id="main-content"')[1]).split())

    for broken in (
        "period ending no",
        "is no target date",
        "Not known until",
        "No projection",
        "Target for None",
        "None",
        "  ",
    ):
        assert broken not in text, broken
    assert "so progress cannot be measured" in text
    assert "Progress is compared with a straight line" not in text
