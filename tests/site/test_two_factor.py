"""The admin's second factor: an authenticator (TOTP) code after the password.

The tests switch OTP_REQUIRED on, as production has it by default; the rest of the suite
runs with DEBUG and so with the password only.
"""

import base64
import re
import runpy
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

import strategy.settings
from tests.conftest import PASSWORD

SIGN_IN = reverse("admin:login")
WRONG_CODE = "That code is not right, or has expired: enter the current code from your app."
ADMIN_HOME = reverse("admin:index")
DESK = reverse("officers-desk")


@pytest.fixture
def otp_required(settings):
    settings.OTP_REQUIRED = True


@pytest.fixture
def device(officer):
    return TOTPDevice.objects.create(user=officer, name="Phone", confirmed=True)


def code_for(key: bytes, digits: int = 6) -> str:
    """The code an authenticator app shows now for this secret key."""
    return f"{totp(key, digits=digits):0{digits}d}"


def sign_in(client, officer, device=None, code=None):
    data = {"username": officer.username, "password": PASSWORD, "next": ADMIN_HOME}
    if device is not None:
        data["otp_device"] = device.persistent_id
    if code is not None:
        data["otp_token"] = code
    return client.post(SIGN_IN, data)


def page_text(response) -> str:
    """What the page says, without its markup, its stylesheets' addresses or its field names."""
    html = response.content.decode()
    body = re.sub(r"<(?:link|input|select)[^>]*>", "", html.split("<body", 1)[1])
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def reaches_the_admin(client):
    return client.get(ADMIN_HOME).status_code == 200


@pytest.mark.usefixtures("otp_required")
def test_the_sign_in_page_asks_for_the_code(client):
    assert 'name="otp_token"' in client.get(SIGN_IN).content.decode()


def test_without_otp_required_the_sign_in_page_asks_only_for_the_password(client):
    assert 'name="otp_token"' not in client.get(SIGN_IN).content.decode()


@pytest.mark.usefixtures("otp_required", "device")
def test_a_password_without_a_code_does_not_reach_the_admin(client, officer):
    response = sign_in(client, officer)

    assert response.status_code == 200
    assert not reaches_the_admin(client)


@pytest.mark.usefixtures("otp_required")
def test_a_wrong_code_does_not_reach_the_admin(client, officer, device):
    wrong = f"{(int(code_for(device.bin_key)) + 1) % 1_000_000:06d}"

    response = sign_in(client, officer, device, wrong)

    assert response.status_code == 200
    assert WRONG_CODE in page_text(response)
    assert not reaches_the_admin(client)


@pytest.mark.usefixtures("otp_required")
def test_an_officer_without_a_device_does_not_reach_the_admin(client, officer):
    sign_in(client, officer, code="123456")

    assert not reaches_the_admin(client)


@pytest.mark.usefixtures("otp_required")
@pytest.mark.parametrize("code", ["123456", None], ids=["with a code", "without"])
def test_an_officer_without_a_device_is_told_how_to_get_one(client, officer, code):
    response = sign_in(client, officer, code=code)

    assert response.context["form"].non_field_errors() == [
        (
            "Your password is right, but two-factor sign-in is not set up for “olivia-officer” "
            "yet, so the admin cannot let you in. Ask whoever looks after the site to set it "
            "up: they run manage.py add_totp_device olivia-officer and show you a QR code to "
            "scan with an authenticator app on your phone. Then sign in with your password "
            "and the six-digit code the app shows."
        )
    ]
    assert "add_totp_device olivia-officer" in page_text(response)


@pytest.mark.usefixtures("otp_required")
def test_a_wrong_password_says_nothing_about_two_factor_sign_in(client, officer):
    response = client.post(
        SIGN_IN, {"username": officer.username, "password": "not-it", "otp_token": "123456"}
    )

    assert "two-factor" not in page_text(response)
    assert "Please enter the correct username and password" in page_text(response)


@pytest.mark.usefixtures("otp_required")
def test_the_sign_in_page_asks_for_the_code_in_plain_words(client):
    response = client.get(SIGN_IN)

    labels = re.findall(r"<label[^>]*>(.*?)</label>", response.content.decode())
    assert labels == ["Username:", "Password:", "Six-digit code from your authenticator app:"]
    assert "OTP" not in page_text(response)
    assert 'name="otp_challenge"' not in response.content.decode(), "apps need no challenge"


@pytest.mark.usefixtures("otp_required", "device")
def test_a_password_without_a_code_is_asked_for_the_code(client, officer):
    response = sign_in(client, officer)

    assert "Enter the six-digit code from your authenticator app." in page_text(response)


@pytest.mark.usefixtures("otp_required", "device")
def test_with_one_device_no_choice_of_device_is_shown(client, officer):
    response = sign_in(client, officer, code="000000")

    assert 'name="otp_device"' not in response.content.decode()
    assert "OTP" not in page_text(response)


@pytest.mark.usefixtures("otp_required")
def test_a_code_after_too_many_wrong_ones_is_asked_to_wait(client, officer, device):
    device.throttling_failure_count = 3
    device.throttling_failure_timestamp = timezone.now()
    device.save()

    response = sign_in(client, officer, code=code_for(device.bin_key))

    assert response.context["form"].non_field_errors() == [
        (
            "After 3 wrong codes in a row, wait a little (each wrong code makes the wait "
            "longer), then enter the current code from your app."
        )
    ]
    assert not reaches_the_admin(client)


