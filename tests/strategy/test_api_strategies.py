"""/api/v1/strategies/, grand-challenges/, sector-deals/ and areas/: the seed's strategies
and what they are built from, their filters, CSV, ordering, pages, writes refused and
query budgets."""

import csv
import io

import pytest

from strategy.models import (
    Area,
    AreaOfStrategicImportance,
    GrandChallenge,
    GrandChallengePriority,
    SectorDeal,
    SectorDealCommitment,
    Strategy,
    StrategyAim,
)
from tests.seed import AREA_CODES

pytestmark = pytest.mark.usefixtures("seed")

STRATEGY_FIELDS = [
    "slug",
    "title",
    "short_title",
    "kind",
    "publisher",
    "status",
    "published_on",
    "published_on_precision",
    "start_year",
    "end_year",
    "summary",
    "vision",
    "aims",
    "aligns_to",
    "alignment",
    "area_name",
    "area_codes",
    "area",
    "url",
]
# A CSV has a column for each field of the strategy's area.
STRATEGY_COLUMNS = [
    *STRATEGY_FIELDS[: STRATEGY_FIELDS.index("area")],
    *(f"area.{name}" for name in ("name", "code", "kind", "parts", "excluding")),
    "url",
]
NORTH_EAST_LEP_AREA = {
    "name": "North East LEP area",
    "code": "E37000025",
    "kind": "lep_area",
    "parts": AREA_CODES,
    "excluding": [],
}
GRAND_CHALLENGE_FIELDS = ["slug", "name", "ambition", "strategy", "priorities"]
SECTOR_DEAL_FIELDS = ["slug", "name", "summary", "strategy", "commitments"]
AREA_FIELDS = ["slug", "name", "description", "strategy", "grand_challenges", "sector_deals"]

SEED_STRATEGIES = ["north-east-sep", "north-east-lis", "uk-industrial-strategy"]
SEED_GRAND_CHALLENGES = [
    "ai-and-data-economy",
    "clean-growth",
    "future-of-mobility",
    "ageing-society",
]
SEED_SECTOR_DEALS = [
    "aerospace",
    "artificial-intelligence",
    "automotive",
    "construction",
    "creative-industries",
    "life-sciences",
    "nuclear",
    "offshore-wind",
    "rail",
    "tourism",
]
SEED_AREAS = ["digital", "advanced-manufacturing", "health-and-life-sciences", "energy"]
NOT_A_SLUG = "not a slug!"
NOT_A_SLUG_ERROR = ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."]


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def uk_industrial_strategy() -> Strategy:
    return Strategy.objects.get(slug="uk-industrial-strategy")


def add_strategies(count: int) -> None:
    """Strategies aligned to another, with aims and an area of their own: every join a
    list makes."""
    gateshead = Area.objects.get(code="E08000037")
    for n in range(count):
        area = Area.objects.create(name=f"Area {n}", code=f"E370009{n:02d}", kind="lep_area")
        area.parts.set([gateshead])
        strategy = Strategy.objects.create(
            area=area,
            slug=f"extra-plan-{n}",
            title=f"Extra plan {n}",
            kind=Strategy.Kind.OTHER,
            publisher="Test LEP",
            status=Strategy.Status.DRAFT,
            summary="A plan for tests.",
            aligns_to=uk_industrial_strategy(),
            order=10 + n,
        )
        StrategyAim.objects.bulk_create(
            StrategyAim(strategy=strategy, text=f"Aim {i}", order=i) for i in range(2)
        )


def add_grand_challenges(count: int) -> None:
    for n in range(count):
        challenge = GrandChallenge.objects.create(
            strategy=uk_industrial_strategy(), slug=f"extra-challenge-{n}", name=f"Challenge {n}"
        )
        GrandChallengePriority.objects.bulk_create(
            GrandChallengePriority(grand_challenge=challenge, text=f"Priority {i}")
            for i in range(2)
        )


def add_sector_deals(count: int) -> None:
    for n in range(count):
        deal = SectorDeal.objects.create(
            strategy=uk_industrial_strategy(), slug=f"extra-deal-{n}", name=f"Deal {n}"
        )
        SectorDealCommitment.objects.bulk_create(
            SectorDealCommitment(sector_deal=deal, text=f"Commitment {i}") for i in range(2)
        )


