"""The API as open data: the licence and how to cite it, self-describing CSV, headers for
cross-origin clients and caches, and the bulk download (strategy/site/api/)."""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

import frictionless
import pytest
from django.utils.http import http_date
from rest_framework.authtoken.models import Token

from targets.models import Observation
from targets.publishing import withdraw
from tests.site.api_resources import API_RESOURCES

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


# Licence and citation


def test_the_api_root_names_the_licence_and_how_to_cite_beside_the_resources(client, db):
    root = client.get("/api/v1/").json()

    assert root["licence"] == {"name": "Open Government Licence v3.0", "url": OGL}
    assert "http://testserver/api/v1/" in root["how_to_cite"]
    assert "Open Government Licence v3.0" in root["how_to_cite"]
    assert root["targets"] == "http://testserver/api/v1/targets/"


def test_the_schema_names_the_licence(client, db):
    info = client.get("/api/schema/?format=json").json()["info"]

    assert info["license"] == {"name": "Open Government Licence v3.0", "url": OGL}
    assert OGL in info["description"]


@pytest.mark.parametrize("path", ["observations", "targets", "propositions"])
def test_a_csv_download_links_to_its_licence(client, seed, path):
    response = client.get(f"/api/v1/{path}/?format=csv")

    assert f'<{OGL}>; rel="license"' in response["Link"]


# Self-describing CSV


def test_a_csv_download_starts_with_a_byte_order_mark_so_excel_reads_utf_8(client, seed):
    body = client.get("/api/v1/targets/?format=csv").content

    assert body.startswith(b"\xef\xbb\xbfslug,")
    assert "£".encode() in body


def test_bom_0_leaves_the_byte_order_mark_out(client, seed):
    body = client.get("/api/v1/targets/?format=csv&bom=0").content

    assert body.startswith(b"slug,")


@pytest.mark.parametrize("value", ["no", "false", "2"])
def test_a_bom_that_is_neither_0_nor_1_is_a_400_naming_it(client, seed, value):
    response = client.get("/api/v1/observations/", {"format": "csv", "bom": value})

    assert response.status_code == 400
    assert response.json() == {"bom": ["Must be 0 or 1."]}


def test_bom_1_keeps_the_byte_order_mark(client, seed):
    body = client.get("/api/v1/targets/?format=csv&bom=1").content

    assert body.startswith("\ufeffslug,".encode())


def test_the_schema_declares_bom_wherever_csv_is_offered(client, db):
    schema = client.get("/api/schema/?format=json").json()

    for path in ("/api/v1/observations/", "/api/v1/targets/{slug}/"):
        names = [p["name"] for p in schema["paths"][path]["get"]["parameters"]]
        assert "bom" in names, path


def test_csv_numbers_are_written_as_the_json_writes_them(client, seed):
    url = "/api/v1/observations/?target=economic-activity-rate&page_size=1000"
    figures = client.get(url).json()["results"]
    rows = read_csv(client.get(url + "&format=csv"))

    header = rows[0]
    for figure, row in zip(figures, rows[1:], strict=True):
        for name in ("value", "comparator_value", "confidence_lower"):
            written = row[header.index(name)]
            assert written == ("" if figure[name] is None else json.dumps(figure[name]))
    assert rows[1][header.index("value")] == "73.46"


def test_a_list_in_a_csv_cell_is_separated_by_a_semicolon_and_a_space(client, seed):
    strategies = client.get("/api/v1/strategies/?page_size=1000").json()["results"]
    rows = read_csv(client.get("/api/v1/strategies/?format=csv"))

    header = rows[0]
    for strategy, row in zip(strategies, rows[1:], strict=True):
        assert row[header.index("aims")] == "; ".join(strategy["aims"])


def test_an_observation_carries_its_targets_slug_and_unit(client, seed):
    rows = read_csv(client.get("/api/v1/observations/?format=csv&target=jobs"))
    detail = client.get("/api/v1/targets/jobs/").json()

    header = rows[0]
    assert {row[header.index("target")] for row in rows[1:]} == {"jobs"}
    assert {row[header.index("unit")] for row in rows[1:]} == {detail["unit"]}
    assert {o["unit"] for o in detail["observations"]} == {detail["unit"]}


def read_csv(response):
    assert response.status_code == 200, response.content
    return read_csv_text(response.content.decode("utf-8-sig"))


def read_csv_text(text):
    return list(csv.reader(io.StringIO(text, newline="")))


# Cross-origin clients and caches


