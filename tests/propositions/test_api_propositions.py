"""/api/v1/propositions/: the seed's Local Industrial Strategy propositions with their
partners, targets, milestones and updates; filters, search, CSV, ordering, pages, writes
refused and query budgets."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from governance.models import Organisation
from propositions.models import (
    Milestone,
    Proposition,
    PropositionPartner,
    PropositionTarget,
    PropositionUpdate,
)
from strategy.models import AreaOfStrategicImportance, GrandChallenge, SectorDeal, Strategy
from targets.models import Target
from tests.seed import AUTOMOTIVE, FUTURE_OF_MOBILITY, SEED_PROPOSITIONS, SEEKING_FUNDING

pytestmark = pytest.mark.usefixtures("seed")

FIELDS = [
    "slug",
    "name",
    "strategy",
    "area",
    "status",
    "summary",
    "detail",
    "lead",
    "partners",
    "asks_of_government",
    "role_of_regional_partners",
    "funding_sought",
    "funding_secured",
    "funding_note",
    "start_date",
    "end_date",
    "date_precision",
    "grand_challenges",
    "sector_deals",
    "targets",
]
DETAIL_FIELDS = [*FIELDS, "milestones", "updates"]


NOT_A_SLUG = "not a slug!"
NOT_A_SLUG_ERROR = ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."]


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def add_propositions(count: int) -> None:
    """Propositions with a lead, partners, grand challenges, sector deals and a target:
    every join a list makes."""
    lis = Strategy.objects.get(slug="north-east-lis")
    area = AreaOfStrategicImportance.objects.get(slug="advanced-manufacturing")
    lep = Organisation.objects.get(slug="north-east-lep")
    partners = list(Organisation.objects.filter(slug__in=["dit", "nissan"]))
    challenges = list(GrandChallenge.objects.all()[:2])
    deals = list(SectorDeal.objects.all()[:2])
    jobs = Target.objects.get(slug="jobs")
    for n in range(count):
        proposition = Proposition.objects.create(
            strategy=lis,
            area=area,
            slug=f"extra-proposition-{n}",
            name=f"Extra proposition {n}",
            summary="A summary.",
            detail="The detail.",
            lead=lep,
            order=20 + n,
        )
        for organisation in partners:
            PropositionPartner.objects.create(proposition=proposition, organisation=organisation)
        proposition.grand_challenges.set(challenges)
        proposition.sector_deals.set(deals)
        PropositionTarget.objects.create(proposition=proposition, target=jobs)


def test_the_propositions_are_listed_in_their_order(client):
    response = client.get("/api/v1/propositions/")

    assert slugs(response) == SEED_PROPOSITIONS
    assert list(response.json()["results"][0]) == FIELDS


def test_a_proposition_is_read_by_its_slug_with_its_targets_and_milestones(client):
    response = client.get("/api/v1/propositions/large-scale-investments-iamp/")

    assert response.status_code == 200
    assert list(response.json()) == DETAIL_FIELDS
    assert response.json() == {
        "slug": "large-scale-investments-iamp",
        "name": "Working with DIT to secure opportunities to host new large-scale investments",
        "strategy": "north-east-lis",
        "area": "advanced-manufacturing",
        "status": "proposed",
        "summary": "Hosting new large-scale investments on the International Advanced "
        "Manufacturing Park (IAMP) and other key strategic sites, developed as exemplar test "
        "beds in sustainable advanced manufacturing.",
        "detail": "On the International Advanced Manufacturing Park (IAMP) and other key "
        "strategic sites. We will also develop these sites as exemplar test beds in sustainable "
        "advanced manufacturing through investment in technologies and infrastructure and will "
        "take opportunities to test new energy generation models to support new investment",
        "lead": None,
        "partners": [
            {
                "organisation": "dit",
                "organisation_name": "Department for International Trade",
                "role": "government",
            }
        ],
        "asks_of_government": "",
        "role_of_regional_partners": "",
        "funding_sought": None,
        "funding_secured": None,
        "funding_note": "",
        "start_date": None,
        "end_date": None,
        "date_precision": "month",
        "grand_challenges": [],
        "sector_deals": [],
        "targets": [
            {"target": "iamp-jobs", "relationship": "own_kpi"},
            {"target": "jobs", "relationship": "contributes"},
        ],
        "milestones": [
            {
                "title": "IAMP to create over 5,000 jobs",
                "due_date": "2024-01-01",
                "due_date_precision": "year",
                "due_date_approximate": False,
                "status": "planned",
                "achieved_on": None,
                "notes": "A £500 million development, IAMP is strategically located near Nissan "
                "to house major international supply chain companies and create over 5,000 jobs "
                "by 2024.",
            }
        ],
        "updates": [],
    }


def test_a_proposition_names_its_lead_and_partners_by_slug_with_their_names(client):
    made_smarter = client.get("/api/v1/propositions/made-smarter/").json()

    assert made_smarter["lead"] == "north-east-lep"
    assert made_smarter["status"] == "seeking_funding"
    assert made_smarter["partners"] == [
        {
            "organisation": "north-east-growth-hub",
            "organisation_name": "North East Growth Hub",
            "role": "partner",
        },
        {
            "organisation": "tees-valley-combined-authority",
            "organisation_name": "Tees Valley Combined Authority",
            "role": "co_lead",
        },
        {
            "organisation": "tees-valley-compass",
            "organisation_name": "Tees Valley Compass",
            "role": "partner",
        },
    ]
    assert made_smarter["targets"] == [
        {"target": "gva-per-hour-worked", "relationship": "contributes"}
    ]


def test_a_proposition_gives_its_grand_challenges_and_sector_deals_by_slug(client):
    test_beds = client.get("/api/v1/propositions/test-beds-and-demonstrators/").json()

    assert test_beds["grand_challenges"] == ["future-of-mobility", "ageing-society"]
    assert test_beds["sector_deals"] == ["automotive", "life-sciences"]


def test_funding_and_dates_are_given_as_numbers_and_iso_dates(client):
    Proposition.objects.filter(slug="made-smarter").update(
        funding_sought=Decimal("2500000.00"),
        funding_secured=Decimal("1250000.50"),
        start_date=datetime.date(2020, 4, 1),
        end_date=datetime.date(2023, 3, 31),
    )

    made_smarter = client.get("/api/v1/propositions/made-smarter/").json()

    assert made_smarter["funding_sought"] == 2500000.0
    assert made_smarter["funding_secured"] == 1250000.5
    assert (made_smarter["start_date"], made_smarter["end_date"]) == ("2020-04-01", "2023-03-31")


def test_the_updates_of_a_proposition_come_newest_first(client):
    made_smarter = Proposition.objects.get(slug="made-smarter")
    for date, title in [
        (datetime.date(2019, 9, 1), "Bid submitted"),
        (datetime.date(2020, 1, 15), "Funding agreed"),
        (datetime.date(2019, 12, 1), "Shortlisted"),
    ]:
        PropositionUpdate.objects.create(
            proposition=made_smarter,
            date=date,
            title=title,
            text=f"{title}.",
            source_url="https://example.org/news",
        )

    updates = client.get("/api/v1/propositions/made-smarter/").json()["updates"]

    assert updates == [
        {
            "date": "2020-01-15",
            "title": "Funding agreed",
            "text": "Funding agreed.",
            "source_url": "https://example.org/news",
            "meeting": None,
        },
        {
            "date": "2019-12-01",
            "title": "Shortlisted",
            "text": "Shortlisted.",
            "source_url": "https://example.org/news",
            "meeting": None,
        },
        {
            "date": "2019-09-01",
            "title": "Bid submitted",
            "text": "Bid submitted.",
            "source_url": "https://example.org/news",
            "meeting": None,
        },
    ]


def test_the_milestones_of_a_proposition_come_by_due_date_with_undated_ones_last(client):
    hub = Proposition.objects.get(slug="sustainable-advanced-manufacturing-hub")
    Milestone.objects.create(proposition=hub, title="Partners named", order=2)
    Milestone.objects.create(
        proposition=hub,
        title="Funding bid",
        due_date=datetime.date(2019, 6, 1),
        status=Milestone.Status.ACHIEVED,
        achieved_on=datetime.date(2019, 5, 28),
    )

    milestones = client.get(f"/api/v1/propositions/{hub.slug}/").json()["milestones"]

    assert [(m["title"], m["due_date"], m["achieved_on"]) for m in milestones] == [
        ("Funding bid", "2019-06-01", "2019-05-28"),
        ("CESAM on site", "2020-01-01", None),
        ("Partners named", None, None),
    ]


def links_on_the_page(proposition) -> dict[str, list[str]]:
    """What a proposition's page lists, from the proposition it rendered, in its order."""
    return {
        "partners": [link.organisation.slug for link in proposition.propositionpartner_set.all()],
        "targets": [link.target.slug for link in proposition.propositiontarget_set.all()],
        "grand_challenges": [challenge.slug for challenge in proposition.grand_challenges.all()],
        "sector_deals": [deal.slug for deal in proposition.sector_deals.all()],
        "milestones": [milestone.title for milestone in proposition.milestones.all()],
        "updates": [update.title for update in proposition.latest_updates],
    }


