"""The sitemap lists every public page, and every public page offers the Atom feed.

The feed itself is tested in tests/site/test_feed.py.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from propositions.models import Proposition
from strategy.models import AreaOfStrategicImportance, Strategy
from tests.seed import LIS_TARGETS, SEED_PROPOSITIONS, SEP_TARGETS

pytestmark = pytest.mark.usefixtures("seed")

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SECTION_PAGES = [
    "/",
    "/propositions/",
    "/governance/",
    "/strategy/",
    "/timeline/",
    "/accessibility/",
]
SEED_STRATEGIES = ["north-east-lis", "north-east-sep", "uk-industrial-strategy"]
FEED_LINK = re.compile(
    re.escape('<link rel="alternate" type="application/atom+xml" title="') + '[^"]+" href="/feed/">'
)


def sitemap_paths(client) -> list[str]:
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    return [urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP}loc")]


def test_the_sitemap_lists_every_section_target_strategy_and_proposition(client):
    paths = sitemap_paths(client)

    assert paths == [
        *SECTION_PAGES,
        *[f"/targets/{slug}/" for slug in sorted(SEP_TARGETS + LIS_TARGETS)],
        *[f"/strategies/{slug}/" for slug in SEED_STRATEGIES],
        *[f"/propositions/{slug}/" for slug in sorted(SEED_PROPOSITIONS)],
    ]


def test_a_new_proposition_and_a_new_strategy_are_listed_at_once(client):
    Proposition.objects.create(
        strategy=Strategy.objects.get(slug="north-east-lis"),
        area=AreaOfStrategicImportance.objects.get(slug="energy"),
        slug="offshore-wind-skills",
        name="Offshore wind skills",
        summary="Skills for offshore wind.",
        detail="Skills for offshore wind.",
    )
    Strategy.objects.create(
        slug="tees-valley-lis",
        title="Tees Valley Local Industrial Strategy",
        kind=Strategy.Kind.LOCAL_INDUSTRIAL_STRATEGY,
        publisher="Tees Valley Combined Authority",
        status=Strategy.Status.DRAFT,
        summary="Another strategy.",
    )

    paths = sitemap_paths(client)

    assert "/propositions/offshore-wind-skills/" in paths
    assert "/strategies/tees-valley-lis/" in paths


def test_nothing_for_officers_or_partners_software_is_listed(client):
    paths = sitemap_paths(client)

    assert [path for path in paths if path.startswith(("/admin/", "/api/"))] == []


def test_every_page_listed_is_there(client):
    for path in sitemap_paths(client):
        assert client.get(path).status_code == 200, path


def test_every_public_page_offers_the_feed_in_its_head(client):
    pages = [*sitemap_paths(client), "/no-such-page/"]

    for path in pages:
        head = client.get(path).content.decode().split("</head>")[0]
        assert len(FEED_LINK.findall(head)) == 1, path
