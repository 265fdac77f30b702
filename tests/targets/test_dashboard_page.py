"""The home page and each strategy's dashboard: every target at a glance."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from strategy.models import Strategy
from targets.models import Observation, Target
from tests.seed import SEP_TARGETS

pytestmark = pytest.mark.usefixtures("seed")


def card_slugs(html: str) -> list[str]:
    return re.findall(r'<article class="app-card" aria-labelledby="target-([\w-]+)">', html)


def card(html: str, slug: str) -> str:
    return html.split(f'aria-labelledby="target-{slug}"')[1].split("</article>")[0]


def test_the_home_page_shows_the_six_sep_targets_in_order(client):
    html = client.get("/").content.decode()

    assert card_slugs(html) == SEP_TARGETS
    assert '<h1 class="govuk-heading-xl">Where the SEP targets stand</h1>' in html


@pytest.mark.parametrize(
    ("slug", "word", "colour"),
    [
        ("jobs", "Not met", "red"),
        ("better-jobs", "Met", "green"),
        ("employment-rate", "Not met", "red"),
        ("economic-activity-rate", "Off track", "red"),
        ("private-sector-employment-density", "Off track", "red"),
        ("gva-per-hour-worked", "Off track", "red"),
    ],
)
def test_each_card_gives_the_status_by_word_and_colour(client, slug, word, colour):
    html = card(client.get("/").content.decode(), slug)

    assert f'<strong class="govuk-tag govuk-tag--{colour} app-status">{word}</strong>' in html


def test_a_card_shows_progress_against_the_straight_line(client):
    html = card(client.get("/").content.decode(), "jobs")

    assert "app-progress__fill--83" in html
    assert "app-progress__expected--100" in html
    assert "83% of the way; 100% expected by then (the black line)." in html


def test_a_card_shows_the_record_behind_the_status_not_an_older_figure(client):
    html = card(client.get("/").content.decode(), "jobs")

    # The status rests on the LEP's final report, not on the latest official level.
    assert (
        "Evidence Hub, Strategic Economic Plan targets (final report), for a period it does not "
        "state (taken to end March 2024)" in html
    )
    assert "880,800" not in html
    assert "911,300 jobs" in html
    assert "Last updated" not in html


def test_a_card_gives_the_period_and_release_date_of_the_figure_behind_the_status(client):
    html = card(client.get("/").content.decode(), "employment-rate")

    assert "70.6%, against 75.8% for England excluding London, for Jan-Dec 2024" in html
    assert "<dt>Published</dt>\n    <dd>15 April 2025</dd>" in html


def test_a_card_says_first_when_the_final_figure_is_awaited(client):
    html = card(client.get("/").content.decode(), "economic-activity-rate")

    awaited = (
        "Final figure awaited: the figures for January to December 2024 (ONS, April 2025) "
        "are not yet held here."
    )
    assert awaited in html
    assert html.index(awaited) < html.index("of the way")
    assert "Final figure awaited" not in card(client.get("/").content.decode(), "employment-rate")


def test_progress_away_from_the_target_is_an_empty_bar_and_said_in_words(client):
    html = card(client.get("/").content.decode(), "economic-activity-rate")

    assert "app-progress__fill--0" in html
    assert "-132% of the way" in html


def test_the_home_page_summarises_the_propositions_by_status(client):
    html = client.get("/").content.decode()

    assert "11 propositions for the area’s industries" in html
    assert '<a class="govuk-link" href="/propositions/?status=proposed">Proposed</a>' in html
    proposed = html.split("?status=proposed")[1].split("</tr>")[0]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">8</td>' in proposed


def test_a_draft_figure_changes_nothing_on_the_home_page(client):
    before = card(client.get("/").content.decode(), "jobs")
    Observation.objects.create(
        target=Target.objects.get(slug="jobs"),
        period_end=datetime.date(2023, 3, 31),
        period_label="Apr 2022-Mar 2023",
        value=Decimal(990000),
        source="unchecked",
    )

    after = card(client.get("/").content.decode(), "jobs")

    assert after == before


def test_another_strategy_has_the_same_dashboard(client):
    response = client.get(reverse("targets:dashboard", args=["north-east-lis"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert card_slugs(html) == ["export-share-of-gva", "iamp-jobs"]
    assert "Propositions by status" not in html


def test_an_unknown_strategy_is_a_404(client):
    assert client.get(reverse("targets:dashboard", args=["no-such-plan"])).status_code == 404


def test_the_primary_strategy_is_a_setting(client, settings):
    settings.PRIMARY_STRATEGY = "north-east-lis"

    assert card_slugs(client.get("/").content.decode()) == ["export-share-of-gva", "iamp-jobs"]


def test_the_home_page_costs_the_same_queries_however_much_data(
    client, django_assert_max_num_queries
):
    strategy = Strategy.objects.get(slug="north-east-sep")
    now = timezone.now()
    for number in range(30):
        target = Target.objects.create(
            strategy=strategy,
            slug=f"extra-{number}",
            title=f"Extra target {number}",
            short_title=f"Extra {number}",
            order=100 + number,
            kind=Target.Kind.INCREASE,
            parameter=Decimal(1000),
            indicator="Jobs",
            unit="jobs",
            value_type=Target.ValueType.COUNT,
            baseline_date=datetime.date(2014, 3, 31),
            target_date=datetime.date(2024, 3, 31),
            source="APS",
        )
        Observation.objects.bulk_create(
            Observation(
                target=target,
                period_end=datetime.date(year, 3, 31),
                period_label=str(year),
                value=Decimal(1000 + year),
                source="APS",
                state=Observation.State.PUBLISHED,
                published_at=now,
            )
            for year in range(2014, 2024)
        )

    # the data version, strategy, targets with their record versions, their awaited
    # releases, propositions by status, publisher; then, for the standings not in the
    # cache, the observations and the assessments
    with django_assert_max_num_queries(8):
        response = client.get("/")
    caches["responses"].clear()  # rendered afresh, from the standings kept
    with django_assert_max_num_queries(6):
        again = client.get("/")

    assert len(card_slugs(response.content.decode())) == 36
    assert again.content == response.content


def test_a_newer_figure_that_cannot_be_measured_is_shown_with_the_reason(client):
    # Private sector density has no baseline level: its status rests on the LEP's 2019
    # statement, and a newer official figure cannot be measured against the baseline.
    Observation.objects.create(
        target=Target.objects.get(slug="private-sector-employment-density"),
        period_end=datetime.date(2022, 12, 31),
        period_label="2022",
        value=Decimal("0.60"),
        comparator_value=Decimal("0.64"),
        source="BRES",
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )

    html = card(client.get("/").content.decode(), "private-sector-employment-density")

    assert "for 2019" in html
    assert (
        "A newer figure, for 2022, is held, but there is no official figure for the baseline "
        "period to measure it from." in html
    )


def test_a_share_of_change_card_names_the_part_that_counts(client):
    html = card(client.get("/").content.decode(), "better-jobs")

    assert "Better jobs were 121% of the change; 70% needed (the black line)." in html


def test_a_card_says_each_thing_once(client):
    home = client.get("/").content.decode()
    jobs = card(home, "jobs")

    assert jobs.count("Evidence Hub, Strategic Economic Plan targets (final report)") == 1
    assert jobs.count("83% of the way") == 1
    # Where nothing can be measured, the card gives the reason instead of a bar.
    lis = client.get(reverse("targets:dashboard", args=["north-east-lis"])).content.decode()
    assert "The strategy sets neither a baseline date nor a target date" in card(
        lis, "export-share-of-gva"
    )
