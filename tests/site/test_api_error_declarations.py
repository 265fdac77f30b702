"""Every error status the schema declares is one the API really answers, in the body the
schema declares for it (strategy/site/api/schema.py:declare_error_responses), and the
schema declares none it cannot answer: no 429 for a write, no 403 or 413 for a read."""

import json

import jsonschema
import pytest
from rest_framework.authtoken.models import Token

from tests.site.strict_schema import strict

TARGET = ("/api/v1/targets/{slug}/", "/api/v1/targets/employment-rate/")
TARGETS = ("/api/v1/targets/", "/api/v1/targets/")
DOWNLOAD = ("/api/v1/download/", "/api/v1/download/")
OBSERVATIONS = ("/api/v1/observations/", "/api/v1/observations/")
OBSERVATION = ("/api/v1/observations/{id}/", "/api/v1/observations/1/")
WITHDRAW = ("/api/v1/observations/{id}/withdraw/", "/api/v1/observations/1/withdraw/")
WRITES = [
    ("post", *OBSERVATIONS),
    ("put", *OBSERVATION),
    ("patch", *OBSERVATION),
    ("delete", *OBSERVATION),
    ("post", *WITHDRAW),
]


@pytest.fixture
def approver_token(approver):
    return f"Token {Token.objects.create(user=approver).key}"


@pytest.fixture
def reader_token(django_user_model):
    """A signed-up user with no permission to write."""
    user = django_user_model.objects.create_user(username="rita-reader", password="a-long-pw-1")
    return f"Token {Token.objects.create(user=user).key}"


@pytest.fixture
def one_read_a_minute(monkeypatch):
    monkeypatch.setattr(
        "rest_framework.throttling.AnonRateThrottle.THROTTLE_RATES", {"anon": "1/minute"}
    )


def assert_declared(openapi, method, path, response):
    """The answer's status is declared for the operation, with its body and headers."""
    declared = openapi["paths"][path][method]["responses"]
    assert str(response.status_code) in declared, (method, path, response.status_code)
    declaration = declared[str(response.status_code)]
    assert response["Content-Type"] == "application/json"
    schema = declaration["content"]["application/json"]["schema"]
    components = openapi["components"]["schemas"]
    jsonschema.Draft4Validator(strict(schema, components)).validate(response.json())
    for name, header in declaration.get("headers", {}).items():
        if header.get("required"):
            assert response.has_header(name), name


@pytest.mark.parametrize(
    ("method", "path", "address", "accept"),
    [
        ("get", *TARGETS, "application/xml"),
        ("get", *TARGET, "text/html"),
        # The download is only a zip: its 406 is JSON all the same.
        ("get", *DOWNLOAD, "application/json"),
        ("post", *OBSERVATIONS, "application/xml"),
        ("delete", *OBSERVATION, "text/html"),
    ],
)
def test_an_accept_header_naming_no_format_offered_is_a_declared_406(
    client, seed, openapi, approver_token, method, path, address, accept
):
    response = getattr(client, method)(
        address, HTTP_ACCEPT=accept, HTTP_AUTHORIZATION=approver_token
    )

    assert response.status_code == 406
    assert_declared(openapi, method, path, response)


@pytest.mark.parametrize(("method", "path", "address"), WRITES)
def test_a_body_over_the_upload_limit_is_a_declared_413(
    client, seed, openapi, settings, approver_token, method, path, address
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = json.dumps({"notes": "x" * 200})

    response = getattr(client, method)(
        address, body, content_type="application/json", HTTP_AUTHORIZATION=approver_token
    )

    assert response.status_code == 413
    assert_declared(openapi, method, path, response)


@pytest.mark.parametrize(("path", "address"), [TARGETS, TARGET, DOWNLOAD])
def test_an_anonymous_read_over_the_rate_is_a_declared_429_saying_when_to_retry(
    client, seed, openapi, one_read_a_minute, path, address
):
    client.get(address)

    response = client.get(address)

    assert response.status_code == 429
    assert_declared(openapi, "get", path, response)
    assert int(response["Retry-After"]) > 0


def test_writes_are_not_throttled_and_do_not_declare_429(
    client, seed, openapi, one_read_a_minute, approver_token
):
    # An anonymous write is refused before it is counted; a signed-in one is not counted.
    anonymous = [client.post("/api/v1/observations/", {}) for _ in range(2)]
    signed_in = [
        client.post("/api/v1/observations/", {}, HTTP_AUTHORIZATION=approver_token)
        for _ in range(2)
    ]

    assert [response.status_code for response in anonymous] == [401, 401]
    assert [response.status_code for response in signed_in] == [400, 400]
    for method, path, _address in WRITES:
        assert "429" not in openapi["paths"][path][method]["responses"]


@pytest.mark.parametrize(("method", "path", "address"), [("get", *TARGETS), *WRITES])
def test_a_bad_token_is_a_declared_401(client, seed, openapi, method, path, address):
    response = getattr(client, method)(address, HTTP_AUTHORIZATION="Token not-a-token")

    assert response.status_code == 401
    assert_declared(openapi, method, path, response)


@pytest.mark.parametrize(("method", "path", "address"), WRITES)
def test_a_write_without_the_permission_is_a_declared_403(
    client, seed, openapi, reader_token, method, path, address
):
    response = getattr(client, method)(
        address, {}, content_type="application/json", HTTP_AUTHORIZATION=reader_token
    )

    assert response.status_code == 403
    assert_declared(openapi, method, path, response)


def test_reads_declare_neither_403_nor_413(openapi):
    for operations in openapi["paths"].values():
        if "get" in operations:
            assert not {"403", "413"} & set(operations["get"]["responses"])


@pytest.mark.parametrize(
    ("path", "address", "query"),
    [
        (*TARGETS, {"statu": "off_track"}),
        (*TARGET, {"format": "xml"}),
        (*DOWNLOAD, {f"p{number}": "1" for number in range(11)}),
    ],
)
def test_bad_parameters_are_a_declared_400(client, seed, openapi, settings, path, address, query):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10

    response = client.get(address, query)

    assert response.status_code == 400
    assert_declared(openapi, "get", path, response)


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/api/v1/targets/{slug}/", "/api/v1/targets/no-such-target/"),
        ("/api/v1/targets/", "/api/v1/targets/?page=99"),
    ],
)
def test_not_found_is_a_declared_404(client, seed, openapi, path, address):
    response = client.get(address)

    assert response.status_code == 404
    assert_declared(openapi, "get", path, response)