def test_a_script_on_another_site_may_read_the_etag_retry_after_file_name_and_licence(client, db):
    response = client.get("/api/v1/targets/", HTTP_ORIGIN="https://partner.example")

    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "retry-after", "content-disposition", "link"} <= exposed


def test_a_preflight_allows_a_conditional_get_with_if_none_match(client, db):
    response = client.options(
        "/api/v1/targets/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    allowed = {h.strip().lower() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert "if-none-match" in allowed


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/targets/", "/api/v1/targets/jobs/"])
def test_an_anonymous_read_may_be_reused_by_any_cache_for_a_minute(client, seed, path):
    first = client.get(path)
    kept = client.get(path)

    for response in (first, kept):
        assert response.status_code == 200
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}
        assert "Authorization" in response["Vary"]


def test_a_signed_in_officers_read_is_never_stored(client, seed, officer):
    client.force_login(officer)

    response = client.get("/api/v1/observations/")

    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert "public" not in response["Cache-Control"]


def test_a_read_with_a_token_is_never_stored(client, seed, officer):
    token = Token.objects.create(user=officer)

    response = client.get("/api/v1/targets/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_an_observation_says_when_it_last_changed(client, seed):
    observation = Observation.objects.filter(state=Observation.State.PUBLISHED).first()

    response = client.get(f"/api/v1/observations/{observation.pk}/")

    assert response["Last-Modified"] == http_date(observation.updated_at.timestamp())


# The bulk download


@pytest.fixture
def download(client, seed):
    response = client.get("/api/v1/download/")
    assert response.status_code == 200, response.content
    return response


def unzip(response) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def test_the_download_is_one_zip_of_every_public_table_and_a_data_package(download):
    files = unzip(download)

    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == 'attachment; filename="strategy-tracker.zip"'
    assert f'<{OGL}>; rel="license"' in download["Link"]
    assert set(files) == {f"{table}.csv" for table in API_RESOURCES} | {"datapackage.json"}


@pytest.mark.parametrize("table", API_RESOURCES)
def test_each_table_is_what_an_anonymous_reader_of_the_api_downloads(client, download, table):
    files = unzip(download)

    assert files[f"{table}.csv"] == client.get(f"/api/v1/{table}/?format=csv&bom=0").content


def test_the_download_holds_no_draft_even_for_an_officer(client, seed, officer):
    publish = Observation.objects.filter(target__slug="jobs").first()
    Observation.objects.create(
        target=publish.target,
        period_end=datetime.date(2001, 6, 30),
        period_label="A draft",
        value=Decimal(1),
        source="A draft release",
        state=Observation.State.DRAFT,
    )
    client.force_login(officer)

    observations = unzip(client.get("/api/v1/download/"))["observations.csv"].decode()

    assert "A draft release" not in observations
    assert "private" in client.get("/api/v1/download/")["Cache-Control"]


def test_the_download_holds_only_published_figures_as_the_default_list_does(client, seed, approver):
    figure = Observation.objects.get(target__slug="jobs", period_end="2019-09-30")
    withdraw([figure], approver, "Published for the wrong period.")

    rows = read_csv_text(unzip(client.get("/api/v1/download/"))["observations.csv"].decode())

    header = rows[0]
    assert {row[header.index("state")] for row in rows[1:]} == {"published"}
    assert str(figure.pk) not in {row[header.index("id")] for row in rows[1:]}


def test_the_data_package_is_valid_and_describes_every_field_and_the_licence(download, tmp_path):
    with zipfile.ZipFile(io.BytesIO(download.content)) as zipped:
        zipped.extractall(tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text())

    report = frictionless.validate(str(tmp_path / "datapackage.json"))

    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])
    assert package["licenses"][0]["path"] == OGL
    observations = next(r for r in package["resources"] if r["name"] == "observations")
    fields = {f["name"]: f for f in observations["schema"]["fields"]}
    assert fields["value"]["type"] == "number"
    assert fields["period_end"]["type"] == "date"
    assert fields["provisional"]["type"] == "boolean"
    assert fields["revisions"]["type"] == "integer"
    assert fields["revisions"]["description"].startswith("How many times")
    assert "unit" in fields["value"]
    targets = next(r for r in package["resources"] if r["name"] == "targets")
    assert {f["name"]: f["type"] for f in targets["schema"]["fields"]}["progress"] == "number"


def test_the_download_is_kept_for_the_next_anonymous_reader(
    client, download, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):  # the data version
        again = client.get("/api/v1/download/")

    assert again.content == download.content
