"""Schemathesis generates requests from our OpenAPI document and checks every answer:
no server error, a documented status and content type, and a body the schema allows.

The document is served by the app itself (`/api/schema/`) and the requests go straight
to the WSGI application, inside pytest-django's test database with the seed loaded.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.seed import SEP_TARGETS

application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

SEED_OBSERVATION_IDS = range(1, 23)
# No server error and nothing the document does not allow; and a broken token must be
# refused (401), not silently ignored. Left out on purpose: positive_data_acceptance (a
# schema-valid body can still name an unknown target or break a rule of METHODOLOGY.md,
# and 400 is then right) and negative_data_rejection (DRF accepts "12" for a number and
# django-filter ignores an empty filter, by design).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    ignored_auth,
]
BOUNDED = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def anon_rate_unlimited(monkeypatch):
    """No 429s: every generated request is anonymous and from the same address."""
    monkeypatch.setattr(
        "rest_framework.throttling.AnonRateThrottle.THROTTLE_RATES", {"anon": "1000000/minute"}
    )


@pytest.fixture
def keep_the_test_connection():
    """Requests go to the real WSGI handler, whose request_started and request_finished
    signals close "old" connections: inside the test's transaction that means closing the
    connection, which on PostgreSQL loses the transaction and every later query ("the
    connection is closed"). Django's own test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def approver_token(approver):
    return Token.objects.create(user=approver).key


def test_the_document_under_test_has_the_contract_paths():
    paths = set(schema.raw_schema["paths"])

    assert {"/api/v1/targets/", "/api/v1/targets/{slug}/", "/api/v1/observations/{id}/"} <= paths


@pytest.mark.django_db
@pytest.mark.usefixtures("seed", "anon_rate_unlimited", "keep_the_test_connection")
@schema.include(method="GET").parametrize()
@BOUNDED
def test_every_get_answers_anonymous_readers_as_documented(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.usefixtures("seed", "anon_rate_unlimited", "keep_the_test_connection")
@schema.include(path="/api/v1/observations/", method="POST").parametrize()
@schema.given(slug=st.sampled_from(SEP_TARGETS))
@BOUNDED
def test_creating_observations_as_an_approver_answers_as_documented(case, slug, approver_token):
    # Half the bodies name a real target, so that some reach the model's own rules.
    if isinstance(case.body, dict) and "target" in case.body:
        case.body["target"] = slug if len(str(case.body)) % 2 else case.body["target"]

    case.call_and_validate(headers={"Authorization": f"Token {approver_token}"}, checks=CHECKS)


@pytest.mark.django_db
@pytest.mark.usefixtures("seed", "anon_rate_unlimited", "keep_the_test_connection")
@schema.include(path="/api/v1/observations/{id}/", method="PATCH").parametrize()
@schema.given(observation_id=st.sampled_from(SEED_OBSERVATION_IDS))
@BOUNDED
def test_changing_observations_as_an_approver_answers_as_documented(
    case, observation_id, approver_token
):
    # An existing figure, so that the change reaches the serializer rather than a 404.
    case.path_parameters = {**(case.path_parameters or {}), "id": observation_id}

    case.call_and_validate(headers={"Authorization": f"Token {approver_token}"}, checks=CHECKS)