@pytest.mark.usefixtures("otp_required")
def test_a_failed_attempt_is_stored_without_the_password_or_the_code(client, officer, device):
    code = code_for(device.bin_key)
    client.post(
        SIGN_IN,
        {"username": officer.username, "password": "wrong-password-9", "otp_token": code},
    )

    [attempt] = AccessAttempt.objects.all()
    assert attempt.username == officer.username
    assert "wrong-password-9" not in attempt.post_data
    assert code not in attempt.post_data


@pytest.mark.usefixtures("otp_required")
def test_the_password_and_the_right_code_reach_the_admin(client, officer, device):
    response = sign_in(client, officer, device, code_for(device.bin_key))

    assert response.status_code == 302
    assert response["Location"] == ADMIN_HOME
    assert reaches_the_admin(client)


@pytest.mark.usefixtures("otp_required")
def test_an_officer_with_one_device_gives_the_password_and_the_code_in_one_go(
    client, officer, device
):
    response = sign_in(client, officer, code=code_for(device.bin_key))

    assert response.status_code == 302
    assert reaches_the_admin(client)


@pytest.mark.usefixtures("otp_required")
def test_with_two_devices_the_officer_chooses_which_the_code_is_from(client, officer, device):
    TOTPDevice.objects.create(user=officer, name="Spare phone", confirmed=True)

    response = sign_in(client, officer, code=code_for(device.bin_key))
    again = sign_in(client, officer, device, code_for(device.bin_key))

    page = response.content.decode()
    assert "Choose which authenticator app the code is from." in page_text(response)
    assert re.search(
        r'<label for="id_otp_device">Which authenticator app the code is from:</label>\s*'
        r'<select name="otp_device"',
        page,
    )
    assert re.findall(r"<option[^>]*>(.*?)</option>", page) == ["---------", "Phone", "Spare phone"]
    assert again.status_code == 302
    assert reaches_the_admin(client)


@pytest.mark.usefixtures("otp_required", "device")
def test_a_session_signed_in_with_the_password_only_reaches_neither_the_admin_nor_the_desk(
    client, officer
):
    client.force_login(officer)

    admin_home = client.get(ADMIN_HOME)
    desk = client.get(DESK)

    assert admin_home.status_code == 302
    assert admin_home["Location"].startswith(SIGN_IN)
    assert desk.status_code == 302
    assert desk["Location"].startswith(SIGN_IN)


@pytest.mark.usefixtures("otp_required")
def test_the_desk_opens_after_the_right_code(client, officer, device):
    sign_in(client, officer, device, code_for(device.bin_key))

    assert client.get(DESK).status_code == 200


def test_without_otp_required_the_password_reaches_the_admin_and_the_desk(client, officer):
    sign_in(client, officer)

    assert reaches_the_admin(client)
    assert client.get(DESK).status_code == 200


def settings_read_with(monkeypatch, **env):
    """strategy/settings.py as it reads with these environment variables."""
    for name in ("DEBUG", "SECRET_KEY", "OTP_REQUIRED"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(strategy.settings.__file__)


@pytest.mark.parametrize(
    ("env", "required"),
    [
        pytest.param({"DEBUG": "false", "SECRET_KEY": "x" * 50}, True, id="production"),
        pytest.param({"DEBUG": "true"}, False, id="local development"),
        pytest.param({"DEBUG": "true", "OTP_REQUIRED": "true"}, True, id="switched on"),
        pytest.param(
            {"DEBUG": "false", "SECRET_KEY": "x" * 50, "OTP_REQUIRED": "false"},
            False,
            id="switched off",
        ),
    ],
)
def test_the_code_is_required_in_production_unless_switched_off(monkeypatch, env, required):
    assert settings_read_with(monkeypatch, **env)["OTP_REQUIRED"] is required


def test_a_misspelt_otp_required_stops_the_start_up(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="OTP_REQUIRED must be true or false"):
        settings_read_with(monkeypatch, DEBUG="true", OTP_REQUIRED="sometimes")


def add_device(username, *args) -> str:
    out = StringIO()
    call_command("add_totp_device", username, *args, stdout=out)
    return out.getvalue()


@pytest.mark.usefixtures("otp_required")
def test_the_command_enrols_an_app_that_then_signs_in(client, officer):
    output = add_device(officer.username)

    uri = re.search(r"otpauth://totp/\S+", output).group(0)
    query = parse_qs(urlparse(uri).query)
    secret = base64.b32decode(query["secret"][0])
    device = TOTPDevice.objects.get(user=officer)
    assert device.confirmed
    assert query["issuer"] == ["Strategy tracker"]
    assert "█" in output, "a QR code to scan"
    assert sign_in(client, officer, device, code_for(secret)).status_code == 302
    assert reaches_the_admin(client)


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="There is no user “nobody”"):
        add_device("nobody")


def test_the_command_refuses_someone_who_is_not_staff(django_user_model):
    django_user_model.objects.create_user(username="member-of-public", password=PASSWORD)

    with pytest.raises(CommandError, match="is not staff"):
        add_device("member-of-public")

    assert not TOTPDevice.objects.exists()


def test_the_command_keeps_an_existing_device_unless_told_to_replace_it(officer, device):
    with pytest.raises(CommandError, match="--replace"):
        add_device(officer.username)
    assert list(TOTPDevice.objects.all()) == [device]

    add_device(officer.username, "--replace")

    [new] = TOTPDevice.objects.all()
    assert new != device
    assert new.key != device.key


def test_superusers_manage_the_devices_in_the_admin(client, superuser, officer, device):
    client.force_login(superuser)
    listed = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    client.force_login(officer)
    refused = client.get(reverse("admin:otp_totp_totpdevice_changelist"))

    assert listed.status_code == 200
    assert listed.context["cl"].result_count == 1
    assert device.key not in listed.content.decode(), "the secret is never shown again"
    assert refused.status_code == 403
