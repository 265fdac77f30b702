"""Production settings pass Django's deployment check, and weakening one fails it.

Each test runs manage.py in a fresh interpreter with exactly a production environment, as
`make serve` would: the suite itself runs with DEBUG on.
"""

import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from tests.site.environment import inherited_env


def production_env(**changes) -> dict[str, str]:
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        **changes,
    }


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=inherited_env(**env),
        capture_output=True,
        text=True,
        check=False,
    )


def deploy_check(env) -> subprocess.CompletedProcess:
    return manage("check", "--deploy", "--fail-level", "WARNING", env=env)


def test_the_deploy_check_reports_nothing_with_production_settings():
    result = deploy_check(production_env())

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_a_short_secret_key_fails_the_deploy_check():
    result = deploy_check(production_env(SECRET_KEY="too-short-to-be-secret"))

    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_turning_off_the_https_redirect_fails_the_deploy_check():
    result = deploy_check(production_env(SECURE_SSL_REDIRECT="false"))

    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_production_serves_compressed_static_files_under_hashed_names(settings_under):
    storages = settings_under(**production_env())["STORAGES"]

    assert storages["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_debug_serves_static_files_under_their_plain_names(settings_under):
    storages = settings_under(**production_env(DEBUG="true"))["STORAGES"]

    assert storages["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_production_trusts_the_proxy_to_say_the_visitor_came_over_https(settings_under):
    production = settings_under(**production_env())

    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production["SECURE_SSL_REDIRECT"] is True


def test_csrf_trusted_origins_are_read_from_the_environment(settings_under):
    env = production_env(CSRF_TRUSTED_ORIGINS="https://tracker.example.org, https://*.example.org")

    assert settings_under(**env)["CSRF_TRUSTED_ORIGINS"] == [
        "https://tracker.example.org",
        "https://*.example.org",
    ]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "CSRF_TRUSTED_ORIGINS",
            "tracker.example.org",
            (
                "CSRF_TRUSTED_ORIGINS must list origins such as https://tracker.example.org, "
                "not 'tracker.example.org'."
            ),
        ),
        ("SECURE_SSL_REDIRECT", "sometimes", "SECURE_SSL_REDIRECT must be true or false"),
    ],
)
def test_a_bad_production_setting_stops_the_start_up(name, value, message):
    result = manage("check", env=production_env(**{name: value}))

    assert result.returncode != 0
    assert message in result.stderr
