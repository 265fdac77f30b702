"""Signing in to the admin: the cool-off after failed attempts, and the sign-in log.

Every attempt goes through the real sign-in form at /admin/login/, from an address given
as the test client's REMOTE_ADDR (and X-Forwarded-For, behind a proxy).
"""

import datetime
import logging
import runpy
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

import strategy.settings
from tests.conftest import PASSWORD

SIGN_IN = reverse("admin:login")
WRONG = "not-the-password-at-all"
OFFICE = "198.51.100.7"
HOME = "198.51.100.8"
PROXY = "127.0.0.1"
# 10:00 in London on a winter day; the lock lifts at 10:15 with the default cool-off.
MORNING = datetime.datetime(2025, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def sign_in(client, username, password, **headers):
    return client.post(
        SIGN_IN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=headers.pop("address", OFFICE),
        **headers,
    )


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client, username, times, **headers):
    """Wrong passwords: the form again, until the last one allowed locks the user out."""
    return [sign_in(client, username, WRONG, **headers).status_code for _ in range(times)]


def settings_read_with(monkeypatch, **env):
    """strategy/settings.py as it reads with these environment variables."""
    monkeypatch.setenv("DEBUG", "true")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(strategy.settings.__file__)


@pytest.fixture
def behind_one_proxy(settings, monkeypatch):
    """The proxy settings strategy/settings.py makes of TRUSTED_PROXY_COUNT=1."""
    proxied = settings_read_with(monkeypatch, TRUSTED_PROXY_COUNT="1")
    for name, value in proxied.items():
        if name.startswith(("AXES_IPWARE_", "IPWARE_")) or name == "TRUSTED_PROXY_COUNT":
            setattr(settings, name, value)
    assert settings.TRUSTED_PROXY_COUNT == 1


@pytest.fixture
def signin_log(caplog):
    """The records of the sign-in log (which does not propagate to the root logger)."""
    logger = logging.getLogger("strategy.signin")
    logger.addHandler(caplog.handler)
    yield lambda: [record for record in caplog.records if record.name == logger.name]
    logger.removeHandler(caplog.handler)


def test_the_limit_is_ten_failures_and_the_cool_off_fifteen_minutes_by_default():
    assert django_settings.AXES_FAILURE_LIMIT == 10
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_the_cool_off_is_set_in_minutes(monkeypatch):
    cool_off = settings_read_with(monkeypatch, SIGN_IN_COOLOFF_MINUTES="30")["AXES_COOLOFF_TIME"]

    assert cool_off.total_seconds() == 30 * 60


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SIGN_IN_COOLOFF_MINUTES", "0"),
        ("SIGN_IN_COOLOFF_MINUTES", "a quarter of an hour"),
        ("TRUSTED_PROXY_COUNT", "-1"),
        ("TRUSTED_PROXY_COUNT", "one"),
    ],
)
def test_a_bad_sign_in_setting_stops_the_start_up(monkeypatch, name, value):
    with pytest.raises(ImproperlyConfigured, match=f"{name} must be a whole number"):
        settings_read_with(monkeypatch, **{name: value})


def test_the_right_password_signs_in(officer, client):
    assert signed_in(sign_in(client, officer.username, PASSWORD))


def test_after_ten_failures_the_right_password_is_refused_until_the_cool_off_ends(officer, client):
    with time_machine.travel(MORNING, tick=False) as clock:
        failures = fail(client, officer.username, 10)

        during = sign_in(client, officer.username, PASSWORD)
        clock.shift(datetime.timedelta(minutes=14, seconds=59))
        near_the_end = sign_in(client, officer.username, PASSWORD)
        clock.shift(datetime.timedelta(seconds=2))
        after = sign_in(client, officer.username, PASSWORD)

    assert failures == [200] * 9 + [429], "the tenth failure starts the cool-off"
    assert during.status_code == 429
    assert near_the_end.status_code == 429, "a refused attempt does not restart the cool-off"
    assert signed_in(after)


def test_nine_failures_do_not_lock(officer, client):
    fail(client, officer.username, 9)

    assert signed_in(sign_in(client, officer.username, PASSWORD))


def test_a_successful_sign_in_clears_the_failures(officer, client):
    fail(client, officer.username, 9)
    assert signed_in(sign_in(client, officer.username, PASSWORD))
    client.logout()

    fail(client, officer.username, 9)

    assert signed_in(sign_in(client, officer.username, PASSWORD))


