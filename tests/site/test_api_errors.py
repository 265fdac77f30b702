"""Every error under /api/ is JSON in the API's shapes ({"detail": …} or the problems per
field or parameter), including those Django answers before or after DRF runs
(strategy/site/api/errors.py, strategy/site/middleware.py:CommonMiddleware)."""

import json
import re

import pytest
from rest_framework.authtoken.models import Token

from targets.models import Observation
from tests.site.api_resources import API_RESOURCES


@pytest.fixture
def approver_token(approver):
    return Token.objects.create(user=approver).key


def test_too_many_query_parameters_is_a_json_400(client, db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"strategy={number}" for number in range(11))

    response = client.get(f"/api/v1/targets/?{query}")

    assert response.status_code == 400
    assert response.json() == {"detail": "Too many parameters: at most 10."}


def test_a_body_over_the_upload_limit_is_a_json_413(client, seed, settings, approver_token):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = json.dumps({"target": "jobs", "notes": "x" * 200})

    response = client.post(
        "/api/v1/observations/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {approver_token}",
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large: at most 100 bytes."}
    assert not Observation.objects.filter(notes="x" * 200).exists()


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/observations"),
        ("put", "/api/v1/observations/1"),
        ("patch", "/api/v1/observations/1"),
        ("delete", "/api/v1/observations/1"),
    ],
)
def test_a_write_without_the_trailing_slash_is_told_to_add_it_not_redirected(
    client, seed, settings, approver_token, method, path, debug
):
    settings.DEBUG = debug

    response = getattr(client, method)(
        path, "{}", content_type="application/json", HTTP_AUTHORIZATION=f"Token {approver_token}"
    )

    assert response.status_code == 404
    assert response.json() == {"detail": f"Add a trailing slash: {path}/"}


def test_a_refusal_by_django_before_drf_runs_is_json(client, db, settings):
    settings.DISALLOWED_USER_AGENTS = [re.compile("bad-bot")]

    response = client.get("/api/v1/targets/", HTTP_USER_AGENT="bad-bot/1.0")

    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


@pytest.mark.parametrize("path", ["/api/v1/targets/", "/api/v1/targets/jobs/"])
def test_an_unknown_format_is_a_400_naming_the_parameter(client, seed, path):
    response = client.get(path, {"format": "xml"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"format": ["Unknown format “xml”: use csv or json."]}


def test_a_server_error_under_the_api_is_json(client, db, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("targets.api.TargetViewSet.get_queryset", fail)
    client.raise_request_exception = False

    response = client.get("/api/v1/targets/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Server error."}


# Query parameters


def test_a_misspelt_filter_is_a_400_naming_it_and_the_known_parameters(client, seed):
    response = client.get("/api/v1/targets/", {"statu": "off_track"})

    assert response.status_code == 400
    assert response.json() == {
        "statu": [
            (
                "Unknown parameter: this resource takes bom, format, kind, ordering, page, "
                "page_size, status, strategy."
            )
        ]
    }


def test_an_unknown_parameter_on_a_detail_is_a_400_naming_it(client, seed):
    response = client.get("/api/v1/targets/jobs/", {"verbose": "1"})

    assert response.status_code == 400
    assert list(response.json()) == ["verbose"]


@pytest.mark.parametrize("path", API_RESOURCES)
def test_every_query_parameter_the_schema_documents_is_accepted(client, db, openapi, path):
    documented = [
        parameter["name"]
        for parameter in openapi["paths"][f"/api/v1/{path}/"]["get"]["parameters"]
        if parameter["in"] == "query"
    ]

    # Empty values: each parameter is known, and none narrows the list.
    response = client.get(f"/api/v1/{path}/", dict.fromkeys(documented, ""))

    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    ("path", "ordering", "choices"),
    [
        ("meetings", "title", "date, id"),
        ("observations", "-value", "period_end, updated_at, id"),
    ],
)
def test_an_ordering_the_resource_does_not_offer_is_a_400_naming_it(
    client, db, path, ordering, choices
):
    response = client.get(f"/api/v1/{path}/", {"ordering": f"id,{ordering}"})

    assert response.status_code == 400
    assert response.json() == {
        "ordering": [
            (
                f"Cannot order by “{ordering}”: one or more of {choices}, separated by "
                "commas, with - before a field for descending order."
            )
        ]
    }


def test_the_schema_lists_the_orderings_a_resource_offers(openapi):
    parameters = openapi["paths"]["/api/v1/observations/"]["get"]["parameters"]
    ordering = next(parameter for parameter in parameters if parameter["name"] == "ordering")

    assert "period_end, updated_at, id" in ordering["description"]


@pytest.mark.parametrize("number", ["abc", "0", "-1", "1.5"])
def test_a_page_that_is_not_a_whole_number_from_1_is_a_400(client, db, number):
    response = client.get("/api/v1/targets/", {"page": number})

    assert response.status_code == 400
    assert response.json() == {"page": ["A page number is a whole number from 1."]}


@pytest.mark.parametrize("size", ["0", "-5", "abc"])
def test_a_page_size_that_is_not_a_whole_number_from_1_is_a_400(client, db, size):
    response = client.get("/api/v1/targets/", {"page_size": size})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["A page size is a whole number from 1 to 1000."]}


