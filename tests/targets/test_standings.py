"""Each target's standing is computed once and kept under the site's one data version: a
change to the data, however it is written, shows at once everywhere."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from strategy.data_version import data_changed, data_version
from targets.models import Observation, PublishedAssessment, Target
from targets.publishing import publish
from targets.standings import cache_key, standing_from_records, standings_for

pytestmark = pytest.mark.usefixtures("seed")

TODAY = datetime.date(2026, 12, 1)


def keys() -> dict[str, str]:
    version = data_version()
    return {
        target.slug: cache_key(target, version, TODAY) for target in Target.objects.for_dashboard()
    }


def status_of(slug: str) -> str:
    target = Target.objects.for_dashboard().get(slug=slug)
    return standings_for([target], TODAY)[0].verdict.status


def new_jobs_figure(**fields) -> Observation:
    values = {
        "target": Target.objects.get(slug="jobs"),
        "period_end": datetime.date(2024, 3, 31),
        "period_label": "Apr 2023-Mar 2024",
        "value": Decimal(920000),
        "source": "APS",
    }
    values.update(fields)
    return Observation.objects.create(**values)


def test_unchanged_standings_come_from_the_cache_with_one_query_for_the_version(
    django_assert_num_queries,
):
    targets = list(Target.objects.for_dashboard())
    first = standings_for(targets, TODAY)

    with django_assert_num_queries(1):
        again = standings_for(targets, TODAY)

    assert again == first


def test_the_cached_standing_is_the_one_the_records_give():
    targets = list(Target.objects.for_dashboard())
    standings_for(targets, TODAY)

    cached = standings_for(list(Target.objects.for_dashboard()), TODAY)

    for target, standing in zip(targets, cached, strict=True):
        fresh = Target.objects.with_published_records().get(pk=target.pk)
        expected = standing_from_records(fresh, TODAY)
        assert standing.verdict.status == expected.verdict.status
        assert standing.verdict.status_reason == expected.verdict.status_reason
        assert standing.latest_observation == expected.latest_observation


def test_publishing_a_figure_changes_its_standing_at_once(approver):
    assert status_of("jobs") == "not_met"
    draft = new_jobs_figure()
    assert status_of("jobs") == "not_met"  # a draft counts for nothing

    publish([draft], approver)

    assert status_of("jobs") == "met"


def test_any_write_renews_every_standing_and_nothing_else_does():
    before = keys()
    assert keys() == before

    new_jobs_figure()

    after = keys()
    assert all(after[slug] != before[slug] for slug in before)


def test_changing_a_published_figure_changes_its_standing_at_once():
    status_of("jobs")
    figure = Observation.objects.get(target__slug="jobs", period_end="2020-09-30")
    figure.value = Decimal(600000)
    figure.save()

    target = Target.objects.for_dashboard().get(slug="jobs")
    latest = standings_for([target], TODAY)[0].latest_observation
    assert latest.value == Decimal(600000)


def test_deleting_a_published_figure_changes_its_standing_at_once():
    figure = new_jobs_figure(state=Observation.State.PUBLISHED, published_at=timezone.now())
    assert status_of("jobs") == "met"

    figure.delete()

    assert status_of("jobs") == "not_met"


def test_publishing_an_assessment_changes_its_target_at_once(approver):
    draft = PublishedAssessment.objects.create(
        target=Target.objects.get(slug="gva-per-hour-worked"),
        publication="A new report",
        published_on=datetime.date(2025, 6, 1),
        period_end=datetime.date(2024, 12, 31),
        period_label="2024",
        statement="The gap had closed by 60%.",
        figure=Decimal("0.60"),
    )
    publish([draft], approver)

    assert status_of("gva-per-hour-worked") == "met"


def test_changing_a_targets_rule_changes_its_standing():
    before = keys()
    target = Target.objects.get(slug="gva-per-hour-worked")
    target.tolerance = Decimal("0.90")
    target.save()

    assert keys()["gva-per-hour-worked"] != before["gva-per-hour-worked"]


def test_a_new_day_is_a_new_standing():
    target = Target.objects.for_dashboard().get(slug="jobs")
    version = data_version()

    assert cache_key(target, version, TODAY) != cache_key(
        target, version, TODAY + datetime.timedelta(days=1)
    )


def test_the_home_page_and_the_api_show_a_published_change_at_once(client, approver):
    client.get("/")
    client.get("/api/v1/targets/")
    publish([new_jobs_figure()], approver)

    home = client.get("/").content.decode()
    api = client.get("/api/v1/targets/?strategy=north-east-sep").json()["results"]

    jobs_card = home.split('aria-labelledby="target-jobs"')[1].split("</article>")[0]
    assert ">Met</strong>" in jobs_card
    assert "920,000 jobs, for Apr 2023-Mar 2024" in jobs_card
    assert [t["status"] for t in api if t["slug"] == "jobs"] == ["met"]


def test_a_write_through_update_and_data_changed_shows_the_new_status_everywhere(client):
    """What the README asks of code that writes around the models' signals."""
    client.get("/")
    client.get("/api/v1/targets/")
    assert status_of("jobs") == "not_met"
    new_jobs_figure()

    Observation.objects.filter(target__slug="jobs", state="draft").update(
        state=Observation.State.PUBLISHED, published_at=timezone.now()
    )
    data_changed()

    home = client.get("/").content.decode()
    page = client.get("/targets/jobs/").content.decode()
    api = client.get("/api/v1/targets/?strategy=north-east-sep").json()["results"]
    jobs_card = home.split('aria-labelledby="target-jobs"')[1].split("</article>")[0]
    assert ">Met</strong>" in jobs_card
    assert ">Met</strong>" in page
    assert [t["status"] for t in api if t["slug"] == "jobs"] == ["met"]
    assert status_of("jobs") == "met"