def links_in_the_api(proposition: dict) -> dict[str, list[str]]:
    """The same lists from the API's JSON for a proposition, in its order."""
    links = {
        "partners": [partner["organisation"] for partner in proposition["partners"]],
        "targets": [link["target"] for link in proposition["targets"]],
        "grand_challenges": proposition["grand_challenges"],
        "sector_deals": proposition["sector_deals"],
    }
    if "milestones" in proposition:
        links["milestones"] = [milestone["title"] for milestone in proposition["milestones"]]
        links["updates"] = [update["title"] for update in proposition["updates"]]
    return links


def link_many_records_to_made_smarter() -> None:
    """More of everything for one proposition, so that each list has an order to get
    wrong: the strategic economic plan's targets (their order is not their slugs'), more
    partners, undated and dated milestones, updates on one date."""
    made_smarter = Proposition.objects.get(slug="made-smarter")
    for target in Target.objects.filter(strategy__slug="north-east-sep").exclude(
        propositions=made_smarter
    ):
        PropositionTarget.objects.create(proposition=made_smarter, target=target)
    for organisation in Organisation.objects.exclude(propositions=made_smarter)[:4]:
        PropositionPartner.objects.create(proposition=made_smarter, organisation=organisation)
    made_smarter.grand_challenges.set(GrandChallenge.objects.all())
    made_smarter.sector_deals.set(SectorDeal.objects.all())
    Milestone.objects.create(proposition=made_smarter, title="Undated", order=1)
    Milestone.objects.create(
        proposition=made_smarter, title="Dated", due_date=datetime.date(2021, 1, 1), order=2
    )
    for title in ("First news", "Second news", "Third news"):
        PropositionUpdate.objects.create(
            proposition=made_smarter, date=datetime.date(2020, 1, 1), title=title, text="."
        )


