"""The history an officer reads in the admin: every seeded record starts one, changes read
as the forms show them, an untouched form records nothing, and a proposition's history
includes its milestones and updates."""

import datetime
import html
import re

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from propositions.models import Milestone, Proposition, PropositionUpdate
from targets.models import Observation
from tests.targets.test_publishing_in_the_admin import page_data

# 14:05 in London in summer time, after the seed's own versions.
SUMMER_AFTERNOON = datetime.datetime(2027, 7, 1, 13, 5, tzinfo=datetime.UTC)


def history_text(client, record) -> str:
    opts = record._meta
    response = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk])
    )
    assert response.status_code == 200
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return " ".join(text.replace("\xa0", " ").split())


@pytest.fixture
def seeded(db):
    """The seed as `make run` loads it."""
    call_command("seed", verbosity=0)


@pytest.mark.usefixtures("seeded")
def test_every_record_the_seed_loads_starts_its_history():

    models = [
        model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert {model.__name__ for model in models} >= {"Observation", "Proposition", "Milestone"}
    for model in models:
        for record in model.objects.all():
            first = record.history.earliest("history_date")
            assert first.history_type == "+", record
            assert first.history_change_reason == "Loaded from the seed strategy", record


@pytest.mark.usefixtures("seeded")
def test_a_change_reads_with_the_labels_officers_see(admin_client, superuser):
    proposition = Proposition.objects.filter(status=Proposition.Status.SEEKING_FUNDING).first()
    proposition.status = Proposition.Status.IN_DELIVERY
    proposition.funding_note = ""
    proposition._history_user = superuser
    with time_machine.travel(SUMMER_AFTERNOON):
        proposition.save()

    text = history_text(admin_client, proposition)

    assert "Status: Seeking funding → In delivery" in text
    assert "1 July 2027, 14:05" in text
    assert re.search(r"Funding note: .+ → \(none\)", text)
    assert "seeking_funding" not in text
    assert "None" not in text
    assert "pk=" not in text


@pytest.mark.usefixtures("seeded")
def test_figures_and_references_read_as_written(admin_client, superuser):
    figure = Observation.objects.get(target__slug="jobs", period_end="2019-09-30")
    before = figure.value
    figure.value = before + 1000
    figure.revised = True
    figure._history_user = superuser
    figure.save()

    text = history_text(admin_client, figure)

    assert f"Value: {before.normalize():,f} → {before.normalize() + 1000:,f}" in text
    assert "," in f"{before.normalize():,f}"
    assert "Revised: No → Yes" in text


@pytest.mark.usefixtures("seeded")
def test_saving_an_untouched_form_records_no_change(admin_client):
    figure = Observation.objects.get(target__slug="jobs", period_end="2019-09-30")
    figure.notes = "First line.\nSecond line."
    figure.save()
    versions = figure.history.count()
    url = reverse("admin:targets_observation_change", args=[figure.pk])
    data = page_data(admin_client.get(url))
    # As a browser sends a textarea: every line ending CR LF.
    data["notes"] = data["notes"].replace("\n", "\r\n")

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert figure.history.count() == versions
    figure.refresh_from_db()
    assert figure.notes == "First line.\nSecond line."


@pytest.mark.usefixtures("seeded")
def test_a_proposition_s_history_includes_its_milestones_and_updates(admin_client, superuser):
    milestone = Milestone.objects.select_related("proposition").first()
    proposition = milestone.proposition
    milestone.status = Milestone.Status.ACHIEVED
    milestone.achieved_on = datetime.date(2020, 3, 1)
    milestone._history_user = superuser
    milestone.save()
    update = PropositionUpdate(
        proposition=proposition, date=datetime.date(2020, 3, 2), title="On site", text="Done."
    )
    update._history_user = superuser
    update.save()

    text = history_text(admin_client, proposition)

    assert "Its milestones and updates" in text
    assert f"Milestone: {milestone.title}" in text
    assert "Status: Planned → Achieved" in text
    assert "Achieved on: (none) → 1 March 2020" in text
    assert "Update: On site" in text


@pytest.mark.usefixtures("seeded")
def test_text_has_a_length_limit_everywhere(admin_client):
    figure = Observation.objects.get(target__slug="jobs", period_end="2019-09-30")
    url = reverse("admin:targets_observation_change", args=[figure.pk])
    data = page_data(admin_client.get(url)) | {"notes": "x" * 500_000}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["notes"] == [
        "Ensure this value has at most 10000 characters (it has 500000)."
    ]
    figure.notes = "x" * 500_000
    with pytest.raises(Exception, match="at most 10000 characters"):
        figure.full_clean()
