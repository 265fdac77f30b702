"""Schemathesis generates requests from our OpenAPI document and runs every check it has
on every answer: no server error; a documented status, content type, headers and body; a
request the schema allows is accepted and one it does not allow is refused; a missing
or broken credential is refused; an undocumented method is a 405.

The document is served by the app itself (`/api/schema/`) and the requests go straight
to the WSGI application, inside pytest-django's test database with the seed loaded.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.checks import load_all_checks, positive_data_acceptance
from schemathesis.openapi.checks import RejectedPositiveData

from tests.seed import SEP_TARGETS

application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)

SEED_OBSERVATION_IDS = range(1, 23)
# Every check schemathesis has. The stateful ones (use_after_free,
# ensure_resource_availability) pass by themselves when no earlier request of the run
# created or deleted the resource, as here.
load_all_checks()
CHECKS = list(REGISTERED_CHECKS.get_all())

# What no JSON Schema can say about a write, so that a write the schema allows may still
# be refused with a 400 for it, and for nothing else: rules between a record's fields and
# against the records held and the calendar (targets/models.py, targets/publishing.py,
# METHODOLOGY.md); a figure's precision, 20 digits of which 6 decimal places (a JSON
# Schema `multipleOf` of a fraction is not exact in floating point); and a web address that the `uri` format
# allows but Django's URLValidator does not (such as a host name over 253 characters);
# and required text of only spaces (DRF trims it, by Python's idea of a space, which no
# schema pattern shares). Each is the refusal's own words.
RULES_NO_SCHEMA_CAN_STATE = (
    "does not exist.",  # the slug of a target, or the code of an area, that is not held
    "or an area of the same local authorities",  # a figure for another area than the target's
    "already has a figure for the period",
    "already has an assessment of this target for this period.",
    "The period cannot end in the future",
    "The period cannot end before",
    "The publication date cannot be in the future.",
    "A rate cannot be above 100%.",
    "must be a whole number.",
    "A share cannot be negative.",
    "is measured against",
    "This target needs the part that counts",
    "The part that counts cannot be larger than the figure.",
    "A confidence interval needs both ends",
    "The figure must lie within its confidence interval",
    "Withdraw a published",
    "cannot go back to draft",
    "was withdrawn and cannot be changed",
    "Say why this published figure is changing.",
    "no more than 6 decimal places.",
    "no more than 20 digits in total.",
    "no more than 14 digits before the decimal point.",
    "Enter a valid URL.",
    "This field may not be blank.",
)


def refused_only_for_rules_no_schema_can_state(response) -> bool:
    if response.status_code != 400:
        return False
    problems = response.json()
    messages = [message for field in problems.values() for message in field]
    return all(any(rule in message for rule in RULES_NO_SCHEMA_CAN_STATE) for message in messages)


def write_accepted_unless_a_rule_no_schema_can_state(ctx, response, case):
    """positive_data_acceptance, narrowed to what a schema can state."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if not refused_only_for_rules_no_schema_can_state(response):
            raise
        return None


WRITE_CHECKS = [
    write_accepted_unless_a_rule_no_schema_can_state if check is positive_data_acceptance else check
    for check in CHECKS
]
# Derandomized: the same requests on every run, so that CI's verdict does not depend on
# the draw (a new check or a change to the schema brings new requests anyway).
BOUNDED = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


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


def picked(choices, case):
    """One of the seed's records, chosen by the generated case: the schema's own examples
    run too, and schemathesis cannot run them beside `@schema.given()` strategies."""
    return choices[len(repr(case.body)) % len(choices)]


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
@schema.include(path_regex="^/api/v1/(observations|assessments)/$", method="POST").parametrize()
@BOUNDED
def test_creating_records_as_an_approver_answers_as_documented(case, approver_token):
    # A body the schema allows names a real target, so that it reaches the model's rules.
    if case.meta.generation.mode.is_positive and isinstance(case.body, dict):
        case.body["target"] = picked(SEP_TARGETS, case)

    case.call_and_validate(
        headers={"Authorization": f"Token {approver_token}"}, checks=WRITE_CHECKS
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("seed", "anon_rate_unlimited", "keep_the_test_connection")
@schema.include(path="/api/v1/observations/{id}/", method="PATCH").parametrize()
@BOUNDED
def test_changing_observations_as_an_approver_answers_as_documented(case, approver_token):
    # An existing figure, so that the change reaches the serializer rather than a 404.
    case.path_parameters = {
        **(case.path_parameters or {}),
        "id": picked(SEED_OBSERVATION_IDS, case),
    }

    case.call_and_validate(
        headers={"Authorization": f"Token {approver_token}"}, checks=WRITE_CHECKS
    )
