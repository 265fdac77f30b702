"""Every admin page an officer works in renders, with the seed strategy loaded."""

import pytest
from django.contrib import admin
from django.urls import reverse

DOMAIN_APPS = {"strategy", "governance", "targets", "propositions"}

DOMAIN_ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in DOMAIN_APPS
    ),
    key=lambda pair: pair[0]._meta.label,
)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def model_ids(pair):
    return pair[0]._meta.label


def test_every_domain_model_is_in_the_admin():
    from django.apps import apps

    models = {
        model
        for label in DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.model_name.startswith("historical") and not model._meta.auto_created
    }

    assert models == {model for model, _ in DOMAIN_ADMINS}


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(("model", "model_admin"), DOMAIN_ADMINS, ids=model_ids)
def test_an_officer_sees_the_changelist_with_the_seed_in_it(officer_client, model, model_admin):
    response = officer_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    count = model._default_manager.count()
    assert response.context["cl"].result_count == count
    assert count > 0, f"the seed has no {model._meta.verbose_name_plural}"


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(("model", "model_admin"), DOMAIN_ADMINS, ids=model_ids)
def test_an_officer_can_search_and_filter_the_changelist(officer_client, model, model_admin):
    params = {"q": "north"} if model_admin.search_fields else {}
    response = officer_client.get(admin_url(model, "changelist"), params)

    assert response.status_code == 200
    assert "cl" in response.context, "a bad search or filter falls back to an error page"


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(("model", "model_admin"), DOMAIN_ADMINS, ids=model_ids)
def test_an_officer_can_open_the_add_page(officer_client, model, model_admin):
    response = officer_client.get(admin_url(model, "add"))

    assert response.status_code == 200


@pytest.mark.usefixtures("seed")
@pytest.mark.parametrize(("model", "model_admin"), DOMAIN_ADMINS, ids=model_ids)
def test_an_officer_can_open_the_change_page_and_its_history(officer_client, model, model_admin):
    obj = model._default_manager.order_by("pk").first()

    change = officer_client.get(admin_url(model, "change", obj.pk))
    history = officer_client.get(admin_url(model, "history", obj.pk))

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
