"""Figures in the admin read as officers write them: 72.88 and 880,800, never 72.880000."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from targets.models import Observation
from tests.targets.test_publishing_in_the_admin import page_data

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture
def jobs_figure():
    return Observation.objects.get(target__slug="jobs", period_end="2019-09-30")


def written(value) -> str:
    return f"{value.normalize():,f}"


def test_the_list_of_figures_shows_them_as_written(approver_client, jobs_figure):
    response = approver_client.get(reverse("admin:targets_observation_changelist"))

    assertContains(response, f'<td class="field-value">{written(jobs_figure.value)}</td>')
    assertNotContains(response, ".000000")


def test_the_form_shows_a_figure_as_written_and_takes_thousands_separators(
    approver_client, jobs_figure
):
    url = reverse("admin:targets_observation_change", args=[jobs_figure.pk])
    page = approver_client.get(url)
    assert page.context["adminform"].form["value"].value() == written(jobs_figure.value)
    assertNotContains(page, ".000000")

    data = page_data(page) | {"notes": "Checked.", "value": "880,800", "revision_reason": "Typo"}
    response = approver_client.post(url, data)

    assert response.status_code == 302
    jobs_figure.refresh_from_db()
    assert jobs_figure.value == 880800


def test_a_published_figure_an_officer_may_only_view_reads_as_written(officer_client, jobs_figure):
    url = reverse("admin:targets_observation_change", args=[jobs_figure.pk])

    response = officer_client.get(url)

    assert not response.context["has_change_permission"]
    assertContains(response, f'<div class="readonly">{written(jobs_figure.value)}</div>')
    assertNotContains(response, ".000000")
