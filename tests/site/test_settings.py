"""Settings come from the environment, and bad configuration stops the start-up."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from strategy.settings import env_bool, env_list


def test_a_secret_key_is_required_when_debug_is_off(settings_under):
    result = settings_under(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings_start_with_a_secret_key(settings_under):
    result = settings_under(DEBUG="false", SECRET_KEY="x" * 50)

    assert result.returncode == 0, result.stderr


def test_a_misspelt_debug_value_is_refused(settings_under):
    result = settings_under(DEBUG="ture")

    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'ture'." in result.stderr


def test_database_url_selects_postgresql(settings_under):
    result = settings_under(DEBUG="true", DATABASE_URL="postgres://app:pw@db.example:5433/tracker")

    assert result.returncode == 0, result.stderr
    database = result["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "tracker"
    assert database["PORT"] == 5433


def test_without_database_url_the_site_uses_sqlite_in_the_project_folder(
    monkeypatch, settings_under
):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = settings_under(DEBUG="true")

    assert result.returncode == 0, result.stderr
    database = result["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(settings.BASE_DIR / "db.sqlite3")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("1", True), ("On", True), ("false", False), ("0", False), ("", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)

    assert env_bool("SOME_FLAG", default=not expected) is expected


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG", default=False)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " tracker.example.org, ,localhost ")

    assert env_list("ALLOWED_HOSTS") == ["tracker.example.org", "localhost"]


def test_production_keeps_database_connections_and_development_does_not(settings_under):
    production = settings_under(DEBUG="false", SECRET_KEY="x" * 50)
    development = settings_under(DEBUG="true")
    chosen = settings_under(DEBUG="false", SECRET_KEY="x" * 50, CONN_MAX_AGE="5")

    assert production["DATABASES"]["default"]["CONN_MAX_AGE"] == 600
    assert production["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
    assert development["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    assert chosen["DATABASES"]["default"]["CONN_MAX_AGE"] == 5


def test_a_connection_age_that_is_not_a_number_stops_the_start_up(settings_under):
    result = settings_under(DEBUG="true", CONN_MAX_AGE="forever")

    assert result.returncode != 0
    assert "CONN_MAX_AGE must be a whole number of at least 0, not 'forever'." in result.stderr


@pytest.mark.parametrize("name", ["CACHE_MAX_ENTRIES", "RESPONSE_CACHE_MAX_ENTRIES"])
@pytest.mark.parametrize("raw", ["lots", "0"])
def test_a_cache_size_that_is_not_a_positive_number_stops_the_start_up(name, raw, settings_under):
    result = settings_under(DEBUG="true", **{name: raw})

    assert result.returncode != 0
    assert f"{name} must be a whole number of at least 1, not {raw!r}." in result.stderr
