"""Every request leaves one JSON line in the log, with its facts and none of its secrets."""

import datetime
import io
import json
import logging
import runpy

import pytest
from django.conf import settings
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_log():
    """The request logger switched on, as in production, writing its lines to a buffer.

    The buffer's handler uses the formatter configured in LOGGING, so the lines are the
    ones production writes. Returns a function giving the lines written so far.
    """
    logger = logging.getLogger("strategy.requests")
    (configured,) = [handler for handler in logger.handlers if handler.name == "requests"]
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(configured.formatter)
    level = logger.level
    logger.removeHandler(configured)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: buffer.getvalue().splitlines()
    logger.removeHandler(handler)
    logger.addHandler(configured)
    logger.setLevel(level)


def test_a_request_is_one_json_line_with_its_facts(client, request_log):
    before = datetime.datetime.now(datetime.UTC)
    response = client.get("/healthz?from=uptime-check", REMOTE_ADDR="203.0.113.9")

    (line,) = request_log()
    record = json.loads(line)
    assert record["name"] == "strategy.requests"
    assert record["message"] == "GET /healthz 200"
    assert record["method"] == "GET"
    assert record["path"] == "/healthz"
    assert record["query"] == "from=uptime-check"
    assert record["status"] == 200
    assert record["size"] == len(response.content)
    assert record["client"] == "203.0.113.9"
    assert record["user_id"] is None
    assert 0 < record["duration_ms"] < 10_000
    logged_at = datetime.datetime.fromisoformat(record["time"])
    assert before <= logged_at <= datetime.datetime.now(datetime.UTC)


def test_a_signed_in_request_names_the_user_by_id(client, officer, request_log):
    client.force_login(officer)

    client.get("/healthz")

    (line,) = request_log()
    assert json.loads(line)["user_id"] == officer.pk


def test_a_page_that_is_not_there_is_logged_with_its_status(client, request_log):
    client.get("/no-such-page/")

    (line,) = request_log()
    assert json.loads(line)["status"] == 404


def test_a_client_cannot_choose_its_logged_address_with_x_forwarded_for(client, request_log):
    """With no trusted proxy (TRUSTED_PROXY_COUNT=0), the address is the connection's."""
    client.get("/healthz", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")

    (line,) = request_log()
    assert json.loads(line)["client"] == "203.0.113.9"


def test_behind_a_trusted_proxy_the_address_is_the_one_the_proxy_saw(
    client, request_log, monkeypatch
):
    """TRUSTED_PROXY_COUNT=1, with the settings settings.py derives from it."""
    monkeypatch.setenv("TRUSTED_PROXY_COUNT", "1")
    behind_one_proxy = runpy.run_path(str(settings.BASE_DIR / "strategy" / "settings.py"))
    proxy_settings = {
        name: value
        for name, value in behind_one_proxy.items()
        if name == "TRUSTED_PROXY_COUNT" or name.startswith(("AXES_IPWARE_", "IPWARE_"))
    }

    with override_settings(**proxy_settings):
        client.get(
            "/healthz", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.7, 198.51.100.1"
        )

    (line,) = request_log()
    assert json.loads(line)["client"] == "198.51.100.1"


def test_no_authorization_header_password_or_cookie_is_ever_logged(client, officer, request_log):
    token = "a1b2c3d4e5f6-secret-token"
    client.get("/api/v1/targets/", HTTP_AUTHORIZATION=f"Token {token}")
    sign_in = client.post(
        "/admin/login/?next=/admin/", {"username": officer.username, "password": PASSWORD}
    )
    session_key = sign_in.cookies[settings.SESSION_COOKIE_NAME].value
    client.get("/healthz")

    lines = request_log()
    assert [json.loads(line)["path"] for line in lines] == [
        "/api/v1/targets/",
        "/admin/login/",
        "/healthz",
    ]
    written = "\n".join(lines)
    assert token not in written
    assert PASSWORD not in written
    assert session_key not in written
    assert "Authorization" not in written
    assert "Cookie" not in written


def test_with_the_logger_quiet_it_writes_nothing_and_looks_up_no_one(
    client, officer, request_log, django_assert_num_queries
):
    """Tests and local development: not even the signed-in user's session is read."""
    logging.getLogger("strategy.requests").setLevel(logging.WARNING)
    client.force_login(officer)

    with django_assert_num_queries(1):
        client.get("/healthz")

    assert request_log() == []


PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "tracker.example.org"}


@pytest.mark.parametrize(
    ("env", "enabled"),
    [
        pytest.param(PRODUCTION, True, id="on-in-production"),
        pytest.param({**PRODUCTION, "REQUEST_LOG": "false"}, False, id="off-when-asked"),
        pytest.param({"DEBUG": "true"}, False, id="off-in-development"),
        pytest.param({"DEBUG": "true", "REQUEST_LOG": "true"}, True, id="on-when-asked"),
    ],
)
def test_the_request_log_is_on_in_production_and_off_in_development(settings_under, env, enabled):
    result = settings_under(**env)

    assert result.returncode == 0, result.stderr
    assert result["REQUEST_LOG"] is enabled
    # Requests are logged at INFO: the logger lets them through only when the log is on.
    assert (result["LOGGING"]["loggers"]["strategy.requests"]["level"] == "INFO") is enabled


def test_a_misspelt_request_log_value_stops_the_start_up(settings_under):
    result = settings_under(DEBUG="true", REQUEST_LOG="yess")

    assert result.returncode != 0
    assert "REQUEST_LOG must be true or false, not 'yess'." in result.stderr
