"""Every response the site gives carries the security headers, under production settings:
every URL pattern of the project, filled from the seed, and the kinds of response that
no pattern names (a static file served by WhiteNoise, a 404).

The suite runs with DEBUG on, so the settings that production sets differently are read
from strategy/settings.py in a fresh interpreter with a production environment and put in
place for these tests. Requests arrive as from the TLS-terminating proxy (X-Forwarded-Proto:
https), so HSTS is due on every one.
"""

import secrets
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.regex_helper import normalize
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import GovernanceBody, Meeting, Organisation, TimelineEntry
from propositions.models import Proposition
from strategy.models import AreaOfStrategicImportance, GrandChallenge, SectorDeal, Strategy
from targets.models import Observation, PublishedAssessment, Target
from tests.conftest import PASSWORD

HSTS = "max-age=31536000; includeSubDomains; preload"


@pytest.fixture(scope="module")
def production_settings(settings_under) -> dict:
    """What production sets differently from the tests' DEBUG settings.

    Except the static files storage: the manifest storage needs collectstatic, so the
    tests keep serving the apps' files under their plain names (STACK.md); and the
    database connection, which stays the test database's (production only keeps it open
    longer, which sets no header)."""
    debug = settings_under(DEBUG="true").values
    production = settings_under(
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="testserver"
    ).values
    different = {
        name: value
        for name, value in production.items()
        if debug.get(name) != value and name not in {"STORAGES", "DATABASES"}
    }
    unportable = [name for name, value in different.items() if "not JSON" in str(value)]
    assert unportable == [], f"production settings these tests cannot reproduce: {unportable}"
    return different


@pytest.fixture
def production(settings, production_settings):
    """Production settings, and WhiteNoise serving from the apps' static folders, as
    collectstatic has not run; the cache (and with it the API's rate limit) starts empty."""
    for name, value in production_settings.items():
        setattr(settings, name, value)
    settings.WHITENOISE_USE_FINDERS = True
    cache.clear()
    yield settings
    cache.clear()


def through_the_proxy() -> Client:
    """A client whose requests reach Django as the TLS-terminating proxy passes them on.
    Made after the settings change: the middleware reads its settings when it is built."""
    return Client(headers={"X-Forwarded-Proto": "https"})


