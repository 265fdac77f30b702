"""The API as open data: the licence and how to cite it, self-describing CSV, headers for
cross-origin clients and caches, and the bulk download (strategy/site/api/)."""

import pytest

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
