"""Observations in the REST API: reading, filtering, drafts, and the publishing rules for
writes (DESIGN.md, "REST API contract (v1)"; targets/publishing.py)."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from targets.models import Observation, Target
from targets.publishing import save_record, withdraw

pytestmark = pytest.mark.usefixtures("seed")

URL = "/api/v1/observations/"
CONTRACT_FIELDS = {
    "id",
    "target",
    "period_end",
    "period_label",
    "value",
    "comparator_value",
    "subset_value",
    "provisional",
    "state",
    "source",
    "notes",
    "revisions",
}
SEED_PUBLISHED = 50
# Two days on which an approver revises figures, whatever the day the tests run.
FIRST_REVISION = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
SECOND_REVISION = datetime.datetime(2026, 12, 3, 14, 0, tzinfo=datetime.UTC)


def new_jobs_figure(**fields):
    """A valid JSON body for a new figure of the jobs target (a count, no comparator)."""
    body = {
        "target": "jobs",
        "period_end": "2021-03-31",
        "period_label": "Apr 2020-Mar 2021",
        "value": 871800,
        "source": "APS workplace analysis, Nomis",
    }
    body.update(fields)
    return body


def new_rate_figure(**fields):
    """A valid JSON body for a new figure of the employment rate (a percentage gap target)."""
    body = {
        "target": "employment-rate",
        "period_end": "2023-03-31",
        "period_label": "Apr 2022-Mar 2023",
        "value": 70.9,
        "comparator_value": 75.8,
        "source": "APS, Nomis",
    }
    body.update(fields)
    return body


def post(client, body, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


def patch(client, pk, body, **extra):
    return client.patch(f"{URL}{pk}/", body, content_type="application/json", **extra)


def make_draft(slug="jobs", period_end=datetime.date(2021, 3, 31), **fields):
    values = {
        "target": Target.objects.get(slug=slug),
        "period_end": period_end,
        "period_label": "Apr 2020-Mar 2021",
        "value": Decimal(871800),
        "source": "APS workplace analysis, Nomis",
    }
    values.update(fields)
    return Observation.objects.create(**values)


@pytest.fixture
def draft():
    return make_draft()


@pytest.fixture
def published():
    """The jobs figure for Oct 2018-Sep 2019 in the seed."""
    return Observation.objects.get(target__slug="jobs", period_end=datetime.date(2019, 9, 30))


# Reading


def test_anyone_may_list_the_published_observations(client):
    body = client.get(URL).json()

    assert body["count"] == SEED_PUBLISHED
    assert {o["state"] for o in body["results"]} == {"published"}
    for observation in body["results"]:
        assert set(observation) >= CONTRACT_FIELDS, CONTRACT_FIELDS - set(observation)


def test_an_observation_reads_as_the_contract_says(client, published):
    body = client.get(f"{URL}{published.pk}/").json()

    assert body["id"] == published.pk
    assert body["target"] == "jobs"
    assert body["period_end"] == "2019-09-30"
    assert body["period_label"] == "Oct 2018-Sep 2019"
    assert body["value"] == 884400
    assert body["comparator_value"] is None
    assert body["subset_value"] is None
    assert body["provisional"] is False
    assert body["revised"] is False
    assert body["revisions"] == []
    assert body["state"] == "published"
    assert "revision_reason" not in body


def test_the_list_is_ordered_by_target_then_period(client):
    results = client.get(URL).json()["results"]

    keys = [(o["target"], o["period_end"]) for o in results]
    assert keys == sorted(keys)


def test_the_target_filter_keeps_that_targets_figures(client):
    results = client.get(f"{URL}?target=gva-per-hour-worked").json()["results"]

    assert [o["period_end"] for o in results] == [f"{year}-12-31" for year in range(2014, 2023)]


def test_the_period_filters_keep_the_periods_between_them_inclusive(client):
    results = client.get(f"{URL}?period_after=2020-09-30&period_before=2020-12-31").json()[
        "results"
    ]

    assert [(o["target"], o["period_end"]) for o in results] == [
        ("economic-activity-rate", "2020-09-30"),
        ("economic-activity-rate", "2020-12-31"),
        ("employment-rate", "2020-09-30"),
        ("employment-rate", "2020-12-31"),
        ("gva-per-hour-worked", "2020-12-31"),
        ("jobs", "2020-09-30"),
    ]


def test_the_period_filters_combine_with_the_target_filter(client):
    body = client.get(f"{URL}?target=jobs&period_after=2019-01-01").json()

    assert [o["period_end"] for o in body["results"]] == ["2019-09-30", "2020-09-30"]


def test_a_period_that_is_not_a_date_is_refused_naming_the_parameter(client):
    response = client.get(f"{URL}?period_after=last-year")

    assert response.status_code == 400
    assert list(response.json()) == ["period_after"]


def test_an_unknown_state_is_refused_naming_the_parameter(client):
    response = client.get(f"{URL}?state=archived")

    assert response.status_code == 400
    assert list(response.json()) == ["state"]


def test_ordering_by_period_end_descending(client):
    results = client.get(f"{URL}?target=jobs&ordering=-period_end").json()["results"]

    assert [o["period_end"] for o in results] == ["2020-09-30", "2019-09-30", "2014-03-31"]


def test_ordering_by_id(client):
    results = client.get(f"{URL}?ordering=id").json()["results"]

    ids = [o["id"] for o in results]
    assert ids == sorted(ids)


def test_anonymous_readers_do_not_see_drafts(client, draft):
    body = client.get(URL).json()

    assert body["count"] == SEED_PUBLISHED
    assert draft.pk not in [o["id"] for o in body["results"]]
    assert client.get(f"{URL}{draft.pk}/").status_code == 404


def test_asking_for_drafts_anonymously_gives_an_empty_list(client, draft):
    body = client.get(f"{URL}?state=draft").json()

    assert body["count"] == 0
    assert body["results"] == []


def test_an_officer_sees_drafts(client, officer, draft):
    client.force_login(officer)

    body = client.get(f"{URL}?state=draft").json()
    assert [o["id"] for o in body["results"]] == [draft.pk]
    assert body["results"][0]["state"] == "draft"
    assert client.get(URL).json()["count"] == SEED_PUBLISHED + 1
    assert client.get(f"{URL}{draft.pk}/").status_code == 200


def test_the_state_filter_keeps_published_figures_for_an_officer(client, officer, draft):
    client.force_login(officer)

    body = client.get(f"{URL}?state=published").json()
    assert body["count"] == SEED_PUBLISHED
    assert draft.pk not in [o["id"] for o in body["results"]]


def test_the_provisional_filter_keeps_provisional_figures(client):
    Observation.objects.filter(target__slug="jobs", period_end=datetime.date(2020, 9, 30)).update(
        provisional=True
    )

    results = client.get(f"{URL}?provisional=true").json()["results"]

    assert [(o["target"], o["period_end"]) for o in results] == [("jobs", "2020-09-30")]


def test_an_unreadable_provisional_flag_is_refused_not_ignored(client):
    response = client.get(f"{URL}?provisional=yes")

    assert response.status_code == 400
    assert list(response.json()) == ["provisional"]


def test_an_unknown_observation_is_404(client):
    assert client.get(f"{URL}999999/").status_code == 404
    assert client.get(f"{URL}not-a-number/").status_code == 404


# Creating


def test_an_officer_creates_a_draft_with_who_created_it(client, officer):
    client.force_login(officer)

    response = post(client, new_jobs_figure())

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "draft"
    assert body["published_at"] is None
    assert body["target"] == "jobs"
    assert body["value"] == 871800
    created = Observation.objects.get(pk=body["id"])
    assert created.created_by == officer
    assert created.updated_by == officer
    assert created.state == Observation.State.DRAFT
    assert created.published_by is None


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("provisional_typo", "Unknown field: it is not one of this record's."),
        ("created_at", "Unknown field: it is not one of this record's."),
        ("published_at", "This field is read-only."),
        ("revised", "This field is read-only."),
    ],
)
def test_a_write_with_an_unknown_or_read_only_field_is_refused_naming_it(
    client, officer, draft, field, message
):
    client.force_login(officer)

    created = post(client, new_jobs_figure(period_end="2021-06-30", **{field: True}))
    changed = patch(client, draft.pk, {"notes": "Checked.", field: True})

    assert created.status_code == 400
    assert created.json() == {field: [message]}
    assert changed.status_code == 400
    assert changed.json() == {field: [message]}
    assert not Observation.objects.filter(period_end=datetime.date(2021, 6, 30)).exists()
    draft.refresh_from_db()
    assert draft.notes == ""


def test_a_period_ending_before_1950_is_refused_on_create_and_on_change(client, approver, draft):
    client.force_login(approver)

    created = post(client, new_jobs_figure(period_end="0001-12-31", state="published"))
    changed = patch(client, draft.pk, {"period_end": "1949-12-31"})

    assert created.status_code == 400
    assert created.json() == {
        "period_end": [
            (
                "The period cannot end before 1950: no official series here is older "
                "(this one ends on 31 December 1)."
            )
        ]
    }
    assert changed.status_code == 400
    assert changed.json()["period_end"][0].startswith("The period cannot end before 1950")
    assert not Observation.objects.filter(period_end__year__lt=1950).exists()


def test_a_new_draft_does_not_reach_the_public(client, officer):
    client.force_login(officer)
    pk = post(client, new_jobs_figure()).json()["id"]
    client.logout()

    assert client.get(f"{URL}{pk}/").status_code == 404
    assert client.get("/api/v1/targets/jobs/").json()["status"] == "not_met"


def test_an_officer_may_not_create_a_published_figure(client, officer):
    client.force_login(officer)

    response = post(client, new_jobs_figure(state="published"))

    assert response.status_code == 403
    assert "approver" in response.json()["detail"]
    assert Observation.objects.count() == SEED_PUBLISHED


def test_an_approver_creates_a_published_figure_with_its_publication_time(client, approver):
    client.force_login(approver)

    response = post(client, new_jobs_figure(state="published"))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "published"
    assert body["published_at"] is not None
    created = Observation.objects.get(pk=body["id"])
    assert created.published_by == approver


def test_an_approver_may_create_a_draft(client, approver):
    client.force_login(approver)

    response = post(client, new_jobs_figure())

    assert response.status_code == 201
    assert response.json()["state"] == "draft"


def test_an_anonymous_write_is_told_to_authenticate(client):
    response = post(client, new_jobs_figure())

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert Observation.objects.count() == SEED_PUBLISHED


def test_a_gap_target_figure_with_its_comparator_is_accepted(client, officer):
    client.force_login(officer)

    response = post(client, new_rate_figure())

    assert response.status_code == 201, response.content
    assert response.json()["comparator_value"] == 75.8


def test_a_draft_for_a_period_already_covered_is_refused(client, officer):
    client.force_login(officer)

    response = post(client, new_jobs_figure(period_end="2019-09-30"))

    assert response.status_code == 400
    assert list(response.json()) == ["period_end"]
    assert "already has a figure" in response.json()["period_end"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(new_jobs_figure(value="lots"), "value", id="a value that is not a number"),
        pytest.param(new_jobs_figure(target="no-such-target"), "target", id="an unknown target"),
        pytest.param(
            new_jobs_figure(period_end="2999-12-31"), "period_end", id="a period in the future"
        ),
        pytest.param(
            new_jobs_figure(period_end="2019-09-30"), "period_end", id="a period already covered"
        ),
        pytest.param(new_rate_figure(value=100.5), "value", id="a rate above 100"),
        pytest.param(new_jobs_figure(value=-5), "value", id="a negative count"),
        pytest.param(new_jobs_figure(value=871800.5), "value", id="a fractional count"),
        pytest.param(
            new_rate_figure(comparator_value=None),
            "comparator_value",
            id="a gap target without its comparator",
        ),
        pytest.param(
            {k: v for k, v in new_jobs_figure().items() if k != "value"},
            "value",
            id="no value",
        ),
        pytest.param(new_jobs_figure(period_end="31/03/2021"), "period_end", id="a bad date"),
        pytest.param(new_jobs_figure(state="archived"), "state", id="an unknown state"),
    ],
)
def test_bad_input_is_refused_with_400_naming_the_field_and_nothing_is_written(
    client, officer, body, field
):
    client.force_login(officer)

    response = post(client, body)

    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert Observation.objects.count() == SEED_PUBLISHED


def test_a_target_slug_with_a_nul_character_is_refused_naming_target(client, officer):
    client.force_login(officer)
    client.raise_request_exception = False

    response = post(client, new_jobs_figure(target="jobs\u0000"))

    assert response.status_code == 400
    assert list(response.json()) == ["target"]


def test_malformed_json_is_refused_with_400_and_nothing_is_written(client, officer):
    client.force_login(officer)

    response = client.post(URL, '{"target": "jobs", "value": ', content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]
    assert Observation.objects.count() == SEED_PUBLISHED


# Changing


def test_an_officer_may_not_change_a_published_figure(client, officer, published):
    client.force_login(officer)

    response = patch(client, published.pk, {"value": 885000, "revision_reason": "ONS revision"})

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.value == 884400
    assert published.revised is False


def test_an_officer_may_not_publish_a_draft_by_changing_its_state(client, officer, draft):
    client.force_login(officer)

    response = patch(client, draft.pk, {"state": "published"})

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.state == Observation.State.DRAFT


def test_an_officer_corrects_a_draft(client, officer, draft):
    client.force_login(officer)

    response = patch(client, draft.pk, {"value": 871900, "notes": "Typo corrected"})

    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.value == 871900
    assert draft.updated_by == officer


def test_an_approver_changing_a_published_figure_must_say_why(client, approver, published):
    client.force_login(approver)

    response = patch(client, published.pk, {"value": 885000})

    assert response.status_code == 400
    assert list(response.json()) == ["revision_reason"]
    published.refresh_from_db()
    assert published.value == 884400


def test_an_approver_revises_a_published_figure_with_a_reason_kept_in_its_history(
    client, approver, published
):
    client.force_login(approver)

    response = patch(
        client, published.pk, {"value": 885000, "revision_reason": "ONS revised the APS"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["revised"] is True
    assert response.json()["value"] == 885000
    published.refresh_from_db()
    assert published.revised is True
    assert published.state == Observation.State.PUBLISHED
    latest = published.history.order_by("-history_date").first()
    assert latest.history_change_reason == "ONS revised the APS"
    assert latest.value == 885000


def test_an_approver_changes_a_published_figures_notes_without_a_revision(
    client, approver, published
):
    client.force_login(approver)

    response = patch(client, published.pk, {"notes": "Checked against Nomis"})

    assert response.status_code == 200, response.content
    assert response.json()["revised"] is False
    published.refresh_from_db()
    assert published.notes == "Checked against Nomis"
    assert published.value == 884400


def test_a_revision_keeps_the_original_publication_time(client, approver, published):
    first_published = published.published_at
    client.force_login(approver)

    patch(client, published.pk, {"value": 885000, "revision_reason": "ONS revised the APS"})

    published.refresh_from_db()
    assert published.published_at == first_published
    assert published.updated_by == approver


def test_moving_a_draft_onto_a_period_already_covered_is_refused(client, officer, draft):
    client.force_login(officer)

    response = patch(client, draft.pk, {"period_end": "2019-09-30"})

    assert response.status_code == 400
    assert list(response.json()) == ["period_end"]
    draft.refresh_from_db()
    assert draft.period_end == datetime.date(2021, 3, 31)


def test_an_approver_publishes_a_draft_by_changing_its_state(client, approver, draft):
    client.force_login(approver)

    response = patch(client, draft.pk, {"state": "published"})

    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.state == Observation.State.PUBLISHED
    assert draft.published_at is not None
    assert draft.published_by == approver


# Deleting


def test_an_officer_deletes_a_draft(client, officer, draft):
    client.force_login(officer)

    assert client.delete(f"{URL}{draft.pk}/").status_code == 204
    assert not Observation.objects.filter(pk=draft.pk).exists()


def test_an_officer_may_not_delete_a_published_figure(client, officer, published):
    client.force_login(officer)

    response = client.delete(f"{URL}{published.pk}/")

    assert response.status_code == 403
    assert Observation.objects.filter(pk=published.pk).exists()


def test_deleting_a_published_figure_without_a_reason_is_refused_and_changes_nothing(
    client, approver
):
    figure = make_draft(state=Observation.State.PUBLISHED, published_at=timezone.now())
    client.force_login(approver)

    response = client.delete(f"{URL}{figure.pk}/")

    assert response.status_code == 400
    assert response.json() == {
        "withdrawal_reason": [
            (
                "This observation is published, so it is withdrawn rather than deleted, and "
                "readers are told why: POST to its withdraw/ address (or send this DELETE) with a "
                'JSON body {"withdrawal_reason": "…"}.'
            )
        ]
    }
    figure.refresh_from_db()
    assert figure.state == Observation.State.PUBLISHED


@pytest.mark.parametrize("how", ["DELETE", "POST withdraw/"])
def test_an_approver_withdraws_a_published_figure_with_a_reason(client, approver, how):
    figure = Observation.objects.get(target__slug="jobs", period_end="2019-09-30")
    client.force_login(approver)
    body = {"withdrawal_reason": "Published for the wrong period."}

    if how == "DELETE":
        response = client.delete(f"{URL}{figure.pk}/", body, content_type="application/json")
    else:
        response = client.post(f"{URL}{figure.pk}/withdraw/", body, content_type="application/json")

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "withdrawn"
    assert response.json()["withdrawal_reason"] == "Published for the wrong period."
    figure.refresh_from_db()
    assert (figure.state, figure.withdrawn_by) == (Observation.State.WITHDRAWN, approver)
    assert figure.history.first().history_change_reason == (
        "Withdrawn: Published for the wrong period."
    )
    client.logout()
    shown = client.get(f"{URL}{figure.pk}/").json()
    assert (shown["state"], shown["withdrawal_reason"]) == (
        "withdrawn",
        "Published for the wrong period.",
    )
    periods = [row["period_end"] for row in client.get(f"{URL}?target=jobs").json()["results"]]
    assert "2019-09-30" not in periods


def test_a_withdrawn_figure_cannot_be_changed_and_its_period_takes_a_new_one(client, approver):
    figure = Observation.objects.get(target__slug="jobs", period_end="2019-09-30")
    client.force_login(approver)
    body = {"withdrawal_reason": "Published for the wrong period."}
    client.post(f"{URL}{figure.pk}/withdraw/", body, content_type="application/json")

    change = patch(client, figure.pk, {"notes": "Put back"})
    again = client.post(f"{URL}{figure.pk}/withdraw/", body, content_type="application/json")
    replacement = client.post(
        URL,
        new_jobs_figure(period_end="2019-09-30", period_label="Oct 2018-Sep 2019"),
        content_type="application/json",
    )

    assert change.status_code == 400
    assert change.json() == {
        "non_field_errors": [
            "This observation was withdrawn and cannot be changed: enter a new one instead."
        ]
    }
    assert again.status_code == 400
    assert replacement.status_code == 201, replacement.content


def test_a_withdrawal_needs_a_reason(client, approver, published):
    client.force_login(approver)

    response = client.post(
        f"{URL}{published.pk}/withdraw/",
        {"withdrawal_reason": " "},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["withdrawal_reason"]
    published.refresh_from_db()
    assert published.state == Observation.State.PUBLISHED


def test_anonymous_may_not_delete(client, published):
    assert client.delete(f"{URL}{published.pk}/").status_code == 401
    assert Observation.objects.filter(pk=published.pk).exists()


# Tokens


def test_an_officer_with_a_token_creates_a_draft(client, officer):
    token = Token.objects.create(user=officer)

    response = post(client, new_jobs_figure(), HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 201, response.content
    assert Observation.objects.get(pk=response.json()["id"]).created_by == officer


def test_a_token_lets_an_officer_see_drafts(client, officer, draft):
    token = Token.objects.create(user=officer)

    body = client.get(f"{URL}?state=draft", HTTP_AUTHORIZATION=f"Token {token.key}").json()

    assert [o["id"] for o in body["results"]] == [draft.pk]


def test_a_wrong_token_is_401_even_for_a_read(client):
    response = client.get(URL, HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_drf_create_token_makes_a_token_for_an_officer(officer):
    out = io.StringIO()

    call_command("drf_create_token", officer.username, stdout=out)

    token = Token.objects.get(user=officer)
    assert token.key in out.getvalue()


# Geography: each figure names its area by GSS code


def test_each_figure_names_the_area_it_is_for_by_gss_code(client):
    figures = client.get(URL, {"page_size": 100}).json()["results"]
    by_release = {(o["target"], o["period_label"]): o["area"] for o in figures}

    assert by_release[("jobs", "Oct 2018-Sep 2019")] == "E37000025"
    assert by_release[("employment-rate", "Jan-Dec 2014")] == "E47000014"
    assert {o["area"] for o in figures} == {"E37000025", "E47000014"}


def test_a_new_figure_without_an_area_is_for_the_strategys_area(client, officer):
    client.force_login(officer)

    response = post(client, new_jobs_figure())

    assert response.status_code == 201, response.content
    assert response.json()["area"] == "E37000025"
    assert Observation.objects.get(pk=response.json()["id"]).area.code == "E37000025"


def test_a_figure_for_the_combined_authority_area_of_the_same_authorities_is_accepted(
    client, officer
):
    client.force_login(officer)

    response = post(client, new_rate_figure(area="E47000014"))

    assert response.status_code == 201, response.content
    assert response.json()["area"] == "E47000014"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        pytest.param(
            "E08000037",
            "A figure for this target is for North East LEP area or an area of the same "
            "local authorities; Gateshead is not.",
            id="one-authority",
        ),
        pytest.param(
            "E92000001",
            "A figure for this target is for North East LEP area or an area of the same "
            "local authorities; England is not.",
            id="england",
        ),
        pytest.param("E99999999", "Object with code=E99999999 does not exist.", id="unknown"),
    ],
)
def test_a_figure_for_another_area_is_refused_naming_area_and_nothing_is_written(
    client, officer, code, message
):
    client.force_login(officer)
    before = Observation.objects.count()

    response = post(client, new_rate_figure(area=code))

    assert response.status_code == 400
    assert response.json() == {"area": [message]}
    assert Observation.objects.count() == before


# Revisions


def revise(client, pk, value, reason, when):
    with time_machine.travel(when, tick=False):
        response = patch(client, pk, {"value": value, "revision_reason": reason})
    assert response.status_code == 200, response.content
    return response


def test_a_figure_revised_twice_lists_both_revisions_newest_first(client, approver, published):
    client.force_login(approver)
    revise(client, published.pk, 885000, "ONS revised the APS", FIRST_REVISION)
    revise(client, published.pk, 885300, "Reweighted to the 2021 Census", SECOND_REVISION)
    client.logout()

    shown = client.get(f"{URL}{published.pk}/").json()
    listed = client.get(f"{URL}?target=jobs").json()["results"]
    embedded = client.get("/api/v1/targets/jobs/").json()["observations"]

    assert shown["value"] == 885300
    assert shown["revised"] is True
    assert shown["revisions"] == [
        {
            "revised_at": "2026-12-03T14:00:00Z",
            "reason": "Reweighted to the 2021 Census",
            "previous": {"value": 885000, "comparator_value": None, "subset_value": None},
            "figures": {"value": 885300, "comparator_value": None, "subset_value": None},
        },
        {
            "revised_at": "2026-12-01T09:30:00Z",
            "reason": "ONS revised the APS",
            "previous": {"value": 884400, "comparator_value": None, "subset_value": None},
            "figures": {"value": 885000, "comparator_value": None, "subset_value": None},
        },
    ]
    for figures in (listed, embedded):
        (same,) = [row for row in figures if row["id"] == published.pk]
        assert same["revisions"] == shown["revisions"]


def test_revised_figures_are_written_as_the_value_is(client, approver):
    rate = Observation.objects.get(target__slug="employment-rate", period_end="2019-09-30")
    client.force_login(approver)
    revise(client, rate.pk, 70.95, "Reweighted", FIRST_REVISION)

    response = client.get(f"{URL}{rate.pk}/")

    body = response.content.decode()
    (revision,) = response.json()["revisions"]
    assert revision["figures"]["value"] == 70.95
    assert revision["previous"]["comparator_value"] == float(rate.comparator_value)
    assert '"value":70.95,' in body
    assert '"figures":{"value":70.95,' in body


def test_changes_to_a_draft_before_it_is_published_are_not_revisions(client, approver):
    client.force_login(approver)
    pk = post(client, new_jobs_figure()).json()["id"]
    patch(client, pk, {"value": 871900})
    patch(client, pk, {"state": "published"})
    patch(client, pk, {"notes": "Checked against Nomis"})

    shown = client.get(f"{URL}{pk}/").json()

    assert shown["state"] == "published"
    assert (shown["revised"], shown["revisions"]) == (False, [])


def test_the_revisions_of_one_figure_do_not_reach_the_others(client, approver, published):
    client.force_login(approver)
    revise(client, published.pk, 885000, "ONS revised the APS", FIRST_REVISION)
    client.logout()

    listed = client.get(f"{URL}?page_size=1000").json()["results"]

    revised = {row["id"]: len(row["revisions"]) for row in listed if row["revisions"]}
    assert revised == {published.pk: 1}


def test_a_page_of_figures_reads_their_history_in_one_query(client, approver):
    def history_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{URL}?page_size=1000")
        assert response.status_code == 200
        queries = [query["sql"] for query in captured.captured_queries]
        return len(queries), sum("historicalobservation" in sql for sql in queries)

    before = history_queries()
    for figure in Observation.objects.filter(target__slug="employment-rate")[:5]:
        figure.value += 1
        save_record(figure, approver, revision_reason="Reweighted")
    after = history_queries()

    assert before[1] == 1
    assert after == before


def test_a_csv_gives_how_many_times_each_figure_was_revised(client, approver, published):
    client.force_login(approver)
    revise(client, published.pk, 885000, "ONS revised the APS", FIRST_REVISION)
    revise(client, published.pk, 885300, "Reweighted to the 2021 Census", SECOND_REVISION)
    client.logout()

    text = client.get(f"{URL}?target=jobs&format=csv&bom=0").content.decode()

    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert {row["period_end"]: row["revisions"] for row in rows} == {
        "2014-03-31": "0",
        "2019-09-30": "2",
        "2020-09-30": "0",
    }


# Withdrawn figures


@pytest.fixture
def withdrawn(approver, published):
    with time_machine.travel(FIRST_REVISION, tick=False):
        withdraw([published], approver, "Published for the wrong period.")
    return published


def test_anyone_may_list_the_withdrawn_figures_with_when_and_why(client, withdrawn):
    body = client.get(f"{URL}?state=withdrawn").json()

    assert [row["id"] for row in body["results"]] == [withdrawn.pk]
    (row,) = body["results"]
    assert row["state"] == "withdrawn"
    assert row["withdrawn_at"] == "2026-12-01T09:30:00Z"
    assert row["withdrawal_reason"] == "Published for the wrong period."
    assert row["value"] == 884400


def test_anyone_may_read_a_withdrawn_figure_at_its_address(client, withdrawn):
    response = client.get(f"{URL}{withdrawn.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["withdrawn_at"], body["withdrawal_reason"]) == (
        "withdrawn",
        "2026-12-01T09:30:00Z",
        "Published for the wrong period.",
    )


def test_the_public_list_gives_only_published_figures_unless_asked(client, withdrawn, draft):
    body = client.get(URL).json()
    detail = client.get("/api/v1/targets/jobs/").json()

    assert body["count"] == SEED_PUBLISHED - 1
    assert {row["state"] for row in body["results"]} == {"published"}
    assert withdrawn.pk not in [row["id"] for row in body["results"]]
    assert withdrawn.pk not in [row["id"] for row in detail["observations"]]
    assert client.get(f"{URL}?state=published").json()["count"] == SEED_PUBLISHED - 1


def test_drafts_stay_hidden_from_the_public_beside_withdrawn_figures(client, withdrawn, draft):
    assert client.get(f"{URL}{draft.pk}/").status_code == 404
    assert client.get(f"{URL}?state=draft").json()["count"] == 0
    assert draft.pk not in [
        row["id"] for row in client.get(f"{URL}?state=withdrawn").json()["results"]
    ]


def test_an_officers_list_still_gives_every_state_unless_filtered(
    client, officer, withdrawn, draft
):
    client.force_login(officer)

    states = [row["state"] for row in client.get(f"{URL}?page_size=1000").json()["results"]]

    assert len(states) == SEED_PUBLISHED + 1
    assert sorted(set(states)) == ["draft", "published", "withdrawn"]
