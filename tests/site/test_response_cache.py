"""Anonymous readers get kept responses, and every change to the published data shows at
once: in this process, and in every other worker once it commits."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.authtoken.models import Token
from rest_framework.routers import DefaultRouter

from propositions.models import Proposition
from strategy import data_version
from strategy.api import StrategySerializer
from strategy.data_version import VERSION_KEY, replace_data_version
from strategy.models import GrandChallenge, Strategy
from strategy.site import response_cache
from strategy.site.api.caching import with_kept_reads
from strategy.site.response_cache import cached_response
from targets.models import Observation
from targets.publishing import publish
from tests.targets.test_standings import new_jobs_figure

pytestmark = pytest.mark.usefixtures("seed")

PAGES = [
    "/",
    "/targets/jobs/",
    "/targets/jobs/charts/levels.svg",
    "/propositions/",
    "/propositions/?area=advanced-manufacturing",
    "/propositions/made-smarter/",
    "/governance/",
    "/strategy/",
    "/timeline/",
    "/accessibility/",
    "/feed/",
    "/sitemap.xml",
]
API_READS = [
    "/api/v1/targets/",
    "/api/v1/targets/jobs/",
    "/api/v1/observations/?page_size=1000",
    "/api/v1/observations/?format=csv&target=jobs",
    "/api/v1/propositions/",
    "/api/v1/governance-bodies/",
    "/api/v1/strategies/",
]


def queries_to_get(client, url, **headers) -> int:
    """1 for a kept response (the data version); more when it is made afresh."""
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **headers)
    return len(queries)


def latest_jobs_figure() -> Observation:
    return Observation.objects.filter(target__slug="jobs", state="published").latest("period_end")


@pytest.mark.parametrize("url", PAGES + API_READS)
def test_a_second_anonymous_read_is_the_kept_response_for_one_query(
    client, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200

    with django_assert_num_queries(1):  # the data version
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", ["/", "/api/v1/targets/"])
def test_a_kept_response_still_gets_every_security_header(client, url):
    client.get(url)

    kept = client.get(url, HTTP_ORIGIN="https://partner.example.org")

    assert "object-src 'none'" in kept["Content-Security-Policy"]
    assert kept["X-Content-Type-Options"] == "nosniff"
    assert kept["Referrer-Policy"]
    assert kept["X-Frame-Options"] == "DENY"
    assert "Cookie" in kept["Vary"]
    if url.startswith("/api/"):
        assert kept["Access-Control-Allow-Origin"] == "*"


def test_a_kept_response_answers_304_to_its_etag(client):
    etag = client.get("/targets/jobs/")["ETag"]

    assert client.get("/targets/jobs/", HTTP_IF_NONE_MATCH=etag).status_code == 304


# A change shows at once


def test_publishing_a_figure_shows_at_once_on_the_pages_and_in_the_api(client, approver):
    for url in ["/", "/targets/jobs/", "/api/v1/targets/jobs/", "/feed/"]:
        client.get(url)

    publish([new_jobs_figure()], approver)

    assert "920,000" in client.get("/").content.decode()
    assert "920,000" in client.get("/targets/jobs/").content.decode()
    assert client.get("/api/v1/targets/jobs/").json()["status"] == "met"
    assert "Apr 2023-Mar 2024" in client.get("/feed/").content.decode()


def test_a_draft_changes_what_is_shown_not_at_all(client):
    before = client.get("/targets/jobs/").content

    new_jobs_figure()

    assert client.get("/targets/jobs/").content == before


def test_changing_a_published_figure_shows_at_once(client):
    figure = latest_jobs_figure()
    client.get("/api/v1/observations/?format=csv&target=jobs")

    figure.value = Decimal(812345)
    figure.save()

    assert "812345" in client.get("/api/v1/observations/?format=csv&target=jobs").content.decode()


def test_deleting_a_published_figure_shows_at_once(client):
    figure = latest_jobs_figure()
    url = f"/api/v1/observations/{figure.pk}/"
    assert client.get(url).status_code == 200

    figure.delete()

    assert client.get(url).status_code == 404


def test_a_many_to_many_change_shows_at_once(client):
    proposition = Proposition.objects.get(slug="made-smarter")
    url = "/api/v1/propositions/made-smarter/"
    before = set(client.get(url).json()["grand_challenges"])
    added = GrandChallenge.objects.exclude(slug__in=before).first()

    proposition.grand_challenges.add(added)

    assert set(client.get(url).json()["grand_challenges"]) == before | {added.slug}


def test_a_change_another_worker_committed_shows_at_once(client):
    # Another worker's change reaches this one only through the data version in the
    # database: a write with update() sends no signal here, as a write elsewhere would not.
    figure = latest_jobs_figure()
    client.get("/targets/jobs/")
    Observation.objects.filter(pk=figure.pk).update(value=Decimal(876543))
    assert "876,543" not in client.get("/targets/jobs/").content.decode()  # still kept

    replace_data_version()  # what the other worker does once its change commits

    assert "876,543" in client.get("/targets/jobs/").content.decode()


def test_other_workers_get_a_new_version_only_once_the_change_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    replaced = []
    monkeypatch.setattr(
        data_version, "replace_data_version", lambda: replaced.append("new version")
    )
    shared = caches["shared"].get(VERSION_KEY)

    with django_capture_on_commit_callbacks(execute=True):
        figure = latest_jobs_figure()
        for value in (1, 2, 3):
            figure.value = Decimal(value)
            figure.save()
        assert replaced == []  # not before the commit: the data is not there yet for them
        assert caches["shared"].get(VERSION_KEY) == shared

    assert replaced == ["new version"]  # once for the whole transaction


def test_a_new_day_renders_afresh(client, monkeypatch):
    client.get("/")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    assert data_version.data_version().endswith(f"{tomorrow:%Y%m%d}")
    assert queries_to_get(client, "/") > 1
    assert queries_to_get(client, "/") == 1


def test_the_shared_version_is_made_again_if_the_cache_is_emptied(client):
    client.get("/")
    caches["shared"].clear()

    assert client.get("/").status_code == 200
    assert caches["shared"].get(VERSION_KEY)


# Who gets kept responses


@pytest.mark.parametrize("url", ["/targets/jobs/", "/api/v1/observations/?target=jobs"])
def test_a_signed_in_officer_is_answered_afresh_and_leaves_nothing_kept(client, officer, url):
    client.force_login(officer)
    client.get(url)

    assert queries_to_get(client, url) > 1
    client.logout()
    assert queries_to_get(client, url) > 1  # nothing the officer was given
    assert queries_to_get(client, url) == 1


def test_an_api_token_is_answered_afresh_and_sees_its_drafts(officer, client):
    client.get("/api/v1/observations/?target=jobs&state=draft")
    new_jobs_figure()
    token = Token.objects.create(user=officer)
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    first = client.get("/api/v1/observations/?target=jobs&state=draft", **headers).json()
    anonymous = client.get("/api/v1/observations/?target=jobs&state=draft").json()

    assert first["count"] == 1
    assert anonymous["count"] == 0


def test_the_api_keeps_each_format_apart(client):
    as_csv = client.get("/api/v1/targets/", HTTP_ACCEPT="text/csv")
    as_json = client.get("/api/v1/targets/", HTTP_ACCEPT="application/json")

    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_json["Content-Type"] == "application/json"
    assert client.get("/api/v1/targets/", HTTP_ACCEPT="text/csv").content == as_csv.content


def test_links_keep_the_scheme_and_host_they_were_asked_for(client):
    url = "/api/v1/observations/?page_size=1"
    plain = client.get(url).json()["next"]
    secure = client.get(url, HTTP_X_FORWARDED_PROTO="https").json()["next"]
    other_host = client.get(url, HTTP_HOST="localhost").json()["next"]

    assert plain.startswith("http://testserver/")
    assert secure.startswith("https://testserver")
    assert other_host.startswith("http://localhost/")


@pytest.mark.parametrize("url", ["/targets/no-such-target/", "/propositions/?area=space"])
def test_an_error_is_not_kept(client, url):
    assert client.get(url).status_code in (400, 404)

    assert queries_to_get(client, url) > 1


def respond_twice(request, make_response) -> list[HttpResponse]:
    return [cached_response(request, lambda: make_response(request)) for _ in range(2)]


def fresh(request) -> HttpResponse:
    return HttpResponse(f"made at {timezone.now().isoformat()}")


def with_cookie(request) -> HttpResponse:
    response = fresh(request)
    response.set_cookie("reader", "someone")
    return response


def private(request) -> HttpResponse:
    response = fresh(request)
    response["Cache-Control"] = "private"
    return response


def with_csrf_token(request) -> HttpResponse:
    return HttpResponse(f"<input value='{get_token(request)}'> {timezone.now().isoformat()}")


def too_large(request) -> HttpResponse:
    return HttpResponse(b"x" * (response_cache.MAX_KEPT_BYTES + 1) + fresh(request).content)


@pytest.mark.parametrize("make_response", [with_cookie, private, with_csrf_token, too_large])
def test_a_response_meant_for_one_reader_or_too_large_is_not_kept(make_response):
    first, second = respond_twice(RequestFactory().get("/"), make_response)

    assert first.content != second.content


def test_a_plain_public_response_is_kept():
    first, second = respond_twice(RequestFactory().get("/"), fresh)

    assert first.content == second.content


def test_only_reads_are_kept():
    first, second = respond_twice(RequestFactory().post("/"), fresh)

    assert first.content != second.content


def test_an_apps_schema_declarations_on_its_reads_survive_the_sites_caching():
    class Described(viewsets.ReadOnlyModelViewSet):
        queryset = Strategy.objects.all()
        serializer_class = StrategySerializer
        lookup_field = "slug"
        ordering_fields = ("slug",)

        @extend_schema(description="Said by the app.")
        def list(self, request, *args, **kwargs):
            return super().list(request, *args, **kwargs)

    router = DefaultRouter()
    router.register("described", with_kept_reads(Described), basename="described")
    schema = SchemaGenerator(patterns=router.urls).get_schema(request=None, public=True)

    assert schema["paths"]["/described/"]["get"]["description"] == "Said by the app."