def test_the_schema_gives_the_page_size_its_cap_as_a_cap_not_a_refusal(client, db, openapi):
    parameters = openapi["paths"]["/api/v1/observations/"]["get"]["parameters"]
    page_size = next(parameter for parameter in parameters if parameter["name"] == "page_size")

    # A larger size is answered with the largest page, so the schema sets no maximum.
    assert page_size["schema"] == {"type": "integer", "minimum": 1}
    assert "at most 1000" in page_size["description"]
    assert client.get("/api/v1/observations/", {"page_size": 1001}).status_code == 200


# Request bodies


def test_every_request_body_refuses_fields_it_does_not_declare(openapi):
    components = openapi["components"]["schemas"]
    bodies = [
        operation["requestBody"]["content"]
        for operations in openapi["paths"].values()
        for operation in operations.values()
        if "requestBody" in operation
    ]

    assert bodies
    for content in bodies:
        # JSON only: a form cannot say null, which the JSON bodies may.
        assert list(content) == ["application/json"]
        name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        assert components[name]["additionalProperties"] is False, name


def test_a_withdrawal_naming_an_unknown_field_is_a_400_naming_it(client, seed, approver_token):
    response = client.post(
        "/api/v1/observations/1/withdraw/",
        {"withdrawal_reason": "Replaced by the revised series.", "reason": "typo"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {approver_token}",
    )

    assert response.status_code == 400
    assert response.json() == {"reason": ["Unknown field: it is not one of this record's."]}


@pytest.mark.parametrize("ordering", ["id,", " id", "id,,period_end", "--id"])
def test_an_ordering_with_an_empty_or_spaced_term_is_a_400(client, db, ordering):
    response = client.get("/api/v1/observations/", {"ordering": ordering})

    assert response.status_code == 400
    assert list(response.json()) == ["ordering"]


def test_an_ordering_with_more_terms_than_fields_is_a_400(client, db):
    response = client.get("/api/v1/observations/", {"ordering": "id,-id,id,period_end"})

    assert response.status_code == 400
    assert response.json()["ordering"][0].startswith("At most 3 terms")


def test_the_schema_declares_the_orderings_as_a_list_of_terms(openapi):
    parameters = openapi["paths"]["/api/v1/observations/"]["get"]["parameters"]
    ordering = next(parameter for parameter in parameters if parameter["name"] == "ordering")

    assert ordering["style"] == "form"
    assert ordering["explode"] is False
    assert ordering["schema"]["maxItems"] == 3
    assert ordering["schema"]["items"]["enum"] == [
        "period_end",
        "-period_end",
        "updated_at",
        "-updated_at",
        "id",
        "-id",
    ]


@pytest.mark.parametrize(("name", "value"), [("page", "abc"), ("page_size", "0")])
def test_a_csv_download_refuses_a_bad_page_too(client, db, name, value):
    response = client.get("/api/v1/targets/", {"format": "csv", name: value})

    assert response.status_code == 400
    assert list(response.json()) == [name]