def add_areas(count: int) -> None:
    plan = Strategy.objects.get(slug="north-east-sep")
    challenges = list(GrandChallenge.objects.all()[:2])
    deals = list(SectorDeal.objects.all()[:2])
    for n in range(count):
        area = AreaOfStrategicImportance.objects.create(
            strategy=plan, slug=f"extra-area-{n}", name=f"Area {n}", order=10 + n
        )
        area.grand_challenges.set(challenges)
        area.sector_deals.set(deals)


# Strategies


def test_the_strategies_are_listed_in_their_order(client):
    response = client.get("/api/v1/strategies/")

    assert slugs(response) == SEED_STRATEGIES
    assert response.json()["count"] == 3
    assert list(response.json()["results"][0]) == STRATEGY_FIELDS


def test_a_strategy_is_read_by_its_slug_with_its_aims_and_what_it_aligns_to(client):
    response = client.get("/api/v1/strategies/north-east-lis/")

    assert response.status_code == 200
    lis = response.json()
    assert list(lis) == STRATEGY_FIELDS
    assert {
        name: lis[name] for name in STRATEGY_FIELDS if name not in {"summary", "alignment"}
    } == {
        "slug": "north-east-lis",
        "title": "North East Local Industrial Strategy",
        "short_title": "LIS",
        "kind": "local_industrial_strategy",
        "publisher": "HM Government, with the North East LEP",
        "status": "in_development",
        "published_on": None,
        "published_on_precision": "year",
        "start_year": None,
        "end_year": 2030,
        "vision": "",
        "aims": [
            (
                "Set out how the region and government will work together to maximise our "
                "contribution to UK productivity"
            ),
            (
                "Identify areas where we can drive North East industrial and business growth and "
                "include propositions to contribute to the UK’s Grand Challenges and Sector Deals"
            ),
            (
                "Provide information to inform investment programmes for future funding, subject "
                "to future consultation."
            ),
        ],
        "aligns_to": "uk-industrial-strategy",
        "area_name": "North East LEP area",
        "area_codes": AREA_CODES,
        "area": NORTH_EAST_LEP_AREA,
        "url": "",
    }
    assert lis["summary"].startswith(
        "The North East Local Industrial Strategy will be an evidence based delivery plan "
        "extending to 2030"
    )
    assert lis["alignment"].startswith("Aligned to the UK’s Industrial Strategy.")


def test_a_strategy_that_aligns_to_none_says_null(client):
    sep = client.get("/api/v1/strategies/north-east-sep/").json()

    assert sep["aligns_to"] is None
    assert sep["aims"] == []
    assert (sep["start_year"], sep["end_year"]) == (2014, 2024)
    assert sep["published_on"] == "2014-01-01"


def test_an_unknown_strategy_is_a_404(client):
    assert client.get("/api/v1/strategies/no-such-plan/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("kind=local_industrial_strategy", ["north-east-lis"], id="kind"),
        pytest.param("kind=other", [], id="kind-none-of"),
        pytest.param("status=published", ["north-east-sep", "uk-industrial-strategy"], id="status"),
        pytest.param("status=superseded", [], id="status-none-of"),
        pytest.param("aligns_to=uk-industrial-strategy", ["north-east-lis"], id="aligns-to"),
        pytest.param("aligns_to=north-east-sep", [], id="aligns-to-none-of"),
        pytest.param("aligns_to=no-such-plan", [], id="aligns-to-unknown-slug"),
    ],
)
def test_strategies_are_filtered(client, query, expected):
    assert slugs(client.get(f"/api/v1/strategies/?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        pytest.param(
            "kind=plan",
            {"kind": ["Select a valid choice. plan is not one of the available choices."]},
            id="kind",
        ),
        pytest.param(
            "status=done",
            {"status": ["Select a valid choice. done is not one of the available choices."]},
            id="status",
        ),
        pytest.param(f"aligns_to={NOT_A_SLUG}", {"aligns_to": NOT_A_SLUG_ERROR}, id="aligns-to"),
    ],
)
def test_a_bad_strategy_filter_is_a_400_naming_the_parameter(client, query, errors):
    response = client.get(f"/api/v1/strategies/?{query}")

    assert response.status_code == 400
    assert response.json() == errors