def test_each_proposition_gives_its_linked_records_in_the_order_of_its_page(client):
    link_many_records_to_made_smarter()

    for slug in SEED_PROPOSITIONS:
        page = client.get(reverse("propositions:detail", args=[slug]))
        api = client.get(f"/api/v1/propositions/{slug}/")

        assert links_in_the_api(api.json()) == links_on_the_page(page.context["proposition"])
    # The data has an order to get wrong: the targets' own order, not their slugs'.
    made_smarter = links_in_the_api(client.get("/api/v1/propositions/made-smarter/").json())
    assert made_smarter["targets"][:2] == ["jobs", "better-jobs"]


def test_the_list_gives_each_propositions_links_in_the_order_of_its_page(client):
    link_many_records_to_made_smarter()
    listed = client.get("/api/v1/propositions/").json()["results"]

    for proposition in listed:
        page = client.get(reverse("propositions:detail", args=[proposition["slug"]]))
        on_the_page = links_on_the_page(page.context["proposition"])

        assert links_in_the_api(proposition) == {
            name: on_the_page[name]
            for name in ("partners", "targets", "grand_challenges", "sector_deals")
        }
    assert len(listed) == len(SEED_PROPOSITIONS)


def test_the_list_leaves_out_milestones_and_updates(client):
    made_smarter = client.get("/api/v1/propositions/?lead=north-east-lep").json()["results"][0]

    assert "milestones" not in made_smarter
    assert "updates" not in made_smarter


