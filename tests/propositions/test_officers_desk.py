import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from propositions.models import Proposition, PropositionUpdate
from targets.models import Observation, PublishedAssessment, Target

DESK = reverse("officers-desk")

pytestmark = pytest.mark.usefixtures("seed")


def today():
    return timezone.localdate()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(DESK)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_target_whose_release_is_due_without_a_new_figure_is_listed(officer_client):
    due = Target.objects.get(slug="gva-per-hour-worked")
    due.next_release_expected = today() - datetime.timedelta(days=3)
    due.save()
    # The seed's figures were all entered before the release was due.
    entered = timezone.now() - datetime.timedelta(days=400)
    Observation.objects.filter(target=due).update(created_at=entered)
    later = Target.objects.get(slug="jobs")
    later.next_release_expected = today() + datetime.timedelta(days=30)
    later.save()

    response = officer_client.get(DESK)

    assert list(response.context["overdue_targets"]) == [due]


def test_a_target_with_a_figure_entered_since_the_release_is_not_listed(officer_client):
    target = Target.objects.get(slug="gva-per-hour-worked")
    target.next_release_expected = today() - datetime.timedelta(days=3)
    target.save()
    entered = timezone.now() - datetime.timedelta(days=400)
    Observation.objects.filter(target=target).update(created_at=entered)
    Observation.objects.create(
        target=target,
        period_end=datetime.date(2023, 12, 31),
        period_label="2023",
        value=Decimal("37.5"),
        comparator_value=Decimal("40.1"),
        source="ONS Subregional productivity",
    )

    response = officer_client.get(DESK)

    assert list(response.context["overdue_targets"]) == []


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
