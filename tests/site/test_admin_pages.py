"""Every admin page an officer works in renders, with the seed strategy loaded."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from propositions.models import Proposition, PropositionUpdate

DOMAIN_APPS = {"strategy", "governance", "targets", "propositions"}

DOMAIN_ADMINS = [
    pytest.param(model, model_admin, id=model._meta.label)
    for model, model_admin in sorted(
        admin.site._registry.items(), key=lambda pair: pair[0]._meta.label
    )
    if model._meta.app_label in DOMAIN_APPS
]

# The seed document reports no progress on any proposition yet.
NOT_IN_THE_SEED = {PropositionUpdate}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_domain_model_is_in_the_admin():
    models = {
        model
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.model_name.startswith("historical") and not model._meta.auto_created
    }

    assert models == {param.values[0] for param in DOMAIN_ADMINS}


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(("model", "model_admin"), DOMAIN_ADMINS)
def test_an_officer_can_list_search_add_and_change(officer_client, model, model_admin):
    if model in NOT_IN_THE_SEED:
        PropositionUpdate.objects.create(
            proposition=Proposition.objects.first(),
            date=datetime.date(2019, 7, 1),
            title="Summit held",
            text="A test update.",
        )
    count = model._default_manager.count()
    obj = model._default_manager.order_by("pk").first()

    changelist = officer_client.get(admin_url(model, "changelist"))
    search = officer_client.get(admin_url(model, "changelist"), {"q": "north"})
    add = officer_client.get(admin_url(model, "add"))
    change = officer_client.get(admin_url(model, "change", obj.pk))
    history = officer_client.get(admin_url(model, "history", obj.pk))

    assert count > 0
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == count
    assert search.status_code == 200
    assert "cl" in search.context, "a bad search falls back to an error page"
    assert add.status_code == 200
    assert change.status_code == 200
    assert change.context["original"] == obj
    assert history.status_code == 200


@pytest.mark.usefixtures("seed")
def test_the_admin_index_lists_the_four_apps_for_an_officer(officer_client):
    response = officer_client.get(reverse("admin:index"))

    app_names = [app["name"] for app in response.context["app_list"]]
    assert app_names == [
        "Governance",
        "Propositions",
        "Strategies and the UK Industrial Strategy",
        "Targets and observations",
    ]


def test_anonymous_visitors_are_sent_to_the_sign_in_page(client):
    response = client.get(reverse("admin:targets_target_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.usefixtures("seed")
def test_the_targets_list_shows_each_status_from_the_published_records(officer_client):
    response = officer_client.get(reverse("admin:targets_target_changelist"))

    rows = {row.short_title: row for row in response.context["cl"].result_list}
    model_admin = response.context["cl"].model_admin
    assert model_admin.status(rows["More jobs"]) == "Not met"
    assert model_admin.status(rows["Better jobs"]) == "Met"
    assert "Not met" in response.content.decode()


@pytest.mark.usefixtures("seed")
def test_the_targets_list_costs_the_same_queries_however_many_targets_and_figures(
    officer_client,
):
    import datetime
    from decimal import Decimal

    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from targets.models import Observation, Target

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = officer_client.get(reverse("admin:targets_target_changelist"))
        assert response.status_code == 200
        return len(captured)

    before = queries()
    Observation.objects.bulk_create(
        Observation(
            target=Target.objects.get(slug="jobs"),
            period_end=datetime.date(1990, 1, 1) + datetime.timedelta(days=day),
            period_label=f"Day {day}",
            value=Decimal(800000),
            source="APS",
            state=Observation.State.PUBLISHED,
            published_at=timezone.now(),
        )
        for day in range(500)
    )
    jobs = Target.objects.get(slug="jobs")
    for number in range(20):
        jobs.pk, jobs.slug = None, f"more-jobs-{number}"
        jobs.save()

    assert queries() == before


@pytest.mark.usefixtures("seed")
def test_a_target_page_explains_its_status(officer_client):
    from targets.models import Target

    jobs = Target.objects.get(slug="jobs")
    response = officer_client.get(reverse("admin:targets_target_change", args=[jobs.pk]))

    assert "Not met. 83% of the way to the target" in response.content.decode()