def test_an_unknown_proposition_is_a_404(client):
    assert client.get("/api/v1/propositions/teleportation/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("area=advanced-manufacturing", SEED_PROPOSITIONS, id="area"),
        pytest.param("area=digital", [], id="area-none-of"),
        pytest.param("area=space", [], id="area-unknown-slug"),
        pytest.param("status=seeking_funding", SEEKING_FUNDING, id="status"),
        pytest.param("status=funded", [], id="status-none-of"),
        pytest.param(
            "grand_challenge=future-of-mobility", FUTURE_OF_MOBILITY, id="grand-challenge"
        ),
        pytest.param(
            "grand_challenge=ageing-society",
            ["test-beds-and-demonstrators"],
            id="grand-challenge-one-of-two",
        ),
        pytest.param("grand_challenge=ai-and-data-economy", [], id="grand-challenge-none-of"),
        pytest.param("sector_deal=automotive", AUTOMOTIVE, id="sector-deal"),
        pytest.param("sector_deal=rail", [], id="sector-deal-none-of"),
        pytest.param("lead=north-east-lep", ["made-smarter"], id="lead"),
        pytest.param(
            "lead=cesam-partnership", ["sustainable-advanced-manufacturing-hub"], id="lead-another"
        ),
        pytest.param("lead=nissan", [], id="lead-none-of"),
        pytest.param("strategy=north-east-lis", SEED_PROPOSITIONS, id="strategy"),
        pytest.param("strategy=north-east-sep", [], id="strategy-none-of"),
        pytest.param(
            "status=seeking_funding&sector_deal=automotive",
            ["driving-the-electrical-revolution"],
            id="status-and-sector-deal",
        ),
    ],
)
def test_propositions_are_filtered(client, query, expected):
    assert slugs(client.get(f"/api/v1/propositions/?{query}")) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        pytest.param("battery", ["battery-innovation-hub"], id="a-word-in-the-name"),
        pytest.param(
            "iamp",
            [
                "large-scale-investments-iamp",
                "sustainable-advanced-manufacturing-hub",
                "driving-the-electrical-revolution",
            ],
            id="any-case-in-summary-or-detail",
        ),
        pytest.param("made smarter", ["made-smarter"], id="every-word"),
        pytest.param("Tees Valley Compass", ["made-smarter"], id="words-in-the-detail"),
        pytest.param("teleportation", [], id="nothing"),
    ],
)
def test_propositions_are_searched_by_name_summary_and_detail(client, search, expected):
    assert slugs(client.get("/api/v1/propositions/", {"search": search})) == expected


def test_search_combines_with_the_filters(client):
    response = client.get("/api/v1/propositions/", {"search": "IAMP", "status": "seeking_funding"})

    assert slugs(response) == [
        "sustainable-advanced-manufacturing-hub",
        "driving-the-electrical-revolution",
    ]