def test_strategies_are_ordered_on_request(client):
    assert slugs(client.get("/api/v1/strategies/?ordering=-slug")) == [
        "uk-industrial-strategy",
        "north-east-sep",
        "north-east-lis",
    ]
    assert slugs(client.get("/api/v1/strategies/?ordering=title")) == [
        "north-east-lis",
        "north-east-sep",
        "uk-industrial-strategy",
    ]


# Grand challenges


def test_the_grand_challenges_are_listed_in_their_order(client):
    response = client.get("/api/v1/grand-challenges/")

    assert slugs(response) == SEED_GRAND_CHALLENGES
    assert list(response.json()["results"][0]) == GRAND_CHALLENGE_FIELDS


def test_a_grand_challenge_is_read_by_its_slug_with_its_early_priorities(client):
    response = client.get("/api/v1/grand-challenges/future-of-mobility/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "future-of-mobility",
        "name": "Future of mobility",
        "ambition": "We will become a world leader in shaping the future of mobility.",
        "strategy": "uk-industrial-strategy",
        "priorities": [
            (
                "Establishing a flexible regulatory framework to encourage new modes of transport "
                "and new business models."
            ),
            (
                "Seizing the opportunities and addressing the challenges of moving from "
                "hydrocarbon to zero emission vehicles."
            ),
            (
                "Preparing for a future of new mobility services, increased autonomy, journey "
                "sharing and a blurring of the distinctions between private and public transport."
            ),
            (
                "Exploring ways to use data to accelerate development of new mobility services and "
                "enable the more effective operation of our transport system."
            ),
        ],
    }


def test_an_unknown_grand_challenge_is_a_404(client):
    assert client.get("/api/v1/grand-challenges/world-peace/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("strategy=uk-industrial-strategy", SEED_GRAND_CHALLENGES, id="strategy"),
        pytest.param("strategy=north-east-sep", [], id="strategy-none-of"),
        pytest.param("strategy=no-such-plan", [], id="strategy-unknown-slug"),
    ],
)
def test_grand_challenges_are_filtered_by_strategy(client, query, expected):
    assert slugs(client.get(f"/api/v1/grand-challenges/?{query}")) == expected


def test_grand_challenges_are_ordered_on_request(client):
    assert slugs(client.get("/api/v1/grand-challenges/?ordering=name")) == [
        "ageing-society",
        "ai-and-data-economy",
        "clean-growth",
        "future-of-mobility",
    ]


# Sector deals


def test_the_sector_deals_are_listed_in_their_order(client):
    response = client.get("/api/v1/sector-deals/")

    assert slugs(response) == SEED_SECTOR_DEALS
    assert list(response.json()["results"][0]) == SECTOR_DEAL_FIELDS


def test_a_sector_deal_is_read_by_its_slug_with_its_key_commitments(client):
    response = client.get("/api/v1/sector-deals/rail/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "rail",
        "name": "Rail",
        "summary": "One of the Sector Deals published to date (more planned). Manufacturing "
        "industries’ interests are also reflected within its priorities.",
        "strategy": "uk-industrial-strategy",
        "commitments": [
            (
                "Commitment to establish a mechanism for ensuring industry is actively engaged in "
                "the development of renewals planning and delivery and are are an integral part of "
                "longer-term rail investment opportunities"
            ),
            (
                "Developing a new procurement approach across the supply chain based on simplified "
                "tendering process; and adoption of procurement scorecards between buyers and Tier "
                "1 suppliers."
            ),
        ],
    }


def test_an_unknown_sector_deal_is_a_404(client):
    assert client.get("/api/v1/sector-deals/fishing/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("strategy=uk-industrial-strategy", SEED_SECTOR_DEALS, id="strategy"),
        pytest.param("strategy=north-east-lis", [], id="strategy-none-of"),
    ],
)
def test_sector_deals_are_filtered_by_strategy(client, query, expected):
    assert slugs(client.get(f"/api/v1/sector-deals/?{query}&page_size=20")) == expected


def test_sector_deals_are_ordered_on_request(client):
    assert slugs(client.get("/api/v1/sector-deals/?ordering=-order&page_size=3")) == [
        "tourism",
        "rail",
        "offshore-wind",
    ]


# Areas of strategic importance


