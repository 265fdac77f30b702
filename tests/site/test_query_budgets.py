"""Every public page and API list costs the same number of SQL queries whatever the size
of the data: with the seed alone, and with ten and a hundred times as much beside it."""

import random

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from propositions.management.commands.generate_load_data import build_estate

PAGES = [
    "/",
    "/strategies/load-lep-01/",
    "/targets/jobs/",
    "/targets/load-lep-01-target-04/",
    "/targets/load-lep-01-target-04/charts/gap.svg",
    "/propositions/",
    # A filter that matches at every scale: an empty list needs no query for its page.
    "/propositions/?area=load-area-1&status=funded",
    "/propositions/battery-innovation-hub/",
    "/propositions/load-proposition-0001/",
    "/governance/",
    "/strategy/",
    "/timeline/",
    "/feed/",
    "/sitemap.xml",
    "/healthz",
]
API_LISTS = [
    "/api/v1/strategies/",
    "/api/v1/grand-challenges/",
    "/api/v1/sector-deals/",
    "/api/v1/areas/",
    "/api/v1/targets/",
    "/api/v1/targets/?status=off_track",
    "/api/v1/targets/jobs/",
    "/api/v1/observations/",
    "/api/v1/observations/?page_size=1000",
    "/api/v1/observations/?format=csv&target=load-lep-01-target-01",
    "/api/v1/assessments/",
    "/api/v1/propositions/",
    "/api/v1/propositions/?search=battery",
    "/api/v1/organisations/",
    "/api/v1/governance-bodies/",
    "/api/v1/meetings/",
    "/api/v1/milestones/",
]
URLS = PAGES + API_LISTS


def queries_per_url(client) -> dict[str, tuple[int, int]]:
    """(queries with nothing cached, queries again with the standings and charts kept) for
    each URL, rendered both times: a kept response costs one query, whatever the URL."""
    counts = {}
    for url in URLS:
        cache.clear()
        caches["responses"].clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(url)
        assert response.status_code == 200, url
        caches["responses"].clear()
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        counts[url] = (len(cold), len(warm))
    return counts


def estate(scale: int) -> None:
    """`scale` times the seed (8 targets, 22 figures, 11 propositions), as load strategies."""
    build_estate(
        random.Random(scale),
        strategies=scale,
        targets=8,
        years=1,
        propositions=11 * scale,
        milestones=1,
        updates=1,
    )


@pytest.fixture
def seed_sized_estate(seed):
    """The smallest estate with every page of the URLs above: the seed and one load LEP."""
    estate(1)


def test_queries_do_not_grow_with_ten_or_a_hundred_times_the_data(client, seed_sized_estate):
    small = queries_per_url(client)
    estate(9)  # ten times the seed's targets and propositions in all
    ten = queries_per_url(client)
    estate(90)  # and a hundred

    hundred = queries_per_url(client)

    assert ten == small
    assert hundred == small