@pytest.mark.parametrize(
    ("parameter", "value", "errors"),
    [
        pytest.param("area", NOT_A_SLUG, NOT_A_SLUG_ERROR, id="area"),
        pytest.param(
            "status",
            "dormant",
            ["Select a valid choice. dormant is not one of the available choices."],
            id="status",
        ),
        pytest.param("grand_challenge", NOT_A_SLUG, NOT_A_SLUG_ERROR, id="grand-challenge"),
        pytest.param("sector_deal", NOT_A_SLUG, NOT_A_SLUG_ERROR, id="sector-deal"),
        pytest.param("lead", NOT_A_SLUG, NOT_A_SLUG_ERROR, id="lead"),
        pytest.param("strategy", NOT_A_SLUG, NOT_A_SLUG_ERROR, id="strategy"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(client, parameter, value, errors):
    response = client.get("/api/v1/propositions/", {parameter: value})

    assert response.status_code == 400
    assert response.json() == {parameter: errors}


def test_propositions_are_ordered_on_request(client):
    assert slugs(client.get("/api/v1/propositions/?ordering=slug&page_size=3")) == [
        "battery-innovation-hub",
        "business-networks-and-cluster-organisations",
        "digital-free-zones",
    ]
    assert slugs(client.get("/api/v1/propositions/?ordering=-status,slug&page_size=3")) == [
        "driving-the-electrical-revolution",
        "made-smarter",
        "sustainable-advanced-manufacturing-hub",
    ]


def test_the_propositions_download_as_csv_with_a_column_per_field_and_a_row_each(client):
    response = client.get("/api/v1/propositions/", {"format": "csv", "page_size": 2})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="propositions.csv"'
    header, *rows = csv_rows(response)
    assert header == FIELDS
    assert [row[0] for row in rows] == SEED_PROPOSITIONS


def test_a_filtered_csv_has_the_matching_rows_with_partners_and_targets_in_cells(client):
    response = client.get("/api/v1/propositions/", {"format": "csv", "lead": "north-east-lep"})

    header, row = csv_rows(response)
    made_smarter = dict(zip(header, row, strict=True))
    assert made_smarter["slug"] == "made-smarter"
    assert made_smarter["lead"] == "north-east-lep"
    assert made_smarter["partners"] == (
        "organisation: north-east-growth-hub; organisation_name: North East Growth Hub; "
        "role: partner; "
        "organisation: tees-valley-combined-authority; "
        "organisation_name: Tees Valley Combined Authority; role: co_lead; "
        "organisation: tees-valley-compass; organisation_name: Tees Valley Compass; "
        "role: partner"
    )
    assert made_smarter["targets"] == "target: gva-per-hour-worked; relationship: contributes"
    assert made_smarter["funding_sought"] == ""


def test_the_propositions_are_paged_and_a_page_past_the_last_is_a_404(client):
    first = client.get("/api/v1/propositions/", {"page_size": 5}).json()
    assert first["count"] == 11
    assert [row["slug"] for row in first["results"]] == SEED_PROPOSITIONS[:5]
    assert first["next"] == "http://testserver/api/v1/propositions/?page=2&page_size=5"

    last = client.get("/api/v1/propositions/", {"page_size": 5, "page": 3})
    assert slugs(last) == ["business-networks-and-cluster-organisations"]
    assert last.json()["next"] is None

    assert client.get("/api/v1/propositions/", {"page_size": 5, "page": 4}).status_code == 404


def everything() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Proposition,
            PropositionPartner,
            PropositionTarget,
            Milestone,
            PropositionUpdate,
            Proposition.grand_challenges.through,
            Proposition.sector_deals.through,
        )
    ]


@pytest.mark.parametrize(
    ("persona", "method", "path", "expected"),
    [
        pytest.param(None, "post", "/api/v1/propositions/", 401, id="anonymous-creates"),
        pytest.param(
            None, "put", "/api/v1/propositions/made-smarter/", 401, id="anonymous-replaces"
        ),
        pytest.param(
            None, "patch", "/api/v1/propositions/made-smarter/", 401, id="anonymous-changes"
        ),
        pytest.param(
            None, "delete", "/api/v1/propositions/made-smarter/", 401, id="anonymous-deletes"
        ),
        # Officers keep propositions in the admin, but the API does not write them.
        pytest.param("officer", "post", "/api/v1/propositions/", 405, id="officer-creates"),
        pytest.param(
            "officer", "patch", "/api/v1/propositions/made-smarter/", 405, id="officer-changes"
        ),
        pytest.param(
            "officer", "delete", "/api/v1/propositions/made-smarter/", 403, id="officer-deletes"
        ),
        pytest.param(
            "approver", "put", "/api/v1/propositions/made-smarter/", 405, id="approver-replaces"
        ),
        pytest.param(
            "superuser", "delete", "/api/v1/propositions/made-smarter/", 405, id="superuser-deletes"
        ),
    ],
)
def test_writing_is_refused_and_changes_nothing(request, client, persona, method, path, expected):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    before = everything()

    response = getattr(client, method)(
        path,
        {"slug": "teleportation", "name": "Teleportation", "status": "funded"},
        content_type="application/json",
    )

    assert response.status_code == expected
    assert everything() == before


def test_the_list_takes_as_many_queries_with_thirty_more_propositions_as_with_the_seed(
    client, django_assert_max_num_queries
):
    # The data version; the count; the page with strategies, areas and leads; the partners
    # with their organisations; the targets; the grand challenges; the sector deals.
    with django_assert_max_num_queries(7):
        seeded = client.get("/api/v1/propositions/")
    add_propositions(30)
    with django_assert_max_num_queries(7):
        grown = client.get("/api/v1/propositions/")

    assert seeded.json()["count"] == 11
    assert grown.json()["count"] == 41
    assert len(grown.json()["results"]) == 41


def test_a_proposition_takes_as_many_queries_with_thirty_more_milestones_and_updates(
    client, django_assert_max_num_queries
):
    made_smarter = Proposition.objects.get(slug="made-smarter")
    path = f"/api/v1/propositions/{made_smarter.slug}/"
    # The data version; the proposition with its strategy, area and lead; the partners;
    # the targets; the grand challenges; the sector deals; the milestones; the updates.
    with django_assert_max_num_queries(8):
        client.get(path)
    for n in range(30):
        Milestone.objects.create(proposition=made_smarter, title=f"Step {n}")
        PropositionUpdate.objects.create(
            proposition=made_smarter, date=datetime.date(2020, 1, 1), title=f"News {n}", text="."
        )
    with django_assert_max_num_queries(8):
        response = client.get(path)

    assert len(response.json()["milestones"]) == 30
    assert len(response.json()["updates"]) == 30