def test_the_areas_are_listed_in_their_order(client):
    response = client.get("/api/v1/areas/")

    assert slugs(response) == SEED_AREAS
    assert list(response.json()["results"][0]) == AREA_FIELDS


def test_an_area_is_read_by_its_slug_with_its_grand_challenges_and_sector_deals(client):
    response = client.get("/api/v1/areas/advanced-manufacturing/")

    assert response.status_code == 200
    area = response.json()
    assert area["description"].startswith(
        "Advanced manufacturing is one of four areas of strategic importance"
    )
    del area["description"]
    assert area == {
        "slug": "advanced-manufacturing",
        "name": "Advanced manufacturing",
        "strategy": "north-east-sep",
        "grand_challenges": ["future-of-mobility"],
        "sector_deals": ["aerospace", "automotive", "life-sciences", "rail"],
    }


def test_an_unknown_area_is_a_404(client):
    assert client.get("/api/v1/areas/tourism/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("strategy=north-east-sep", SEED_AREAS, id="strategy"),
        pytest.param("strategy=north-east-lis", [], id="strategy-none-of"),
        pytest.param(
            "grand_challenge=future-of-mobility", ["advanced-manufacturing"], id="grand-challenge"
        ),
        pytest.param("grand_challenge=clean-growth", [], id="grand-challenge-none-of"),
        pytest.param("sector_deal=rail", ["advanced-manufacturing"], id="sector-deal"),
        pytest.param("sector_deal=tourism", [], id="sector-deal-none-of"),
        pytest.param("sector_deal=fishing", [], id="sector-deal-unknown-slug"),
    ],
)
def test_areas_are_filtered(client, query, expected):
    assert slugs(client.get(f"/api/v1/areas/?{query}")) == expected


def test_areas_are_ordered_on_request(client):
    assert slugs(client.get("/api/v1/areas/?ordering=slug")) == [
        "advanced-manufacturing",
        "digital",
        "energy",
        "health-and-life-sciences",
    ]


# Every resource here


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        pytest.param("/api/v1/strategies/", "aligns_to", id="strategies"),
        pytest.param("/api/v1/grand-challenges/", "strategy", id="grand-challenges"),
        pytest.param("/api/v1/sector-deals/", "strategy", id="sector-deals"),
        pytest.param("/api/v1/areas/", "strategy", id="areas-strategy"),
        pytest.param("/api/v1/areas/", "grand_challenge", id="areas-grand-challenge"),
        pytest.param("/api/v1/areas/", "sector_deal", id="areas-sector-deal"),
    ],
)
def test_text_that_cannot_be_a_slug_is_a_400_naming_the_parameter(client, path, parameter):
    response = client.get(path, {parameter: NOT_A_SLUG})

    assert response.status_code == 400
    assert response.json() == {parameter: NOT_A_SLUG_ERROR}


@pytest.mark.parametrize(
    ("path", "fields", "expected"),
    [
        pytest.param("/api/v1/strategies/", STRATEGY_COLUMNS, SEED_STRATEGIES, id="strategies"),
        pytest.param(
            "/api/v1/grand-challenges/",
            GRAND_CHALLENGE_FIELDS,
            SEED_GRAND_CHALLENGES,
            id="grand-challenges",
        ),
        pytest.param(
            "/api/v1/sector-deals/", SECTOR_DEAL_FIELDS, SEED_SECTOR_DEALS, id="sector-deals"
        ),
        pytest.param("/api/v1/areas/", AREA_FIELDS, SEED_AREAS, id="areas"),
    ],
)
def test_a_list_downloads_as_csv_with_a_column_per_field_and_a_row_per_record(
    client, path, fields, expected
):
    response = client.get(path, {"format": "csv", "page_size": 2})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    name = path.split("/")[-2]
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    header, *rows = csv_rows(response)
    assert header == fields
    assert [row[0] for row in rows] == expected


def test_a_csv_cell_holding_a_list_joins_its_items(client):
    response = client.get("/api/v1/areas/", {"format": "csv", "sector_deal": "rail"})

    header, row = csv_rows(response)
    assert dict(zip(header, row, strict=True))["sector_deals"] == (
        "aerospace; automotive; life-sciences; rail"
    )
    assert dict(zip(header, row, strict=True))["grand_challenges"] == "future-of-mobility"