def test_the_lock_does_not_stop_the_same_user_from_another_address(officer, client):
    fail(client, officer.username, 10, address=OFFICE)

    assert sign_in(client, officer.username, PASSWORD, address=OFFICE).status_code == 429
    assert signed_in(sign_in(client, officer.username, PASSWORD, address=HOME))


def test_the_lock_does_not_stop_a_colleague_at_the_same_address(officer, approver, client):
    fail(client, officer.username, 10, address=OFFICE)

    assert signed_in(sign_in(client, approver.username, PASSWORD, address=OFFICE))


def test_the_locked_out_page_says_until_when_in_the_admins_look(officer, client):
    with time_machine.travel(MORNING, tick=False):
        fail(client, officer.username, 10)
        response = sign_in(client, officer.username, PASSWORD)

    page = " ".join(response.content.decode().split())
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Strategy tracker" in page, "the admin's header"
    assert "paused for 15 minutes, after 10 failed attempts" in page
    assert "Try again after 10:15, in about 15 minutes" in page
    assert PASSWORD not in page


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(officer, client):
    for attempt in range(10):
        sign_in(client, officer.username, WRONG, HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")

    response = sign_in(client, officer.username, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}


@pytest.mark.usefixtures("behind_one_proxy")
def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(officer, client):
    fail(client, officer.username, 10, address=PROXY, HTTP_X_FORWARDED_FOR=OFFICE)

    from_office = sign_in(
        client, officer.username, PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR=OFFICE
    )
    from_home = sign_in(
        client, officer.username, PASSWORD, address=PROXY, HTTP_X_FORWARDED_FOR=HOME
    )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}
    assert from_office.status_code == 429
    assert signed_in(from_home), "others behind the same proxy are not locked out"


@pytest.mark.usefixtures("behind_one_proxy")
def test_behind_a_proxy_a_spoofed_forwarded_entry_does_not_escape_the_lock(officer, client):
    # The attacker sends their own X-Forwarded-For; the proxy appends their real address.
    for attempt in range(10):
        spoofed = f"192.0.2.{attempt}, {OFFICE}"
        sign_in(client, officer.username, WRONG, address=PROXY, HTTP_X_FORWARDED_FOR=spoofed)

    response = sign_in(
        client,
        officer.username,
        PASSWORD,
        address=PROXY,
        HTTP_X_FORWARDED_FOR=f"8.8.8.8, unknown, {HOME}, {OFFICE}",
    )

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}


def test_a_failure_is_logged_with_the_user_and_address_but_not_the_password(
    officer, client, signin_log
):
    sign_in(client, officer.username, WRONG, address=HOME)

    [record] = signin_log()
    assert record.levelno == logging.WARNING
    assert record.getMessage() == f"sign-in failed: user={officer.username} address={HOME}"
    assert (record.outcome, record.username, record.client_address) == (
        "failed",
        officer.username,
        HOME,
    )
    assert WRONG not in str(vars(record))


def test_a_sign_in_is_logged_without_the_password_or_the_session_key(officer, client, signin_log):
    sign_in(client, officer.username, PASSWORD, address=HOME)
    session_key = client.session.session_key
    client.post(reverse("admin:logout"), REMOTE_ADDR=HOME)

    messages = [record.getMessage() for record in signin_log()]
    assert messages == [
        f"sign-in succeeded: user={officer.username} address={HOME}",
        f"sign-in ended: user={officer.username} address={HOME}",
    ]
    everything = "".join(str(vars(record)) for record in signin_log())
    assert PASSWORD not in everything
    assert session_key not in everything


def test_a_lockout_is_logged_once_with_the_failures(officer, client, signin_log):
    fail(client, officer.username, 10, address=HOME)

    messages = [record.getMessage() for record in signin_log()]
    assert messages.count(f"sign-in failed: user={officer.username} address={HOME}") == 10
    assert messages.count(f"sign-in locked out: user={officer.username} address={HOME}") == 1


@pytest.mark.usefixtures("behind_one_proxy")
def test_behind_a_proxy_the_log_gives_the_address_that_is_locked(officer, client, signin_log):
    sign_in(
        client, officer.username, WRONG, address=PROXY, HTTP_X_FORWARDED_FOR=f"8.8.8.8, {OFFICE}"
    )

    assert signin_log()[0].client_address == OFFICE
