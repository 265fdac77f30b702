import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from propositions.models import Proposition, PropositionUpdate
from targets.models import ExpectedRelease, Observation, PublishedAssessment, Target

DESK = reverse("officers-desk")

pytestmark = pytest.mark.usefixtures("seed")


def today():
    return timezone.localdate()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DESK)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def expect_release(slug, expected_on, period_end, **fields):
    values = {
        "target": Target.objects.get(slug=slug),
        "title": f"A release with the figures to {period_end:%B %Y}",
        "expected_on": expected_on,
        "period_end": period_end,
        "period_label": f"{period_end:%Y}",
        "what_to_import": "The release's workbook.",
    }
    values.update(fields)
    return ExpectedRelease.objects.create(**values)


def gva_figure(period_end, **fields):
    values = {
        "target": Target.objects.get(slug="gva-per-hour-worked"),
        "period_end": period_end,
        "period_label": f"{period_end:%Y}",
        "value": Decimal("37.5"),
        "comparator_value": Decimal("40.1"),
        "source": "ONS Subregional productivity",
    }
    values.update(fields)
    return Observation.objects.create(**values)


def test_the_seeded_releases_that_are_out_without_their_figures_are_listed(officer_client):
    response = officer_client.get(DESK)

    overdue = [
        (release.target.slug, release.period_end.isoformat())
        for release in response.context["overdue_releases"]
    ]
    # The employment rate's January-December 2024 figures are held; the rest are not.
    assert overdue == [
        ("economic-activity-rate", "2024-12-31"),
        ("gva-per-hour-worked", "2023-12-31"),
        ("private-sector-employment-density", "2024-12-31"),
        ("gva-per-hour-worked", "2024-12-31"),
    ]
    html = response.content.decode()
    assert "Annual Population Survey, January to December 2024" in html
    assert reverse("admin:targets_observation_import") in html


def test_a_release_due_in_the_next_sixty_days_is_listed_as_due_not_overdue(officer_client):
    soon = expect_release("jobs", today() + datetime.timedelta(days=60), datetime.date(2025, 3, 31))
    expect_release("jobs", today() + datetime.timedelta(days=61), datetime.date(2025, 6, 30))

    response = officer_client.get(DESK)

    assert list(response.context["due_releases"]) == [soon]
    assert soon not in response.context["overdue_releases"]


def test_figures_entered_for_older_periods_never_clear_an_overdue_release(officer_client):
    # A back-filled figure, entered today and published, for a year before the release's.
    gva_figure(
        datetime.date(2013, 12, 31),
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )

    response = officer_client.get(DESK)

    periods = {
        release.period_end
        for release in response.context["overdue_releases"]
        if release.target.slug == "gva-per-hour-worked"
    }
    assert periods == {datetime.date(2023, 12, 31), datetime.date(2024, 12, 31)}


def test_a_published_figure_for_the_release_period_clears_it_and_a_draft_is_pointed_out(
    officer_client,
):
    gva_figure(
        datetime.date(2023, 12, 31),
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )
    gva_figure(datetime.date(2024, 12, 31), value=Decimal("38.5"), comparator_value=Decimal(41))

    response = officer_client.get(DESK)

    gva = [
        r for r in response.context["overdue_releases"] if r.target.slug == "gva-per-hour-worked"
    ]
    assert [(r.period_end, r.draft_entered) for r in gva] == [(datetime.date(2024, 12, 31), True)]
    assert "A draft figure for this period is waiting for an approver." in response.content.decode()


def test_drafts_waiting_for_an_approver_are_listed_and_published_ones_are_not(
    officer_client, officer
):
    target = Target.objects.get(slug="gva-per-hour-worked")
    draft = Observation.objects.create(
        target=target,
        period_end=datetime.date(2023, 12, 31),
        period_label="2023",
        value=Decimal("37.5"),
        comparator_value=Decimal("40.1"),
        source="ONS Subregional productivity",
        created_by=officer,
    )
    draft_assessment = PublishedAssessment.objects.create(
        target=target,
        publication="Our Economy 2024",
        period_end=datetime.date(2023, 12, 31),
        period_label="2023",
        statement="The gap narrowed.",
        figure=Decimal("0.05"),
    )

    response = officer_client.get(DESK)

    assert list(response.context["draft_observations"]) == [draft]
    assert list(response.context["draft_assessments"]) == [draft_assessment]
    assert "olivia-officer" in response.content.decode()


def test_propositions_without_an_update_in_90_days_are_listed_oldest_first(officer_client):
    recent, old = Proposition.objects.order_by("pk")[:2]
    PropositionUpdate.objects.create(
        proposition=recent, date=today() - datetime.timedelta(days=89), title="Recent", text="."
    )
    PropositionUpdate.objects.create(
        proposition=old, date=today() - datetime.timedelta(days=91), title="Old", text="."
    )

    response = officer_client.get(DESK)

    stale = list(response.context["stale_propositions"])
    assert recent not in stale
    # never-updated propositions first, then the oldest update
    assert stale[-1] == old
    assert len(stale) == Proposition.objects.count() - 1


def test_the_desk_is_linked_from_the_admin_home(officer_client):
    response = officer_client.get(reverse("admin:index"))

    assert f'href="{DESK}"' in response.content.decode()


def test_the_desk_uses_the_same_number_of_queries_however_many_drafts(
    officer_client, officer, django_assert_max_num_queries
):
    target = Target.objects.get(slug="jobs")
    for year in range(2000, 2010):
        Observation.objects.create(
            target=target,
            period_end=datetime.date(year, 3, 31),
            period_label=str(year),
            value=Decimal(800000),
            source="APS",
            created_by=officer,
        )

    # session, user, four lists, and the admin's context
    with django_assert_max_num_queries(10):
        response = officer_client.get(DESK)

    assert len(response.context["draft_observations"]) == 10