@pytest.mark.parametrize(
    ("path", "page_size", "last_page", "on_the_last_page"),
    [
        pytest.param("/api/v1/strategies/", 2, 2, ["uk-industrial-strategy"], id="strategies"),
        pytest.param("/api/v1/grand-challenges/", 3, 2, ["ageing-society"], id="grand-challenges"),
        pytest.param("/api/v1/sector-deals/", 3, 4, ["tourism"], id="sector-deals"),
        pytest.param("/api/v1/areas/", 3, 2, ["energy"], id="areas"),
    ],
)
def test_a_list_is_paged_and_a_page_past_the_last_is_a_404(
    client, path, page_size, last_page, on_the_last_page
):
    first = client.get(path, {"page_size": page_size}).json()
    assert len(first["results"]) == page_size
    assert first["previous"] is None
    assert first["next"] == f"http://testserver{path}?page=2&page_size={page_size}"

    last = client.get(path, {"page_size": page_size, "page": last_page})
    assert slugs(last) == on_the_last_page
    assert last.json()["next"] is None

    assert client.get(path, {"page_size": page_size, "page": last_page + 1}).status_code == 404


def everything() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Strategy,
            StrategyAim,
            GrandChallenge,
            SectorDeal,
            AreaOfStrategicImportance,
            AreaOfStrategicImportance.grand_challenges.through,
        )
    ]


@pytest.mark.parametrize(
    ("persona", "method", "path", "expected"),
    [
        pytest.param(None, "post", "/api/v1/strategies/", 401, id="anonymous-creates-strategy"),
        pytest.param(
            None, "put", "/api/v1/strategies/north-east-lis/", 401, id="anonymous-replaces-lis"
        ),
        pytest.param(
            None,
            "patch",
            "/api/v1/grand-challenges/clean-growth/",
            401,
            id="anonymous-changes-grand-challenge",
        ),
        pytest.param(
            None, "delete", "/api/v1/sector-deals/rail/", 401, id="anonymous-deletes-sector-deal"
        ),
        pytest.param(None, "post", "/api/v1/areas/", 401, id="anonymous-creates-area"),
        # Officers may add strategies in the admin, but the API does not write them.
        pytest.param("officer", "post", "/api/v1/strategies/", 405, id="officer-creates-strategy"),
        pytest.param(
            "officer",
            "delete",
            "/api/v1/strategies/north-east-lis/",
            403,
            id="officer-deletes-strategy",
        ),
        pytest.param(
            "superuser", "patch", "/api/v1/areas/energy/", 405, id="superuser-changes-area"
        ),
        pytest.param(
            "superuser",
            "delete",
            "/api/v1/grand-challenges/clean-growth/",
            405,
            id="superuser-deletes-grand-challenge",
        ),
    ],
)
def test_writing_is_refused_and_changes_nothing(request, client, persona, method, path, expected):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    before = everything()

    response = getattr(client, method)(
        path, {"slug": "new-plan", "name": "New", "title": "New"}, content_type="application/json"
    )

    assert response.status_code == expected
    assert everything() == before


@pytest.mark.parametrize(
    ("path", "add_rows", "queries"),
    [
        # The data version, the count, the page with the strategies aligned to and their
        # areas, the aims, the areas' parts and what they exclude.
        pytest.param("/api/v1/strategies/", add_strategies, 6, id="strategies"),
        # The data version, the count, the page with the strategies, the early priorities.
        pytest.param("/api/v1/grand-challenges/", add_grand_challenges, 4, id="grand-challenges"),
        # The data version, the count, the page with the strategies, the key commitments.
        pytest.param("/api/v1/sector-deals/", add_sector_deals, 4, id="sector-deals"),
        # The data version, the count, the page with the strategies, the grand challenges, the sector deals.
        pytest.param("/api/v1/areas/", add_areas, 5, id="areas"),
    ],
)
def test_a_list_takes_as_many_queries_with_thirty_more_rows_as_with_the_seed(
    client, django_assert_max_num_queries, path, add_rows, queries
):
    with django_assert_max_num_queries(queries):
        seeded = client.get(path)
    add_rows(30)
    with django_assert_max_num_queries(queries):
        grown = client.get(path)

    assert grown.json()["count"] == seeded.json()["count"] + 30
    assert len(grown.json()["results"]) == grown.json()["count"]