def sign_in(client: Client, user) -> None:
    """Through the admin's own form: the password and, as production asks, a code."""
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    response = client.post(
        "/admin/login/",
        {
            "username": user.username,
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": f"{totp(device.bin_key):06d}",
            "next": "/admin/",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def policy(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    directives = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {directive[0]: directive[1] if len(directive) > 1 else "" for directive in directives}


def security_problems(response) -> list[str]:
    """What a response lacks of the promised headers and cookie flags."""
    problems = []
    expected = {
        "Strict-Transport-Security": HSTS,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }
    for header, value in expected.items():
        if response.get(header) != value:
            problems.append(f"{header} is {response.get(header)!r}, not {value!r}")
    csp = policy(response)
    for directive, value in {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
    }.items():
        if csp.get(directive) != value:
            problems.append(f"Content-Security-Policy {directive} is {csp.get(directive)!r}")
    for keyword in ("'unsafe-inline'", "'unsafe-eval'"):
        if keyword in response.get("Content-Security-Policy", ""):
            problems.append(f"Content-Security-Policy allows {keyword}")
    for name, cookie in response.cookies.items():
        if not cookie.value:  # a deletion: it carries nothing
            continue
        if not cookie["secure"]:
            problems.append(f"cookie {name} is not Secure")
        if not cookie["httponly"]:
            problems.append(f"cookie {name} is not HttpOnly")
        if cookie["samesite"] != "Lax":
            problems.append(f"cookie {name} is SameSite={cookie['samesite']!r}")
    return problems


@dataclass
class Route:
    levels: tuple  # the patterns from the root URLconf down to this one
    name: str | None  # with its namespace, e.g. "admin:targets_target_change"

    @property
    def route(self) -> str:
        parts = [str(level.pattern) for level in self.levels]
        return parts[0] + "".join(part.removeprefix("^") for part in parts[1:])

    def path(self, values: dict[str, str]) -> str:
        """The address, each parameter given its value as the pattern's converter writes it
        (a positional group is `_0`, `_1`...)."""
        path = "/"
        for level in self.levels:
            (template, params), *_ = normalize(level.pattern.regex.pattern)
            converters = getattr(level.pattern, "converters", {})
            path += template % {
                param: converters[param].to_url(values[param])
                if param in converters
                else str(values[param])
                for param in params
            }
        return path


def every_route(patterns=None, levels=(), namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner:
                inner = f"{namespace}:{inner}" if namespace else inner
            yield from every_route(pattern.url_patterns, (*levels, pattern), inner or namespace)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield Route((*levels, pattern), name)


def admin_values(route: Route) -> dict:
    """The admin's parameters: an object of the model whose pages these are, and an old
    version of it."""
    parts = str(route.levels[1].pattern).strip("/").split("/")
    if len(parts) != 2:
        return {}
    model = apps.get_model(*parts)
    obj = model._default_manager.order_by("pk").first()
    object_id = obj.pk if obj is not None else 1
    # The seed is loaded as a fixture, which records no history: an old version that is not
    # there is an answer too.
    version = model.history.filter(pk=object_id).first() if hasattr(model, "history") else None
    return {
        "object_id": object_id,
        "id": object_id,
        "pk": object_id,
        "_0": object_id,
        "_1": version.history_id if version is not None else 1,
    }


def seed_values() -> dict[str, dict]:
    """A real record of the seed for every named pattern that takes one."""
    target = Target.objects.get(slug="gva-per-hour-worked")
    slugs = {
        "strategies-detail": Strategy.objects.get(slug="north-east-sep").slug,
        "grand-challenges-detail": GrandChallenge.objects.order_by("pk")[0].slug,
        "sector-deals-detail": SectorDeal.objects.order_by("pk")[0].slug,
        "areas-detail": AreaOfStrategicImportance.objects.order_by("pk")[0].slug,
        "targets-detail": target.slug,
        "propositions-detail": Proposition.objects.order_by("pk")[0].slug,
        "organisations-detail": Organisation.objects.order_by("pk")[0].slug,
        "governance-bodies-detail": GovernanceBody.objects.order_by("pk")[0].slug,
        "targets:detail": target.slug,
        "targets:dashboard": "north-east-lis",
        "propositions:detail": "battery-innovation-hub",
    }
    pks = {
        "observations-detail": Observation.objects.published().order_by("pk")[0].pk,
        "observations-withdraw": Observation.objects.published().order_by("pk")[0].pk,
        "assessments-detail": PublishedAssessment.objects.published().order_by("pk")[0].pk,
        "assessments-withdraw": PublishedAssessment.objects.published().order_by("pk")[0].pk,
        "meetings-detail": Meeting.objects.order_by("pk")[0].pk,
        "milestones-detail": TimelineEntry.objects.order_by("pk")[0].pk,
    }
    return {
        **{name: {"slug": slug} for name, slug in slugs.items()},
        **{name: {"pk": pk} for name, pk in pks.items()},
        "targets:chart": {"slug": target.slug, "name": "levels", "extension": "svg"},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(Target).pk,
            "object_id": target.pk,
        },
    }


# Parameters that mean the same wherever they appear.
COMMON_VALUES = {"format": "json", "app_label": "targets", "url": "no-such-page/"}


def every_address() -> list[str]:
    """One address for every URL pattern, checked to resolve to that very pattern; and the
    CSV of every API list."""
    by_name = seed_values()
    addresses = []
    for route in every_route():
        values = {**COMMON_VALUES, **by_name.get(route.name, {})}
        if str(route.levels[0].pattern) == "admin/" and len(route.levels) > 2:
            values.update(admin_values(route))
        try:
            path = route.path(values)
        except KeyError as missing:
            pytest.fail(f"no example value of {missing} for {route.route} ({route.name})")
        assert resolve(path).route == route.route, (path, route.route)
        addresses.append(path)
        if route.name and route.name.endswith("-list") and "format" not in path:
            addresses.append(path + "?format=csv")
    return addresses


@pytest.mark.usefixtures("seed", "production")
@pytest.mark.parametrize("visitor", ["anonymous", "signed-in"])
def test_every_url_pattern_answers_with_the_security_headers(visitor, superuser):
    client = through_the_proxy()
    if visitor == "signed-in":
        sign_in(client, superuser)
    answers = {path: client.get(path) for path in every_address()}

    problems = {path: security_problems(response) for path, response in answers.items()}
    assert {path: found for path, found in problems.items() if found} == {}
    assert [path for path, response in answers.items() if response.status_code >= 500] == []
    assert len(answers) > 250


@pytest.mark.usefixtures("seed", "production")
@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        pytest.param("/", 200, "text/html", id="page"),
        pytest.param("/targets/jobs/", 200, "text/html", id="target page"),
        pytest.param("/api/v1/targets/", 200, "application/json", id="API JSON"),
        pytest.param("/api/v1/observations/?format=csv", 200, "text/csv", id="API CSV"),
        pytest.param("/api/v1/no-such-resource/", 404, "application/json", id="API 404"),
        pytest.param("/api/schema/", 200, "application/vnd.oai.openapi", id="OpenAPI"),
        pytest.param("/api/docs/", 200, "text/html", id="API docs"),
        pytest.param("/api/docs/?script=", 200, "application/javascript", id="API docs script"),
        pytest.param("/feed/", 200, "application/atom+xml", id="feed"),
        pytest.param("/sitemap.xml", 200, "application/xml", id="sitemap"),
        pytest.param("/targets/jobs/charts/levels.svg", 200, "image/svg+xml", id="chart"),
        pytest.param("/static/tracker/tracker.css", 200, "text/css", id="static via WhiteNoise"),
        pytest.param("/static/tracker/favicon.svg", 200, "image/svg+xml", id="static SVG"),
        pytest.param("/no-such-page/", 404, "text/html", id="404"),
        pytest.param("/admin/login/", 200, "text/html", id="admin sign-in"),
    ],
)
def test_each_kind_of_response_has_the_security_headers(path, status, content_type):
    response = through_the_proxy().get(path)

    assert response.status_code == status
    assert response["Content-Type"].startswith(content_type)
    assert security_problems(response) == []


@pytest.mark.usefixtures("production")
def test_static_files_come_from_whitenoise_not_from_django(client):
    response = through_the_proxy().get("/static/tracker/tracker.css")

    # WhiteNoise answers before Django's own handlers: a file response, not a rendered one.
    assert response.streaming
    assert security_problems(response) == []


@pytest.mark.usefixtures("seed", "production")
def test_signing_in_sets_only_secure_http_only_same_site_cookies(officer):
    client = through_the_proxy()
    sign_in_page = client.get("/admin/login/")
    response = sign_in(client, officer)

    assert set(sign_in_page.cookies) == {"csrftoken"}
    assert {"sessionid", "csrftoken"} <= set(response.cookies)
    assert security_problems(sign_in_page) == []
    assert security_problems(response) == []


@pytest.mark.usefixtures("production")
def test_a_plain_http_request_is_redirected_to_https_and_gets_no_hsts():
    response = Client().get("/targets/jobs/?x=1")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/targets/jobs/?x=1"
    assert "Strict-Transport-Security" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert policy(response)["object-src"] == "'none'"


@pytest.mark.usefixtures("production")
@pytest.mark.parametrize(
    ("setting", "value", "problem"),
    [
        ("SECURE_HSTS_PRELOAD", False, "Strict-Transport-Security is"),
        ("SECURE_CONTENT_TYPE_NOSNIFF", False, "X-Content-Type-Options is None"),
        ("SECURE_REFERRER_POLICY", None, "Referrer-Policy is None"),
        ("CSRF_COOKIE_SECURE", False, "cookie csrftoken is not Secure"),
        ("CSRF_COOKIE_HTTPONLY", False, "cookie csrftoken is not HttpOnly"),
        ("CSRF_COOKIE_SAMESITE", None, "cookie csrftoken is SameSite=''"),
        (
            "CONTENT_SECURITY_POLICY",
            {
                "DIRECTIVES": {
                    "default-src": ["'self'"],
                    "script-src": ["'self'", "'unsafe-inline'"],
                }
            },
            "Content-Security-Policy object-src is None",
        ),
        (
            "MIDDLEWARE",
            [m for m in django_settings.MIDDLEWARE if m != "csp.middleware.CSPMiddleware"],
            "Content-Security-Policy base-uri is None",
        ),
    ],
)
def test_the_check_notices_a_weakened_setting(settings, setting, value, problem):
    setattr(settings, setting, value)

    response = through_the_proxy().get("/admin/login/")

    assert any(found.startswith(problem) for found in security_problems(response))
