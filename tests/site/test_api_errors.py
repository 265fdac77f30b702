"""Every error under /api/ is JSON in the API's shapes ({"detail": …} or the problems per
field or parameter), including those Django answers before or after DRF runs
(strategy/site/api/errors.py, strategy/site/middleware.py:CommonMiddleware)."""

import json
import re

import pytest
from rest_framework.authtoken.models import Token

from targets.models import Observation


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
