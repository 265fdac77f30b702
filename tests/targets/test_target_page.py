"""The public page of a target: status and why, published figures, revisions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from targets.models import Observation, Target
from targets.publishing import mark_revised

pytestmark = pytest.mark.usefixtures("seed")


def page(client, slug):
    return client.get(reverse("targets:detail", args=[slug]))


def test_the_page_gives_the_status_word_and_the_reason(client):
    response = page(client, "jobs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Not met.</strong> Not met: 83% of the way to the target" in html
    assert "<title>More jobs: Not met | Strategy tracker</title>" in html


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

    assert html.count('<th scope="row">') == 9  # 2014 to 2022
    assert "36.11" in html
    assert "Draft 2023" not in html
    assert "99.99" not in html


def test_provisional_figures_are_marked(client):
    Observation.objects.filter(target__slug="jobs", period_end="2020-09-30").update(
        provisional=True
    )

    html = page(client, "jobs").content.decode()

    assert html.count("Provisional.") == 1


def test_a_revision_is_listed_with_the_earlier_value_and_the_reason(client, approver):
    figure = Observation.objects.get(target__slug="jobs", period_end="2014-03-31")
    figure.value = Decimal(811500)
    mark_revised(figure, "Revised in the January 2021 release")
    figure.save()

    html = page(client, "jobs").content.decode()

    assert "Revised. " in html
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

    assert "No published figure has been revised." in html


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

    # target, observations, assessments, history
    with django_assert_max_num_queries(4):
        response = page(client, "jobs")

    assert response.status_code == 200
