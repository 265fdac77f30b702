"""/healthz tells a load balancer whether this process can serve: it reaches the database."""

import socket
from contextlib import contextmanager

import pytest
from django.db import connections
from django.db.utils import load_backend

pytestmark = pytest.mark.django_db


@contextmanager
def unreachable_database():
    """The default database alias pointed at a database that cannot be reached.

    A real connection failure: PostgreSQL at a port nobody listens on, or an SQLite file in
    a folder that does not exist. The test's own connection is put back afterwards.
    """
    original = connections["default"]
    broken_settings = {**original.settings_dict}
    if original.vendor == "postgresql":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        broken_settings.update(
            HOST="127.0.0.1", PORT=closed_port, OPTIONS={"connect_timeout": 2}, CONN_MAX_AGE=0
        )
    else:
        broken_settings["NAME"] = "/nonexistent-folder/db.sqlite3"
    broken = load_backend(broken_settings["ENGINE"]).DatabaseWrapper(broken_settings, "default")
    connections["default"] = broken
    try:
        yield
    finally:
        connections["default"] = original
        broken.close()


def test_it_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_when_the_database_cannot_be_reached(client):
    with unreachable_database():
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_it_asks_the_database_exactly_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/healthz")


def test_it_is_never_cached_and_sets_no_cookie(client):
    response = client.get("/healthz")

    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert not response.has_header("Set-Cookie")


def test_the_address_has_no_trailing_slash_and_is_not_redirected(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz/").status_code == 404


def test_it_answers_plain_http_in_production_rather_than_redirecting(client, settings):
    """The balancer checks gunicorn directly, over http, with no X-Forwarded-Proto."""
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    assert client.get("/accessibility/").status_code == 301


def test_it_only_reads(client):
    assert client.post("/healthz").status_code == 405
