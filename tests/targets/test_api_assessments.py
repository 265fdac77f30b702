"""Published assessments in the REST API: reading, filters, drafts hidden, publishing rule."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from targets.models import PublishedAssessment, Target

pytestmark = pytest.mark.usefixtures("seed")

URL = "/api/v1/assessments/"
SEED_PUBLISHED = 29
CONTRACT_FIELDS = {
    "id",
    "target",
    "publication",
    "published_on",
    "period_end",
    "period_label",
    "statement",
    "figure",
    "judgement",
    "source_url",
    "state",
}


def new_assessment(**fields):
    body = {
        "target": "jobs",
        "publication": "Our Economy 2024, indicator tables",
        "published_on": "2024-05-01",
        "period_end": "2023-12-31",
        "period_label": "Jan 2023-Dec 2023",
        "statement": "65,000 more jobs than in 2014.",
        "figure": 65000,
    }
    body.update(fields)
    return body


def post(client, body):
    return client.post(URL, body, content_type="application/json")


@pytest.fixture
def draft():
    return PublishedAssessment.objects.create(
        target=Target.objects.get(slug="jobs"),
        publication="An unpublished draft",
        period_end=datetime.date(2023, 12, 31),
        period_label="Jan 2023-Dec 2023",
        statement="Target smashed.",
        figure=Decimal(150000),
    )


def test_anyone_may_list_the_published_assessments(client):
    body = client.get(URL).json()

    assert body["count"] == SEED_PUBLISHED
    assert {a["state"] for a in body["results"]} == {"published"}
    for assessment in body["results"]:
        assert set(assessment) >= CONTRACT_FIELDS, CONTRACT_FIELDS - set(assessment)


def test_an_assessment_reads_as_the_contract_says(client):
    widened = PublishedAssessment.objects.get(
        target__slug="economic-activity-rate", period_end=datetime.date(2023, 6, 30)
    )

    body = client.get(f"{URL}{widened.pk}/").json()

    assert body["target"] == "economic-activity-rate"
    assert body["publication"] == "Our Economy 2023, indicator tables"
    assert body["period_end"] == "2023-06-30"
    assert body["period_label"] == "Jul 2022-Jun 2023"
    assert body["figure"] == -0.4
    assert body["state"] == "published"


def test_an_assessment_without_a_figure_has_a_null_figure(client):
    results = client.get(f"{URL}?target=economic-activity-rate").json()["results"]

    assert [a["figure"] for a in results] == [0.15, None, None, -0.4]


def test_the_target_filter_keeps_that_targets_assessments(client):
    results = client.get(f"{URL}?target=jobs").json()["results"]

    assert [a["figure"] for a in results] == [
        62500,
        74900,
        68200,
        59500,
        42700,
        54000,
        61500,
        82900,
    ]


def test_the_period_filters_keep_the_periods_between_them_inclusive(client):
    results = client.get(f"{URL}?period_after=2023-06-30&period_before=2024-03-31").json()[
        "results"
    ]

    assert [(a["target"], a["period_end"]) for a in results] == [
        ("better-jobs", "2023-06-30"),
        ("better-jobs", "2024-03-31"),
        ("economic-activity-rate", "2023-06-30"),
        ("employment-rate", "2023-06-30"),
        ("jobs", "2023-06-30"),
        ("jobs", "2024-03-31"),
    ]


def test_ordering_by_period_end_descending(client):
    results = client.get(f"{URL}?target=private-sector-employment-density&ordering=-period_end")

    assert [a["period_end"] for a in results.json()["results"]] == [
        "2021-12-31",
        "2019-12-31",
        "2015-12-31",
    ]


def test_a_bad_period_is_refused_naming_the_parameter(client):
    response = client.get(f"{URL}?period_before=soon")

    assert response.status_code == 400
    assert list(response.json()) == ["period_before"]


def test_drafts_are_hidden_from_anonymous_readers(client, draft):
    assert client.get(URL).json()["count"] == SEED_PUBLISHED
    assert client.get(f"{URL}?state=draft").json()["results"] == []
    assert client.get(f"{URL}{draft.pk}/").status_code == 404


def test_an_officer_sees_drafts(client, officer, draft):
    client.force_login(officer)

    body = client.get(f"{URL}?state=draft").json()

    assert [a["id"] for a in body["results"]] == [draft.pk]


def test_an_officer_creates_a_draft_assessment(client, officer):
    client.force_login(officer)

    response = post(client, new_assessment())

    assert response.status_code == 201, response.content
    assert response.json()["state"] == "draft"
    assert PublishedAssessment.objects.get(pk=response.json()["id"]).created_by == officer


def test_an_officer_may_not_publish_an_assessment(client, officer):
    client.force_login(officer)

    response = post(client, new_assessment(state="published"))

    assert response.status_code == 403
    assert PublishedAssessment.objects.count() == SEED_PUBLISHED


def test_an_approver_publishes_an_assessment(client, approver):
    client.force_login(approver)

    response = post(client, new_assessment(state="published"))

    assert response.status_code == 201, response.content
    assert response.json()["state"] == "published"
    assert response.json()["published_at"] is not None


def test_an_officer_corrects_a_draft_assessment(client, officer, draft):
    client.force_login(officer)

    response = client.patch(
        f"{URL}{draft.pk}/", {"judgement": "exceeded"}, content_type="application/json"
    )

    assert response.status_code == 200, response.content
    draft.refresh_from_db()
    assert draft.judgement == "exceeded"


def test_an_officer_may_not_change_a_published_assessment(client, officer):
    published = PublishedAssessment.objects.get(
        target__slug="jobs", period_end=datetime.date(2024, 3, 31)
    )
    client.force_login(officer)

    response = client.patch(f"{URL}{published.pk}/", {"figure": 1}, content_type="application/json")

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.figure == 82900


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(new_assessment(figure="lots"), "figure", id="a figure that is not a number"),
        pytest.param(new_assessment(target="nowhere"), "target", id="an unknown target"),
        pytest.param(
            new_assessment(period_end="2999-12-31"), "period_end", id="a period in the future"
        ),
        pytest.param(
            new_assessment(published_on="2999-01-01"),
            "published_on",
            id="a publication date in the future",
        ),
        pytest.param(
            new_assessment(target="better-jobs", figure=-0.1),
            "figure",
            id="a negative share",
        ),
    ],
)
def test_bad_assessments_are_refused_naming_the_field(client, officer, body, field):
    client.force_login(officer)

    response = post(client, body)

    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert PublishedAssessment.objects.count() == SEED_PUBLISHED


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("judgment", "Unknown field: it is not one of this record's."),
        ("updated_at", "This field is read-only."),
    ],
)
def test_an_assessment_with_an_unknown_or_read_only_field_is_refused_naming_it(
    client, officer, field, message
):
    client.force_login(officer)

    response = post(client, new_assessment(**{field: "2024-01-01"}))

    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert PublishedAssessment.objects.count() == SEED_PUBLISHED


def test_an_assessment_of_a_period_ending_before_1950_is_refused(client, approver):
    client.force_login(approver)

    response = post(client, new_assessment(period_end="0001-12-31", state="published"))

    assert response.status_code == 400
    assert response.json() == {
        "period_end": [
            (
                "The period cannot end before 1950: no official series here is older "
                "(this one ends on 31 December 1)."
            )
        ]
    }
    assert PublishedAssessment.objects.count() == SEED_PUBLISHED


def test_an_officer_deletes_a_draft_but_not_a_published_assessment(client, officer, draft):
    published = PublishedAssessment.objects.filter(state="published").first()
    client.force_login(officer)

    assert client.delete(f"{URL}{draft.pk}/").status_code == 204
    assert client.delete(f"{URL}{published.pk}/").status_code == 403
    assert PublishedAssessment.objects.get(pk=published.pk).is_published


def test_an_approver_withdraws_a_published_assessment_with_a_reason(client, approver):
    published = PublishedAssessment.objects.create(
        target=Target.objects.get(slug="jobs"),
        publication="A mistaken entry",
        period_end=datetime.date(2023, 12, 31),
        period_label="2023",
        statement="Wrong.",
        state=PublishedAssessment.State.PUBLISHED,
        published_at=timezone.now(),
    )
    client.force_login(approver)
    reason = {"withdrawal_reason": "Entered by mistake."}

    refused = client.delete(f"{URL}{published.pk}/")
    withdrawn = client.delete(f"{URL}{published.pk}/", reason, content_type="application/json")

    assert refused.status_code == 400
    assert withdrawn.status_code == 200
    published.refresh_from_db()
    assert (published.state, published.withdrawal_reason) == ("withdrawn", "Entered by mistake.")
    client.logout()
    shown = client.get(f"{URL}{published.pk}/").json()
    assert (shown["state"], shown["withdrawal_reason"]) == ("withdrawn", "Entered by mistake.")
    assert published.pk not in [row["id"] for row in client.get(URL).json()["results"]]
    listed = client.get(f"{URL}?state=withdrawn").json()["results"]
    assert [(row["id"], row["withdrawal_reason"]) for row in listed] == [
        (published.pk, "Entered by mistake.")
    ]
