"""/propositions/ and /propositions/<slug>/: the public list with its filter form, and
one proposition in full; with the seed, bad filter values and query budgets."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache

from governance.models import Meeting, Organisation
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

LIST = "/propositions/"


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return [proposition.slug for proposition in response.context["propositions"]]


def options(response, name: str) -> list[tuple[str, str]]:
    """The (value, label) of each option of the form's select `name`."""
    select = re.search(
        rf'<select name="{name}".*?</select>', response.content.decode(), flags=re.DOTALL
    )
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(0))


@pytest.fixture(autouse=True)
def clear_cache():
    """The API, asked in one test for comparison, throttles anonymous reads per IP."""
    cache.clear()
    yield
    cache.clear()


# The list


def test_the_list_shows_every_proposition_in_order_with_the_count(client):
    response = client.get(LIST)

    assert slugs(response) == SEED_PROPOSITIONS
    assert response.context["form"].errors == {}
    assert response.templates[0].name == "propositions/proposition_list.html"
    content = response.content.decode()
    assert "<title>Propositions – Strategy tracker</title>" in content
    assert '<h2 class="govuk-heading-m">11 propositions</h2>' in content
    assert content.count('<h1 class="govuk-heading-xl">') == 1


def test_a_row_shows_the_name_as_a_link_the_status_in_words_the_area_lead_and_summary(client):
    response = client.get(LIST)

    assert response.status_code == 200
    made_smarter = re.search(
        r'<article class="app-card" aria-labelledby="proposition-made-smarter">.*?</article>',
        response.content.decode(),
        flags=re.DOTALL,
    ).group(0)
    assert re.sub(r"\s+", " ", made_smarter) == (
        '<article class="app-card" aria-labelledby="proposition-made-smarter"> '
        '<h3 class="govuk-heading-s" id="proposition-made-smarter"> '
        '<a class="govuk-link" href="/propositions/made-smarter/">Made Smarter Programme</a> '
        "</h3> "
        '<dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2"> '
        '<div class="govuk-summary-list__row"> '
        '<dt class="govuk-summary-list__key">Status</dt> '
        '<dd class="govuk-summary-list__value"> '
        '<strong class="govuk-tag govuk-tag--yellow app-status">Seeking funding</strong> '
        "</dd> </div> "
        '<div class="govuk-summary-list__row"> '
        '<dt class="govuk-summary-list__key">Area</dt> '
        '<dd class="govuk-summary-list__value">Advanced manufacturing</dd> </div> '
        '<div class="govuk-summary-list__row"> '
        '<dt class="govuk-summary-list__key">Lead</dt> '
        '<dd class="govuk-summary-list__value">North East Local Enterprise Partnership</dd> '
        "</div> </dl> "
        '<p class="govuk-body">A North East Made Smarter programme to accelerate the '
        "Industry 4.0 agenda across core manufacturing sectors.</p> </article>"
    )


def test_a_proposition_without_a_lead_says_so(client):
    response = client.get(LIST, {"search": "trade facilitation"})

    assert slugs(response) == ["trade-facilitation"]
    assert re.findall(
        r'<dt class="govuk-summary-list__key">Lead</dt>\s*'
        r'<dd class="govuk-summary-list__value">([^<]+)</dd>',
        response.content.decode(),
    ) == ["Not named"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({"area": "advanced-manufacturing"}, SEED_PROPOSITIONS, id="area"),
        pytest.param({"area": "digital"}, [], id="area-none-of"),
        pytest.param({"status": "seeking_funding"}, SEEKING_FUNDING, id="status"),
        pytest.param({"status": "funded"}, [], id="status-none-of"),
        pytest.param(
            {"grand_challenge": "future-of-mobility"}, FUTURE_OF_MOBILITY, id="grand-challenge"
        ),
        pytest.param(
            {"grand_challenge": "ageing-society"},
            ["test-beds-and-demonstrators"],
            id="grand-challenge-one-of-two",
        ),
        pytest.param({"grand_challenge": "ai-and-data-economy"}, [], id="grand-challenge-none"),
        pytest.param({"sector_deal": "automotive"}, AUTOMOTIVE, id="sector-deal"),
        pytest.param(
            {"sector_deal": "life-sciences"}, ["test-beds-and-demonstrators"], id="sector-deal-2"
        ),
        pytest.param({"lead": "north-east-lep"}, ["made-smarter"], id="lead"),
        pytest.param(
            {"lead": "cesam-partnership"}, ["sustainable-advanced-manufacturing-hub"], id="lead-2"
        ),
        pytest.param(
            {"status": "seeking_funding", "sector_deal": "automotive"},
            ["driving-the-electrical-revolution"],
            id="status-and-sector-deal",
        ),
        pytest.param(
            {"grand_challenge": "future-of-mobility", "sector_deal": "life-sciences"},
            ["test-beds-and-demonstrators"],
            id="grand-challenge-and-sector-deal",
        ),
        pytest.param(
            {"area": "advanced-manufacturing", "status": "proposed", "sector_deal": "automotive"},
            ["supply-chain-north-east", "battery-innovation-hub", "test-beds-and-demonstrators"],
            id="area-status-and-sector-deal",
        ),
        pytest.param(
            {
                "area": "advanced-manufacturing",
                "status": "seeking_funding",
                "grand_challenge": "future-of-mobility",
                "sector_deal": "automotive",
                "lead": "driving-the-electrical-revolution-consortium",
                "search": "prototyping",
            },
            ["driving-the-electrical-revolution"],
            id="every-filter-and-search",
        ),
        pytest.param(
            {"status": "seeking_funding", "lead": "north-east-lep", "search": "battery"},
            [],
            id="filters-and-search-that-exclude-each-other",
        ),
        pytest.param(
            {"area": "", "status": "", "grand_challenge": "", "search": ""},
            SEED_PROPOSITIONS,
            id="blank-fields-filter-nothing",
        ),
    ],
)
def test_the_propositions_are_filtered(client, query, expected):
    assert slugs(client.get(LIST, query)) == expected


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
        pytest.param('"Valley Compass"', ["made-smarter"], id="a-quoted-phrase"),
        pytest.param('"Compass Valley"', [], id="a-quoted-phrase-in-another-order"),
        pytest.param("iamp,battery", [], id="words-split-by-a-comma"),
        pytest.param("teleportation", [], id="nothing"),
    ],
)
def test_the_propositions_are_searched_by_name_summary_and_detail(client, search, expected):
    assert slugs(client.get(LIST, {"search": search})) == expected


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"search": "IAMP", "status": "seeking_funding"}, id="search-and-status"),
        pytest.param({"search": '"test beds" manufacturing'}, id="phrase-and-word"),
        pytest.param({"search": "north, east"}, id="comma-and-space"),
        pytest.param({"grand_challenge": "future-of-mobility"}, id="grand-challenge"),
        pytest.param({"sector_deal": "automotive", "status": "proposed"}, id="deal-and-status"),
    ],
)
def test_the_page_finds_what_the_api_finds_for_the_same_query(client, query):
    api = client.get("/api/v1/propositions/", query)

    assert api.status_code == 200
    assert slugs(client.get(LIST, query)) == [row["slug"] for row in api.json()["results"]]


def test_the_form_shows_the_chosen_filters_and_the_search(client):
    response = client.get(LIST, {"status": "seeking_funding", "search": "IAMP"})

    content = response.content.decode()
    assert '<option value="seeking_funding" selected>Seeking funding</option>' in content
    assert (
        '<input type="search" name="search" value="IAMP" class="govuk-input govuk-!-width-full" '
        'maxlength="200" aria-describedby="id_search_helptext" id="id_search">'
    ) in content
    assert '<h2 class="govuk-heading-m">2 propositions</h2>' in content


def test_the_form_is_a_get_form_with_a_filter_button_and_a_clear_link(client):
    content = client.get(LIST).content.decode()

    assert '<form method="get" action="/propositions/" novalidate>' in content
    assert (
        '<button type="submit" class="govuk-button" data-module="govuk-button">Filter</button>'
    ) in content
    assert '<a class="govuk-link" href="/propositions/">Clear filters</a>' in content
    for name, label in [
        ("search", "Search"),
        ("area", "Area of strategic importance"),
        ("status", "Status"),
        ("grand_challenge", "Grand challenge"),
        ("sector_deal", "Sector deal"),
        ("lead", "Lead organisation"),
    ]:
        assert f'<label class="govuk-label" for="id_{name}">{label}</label>' in content


def test_the_selects_offer_every_area_challenge_deal_and_status_and_only_leads_in_use(client):
    response = client.get(LIST)

    assert options(response, "area") == [
        ("", "All areas"),
        ("digital", "Digital"),
        ("advanced-manufacturing", "Advanced manufacturing"),
        ("health-and-life-sciences", "Health and life sciences"),
        ("energy", "Energy"),
    ]
    assert options(response, "status") == [
        ("", "Any status"),
        ("proposed", "Proposed"),
        ("in_development", "In development"),
        ("seeking_funding", "Seeking funding"),
        ("funded", "Funded"),
        ("in_delivery", "In delivery"),
        ("complete", "Complete"),
        ("paused", "Paused"),
        ("withdrawn", "Withdrawn"),
    ]
    assert options(response, "grand_challenge") == [
        ("", "All grand challenges"),
        ("ai-and-data-economy", "Artificial intelligence and data economy"),
        ("clean-growth", "Clean growth"),
        ("future-of-mobility", "Future of mobility"),
        ("ageing-society", "Ageing society"),
    ]
    assert [label for _, label in options(response, "sector_deal")] == [
        "All sector deals",
        "Aerospace Sector Deal",
        "Artificial Intelligence Sector Deal",
        "Automotive Sector Deal",
        "Construction Sector Deal",
        "Creative industries Sector Deal",
        "Life sciences Sector Deal",
        "Nuclear Sector Deal",
        "Offshore wind Sector Deal",
        "Rail Sector Deal",
        "Tourism Sector Deal",
    ]
    assert options(response, "lead") == [
        ("", "Any lead"),
        ("cesam-partnership", "CESAM partnership"),
        (
            "driving-the-electrical-revolution-consortium",
            "Driving the Electrical Revolution consortium",
        ),
        ("north-east-lep", "North East Local Enterprise Partnership"),
    ]


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client):
    response = client.get(LIST, {"status": "funded"})

    assert slugs(response) == []
    content = response.content.decode()
    assert '<h2 class="govuk-heading-m">0 propositions</h2>' in content
    assert '<p class="govuk-body">No propositions match these filters.</p>' in content
    assert (
        '<a class="govuk-link" href="/propositions/">Clear the filters and see every proposition</a>'
    ) in content
    assert "app-card" not in content


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        pytest.param(
            "area",
            "not a slug!",
            "Choose an area of strategic importance from the list",
            id="area-not-a-slug",
        ),
        pytest.param(
            "area", "space", "Choose an area of strategic importance from the list", id="area"
        ),
        pytest.param(
            "area",
            "advanced\x00manufacturing",
            "Null characters are not allowed.",
            id="area-null",
        ),
        pytest.param("status", "dormant", "Choose a status from the list", id="status"),
        pytest.param(
            "grand_challenge",
            "teleportation",
            "Choose a grand challenge from the list",
            id="grand-challenge",
        ),
        pytest.param("sector_deal", "rail;", "Choose a sector deal from the list", id="deal"),
        pytest.param("lead", "nissan", "Choose a lead organisation from the list", id="not-a-lead"),
        pytest.param(
            "search", "batt\x00ery", "Search must be text without null characters", id="null"
        ),
        pytest.param(
            "search", "battery " * 30, "Search must be 200 characters or fewer", id="too-long"
        ),
        pytest.param(
            "search",
            "a " * 11,
            "Search must be at most 10 words or phrases (this has 11)",
            id="too-many-terms",
        ),
    ],
)
def test_a_bad_filter_value_is_a_400_with_the_error_on_its_field_and_no_list(
    client, parameter, value, message
):
    response = client.get(LIST, {parameter: value})

    assert response.status_code == 400
    assert response.context["propositions"] is None
    assert response.context["form"].errors == {parameter: [message]}
    content = response.content.decode()
    assert "<title>Error: Propositions – Strategy tracker</title>" in content
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in content
    assert f'<li><a href="#id_{parameter}">{message}</a></li>' in content
    assert (
        f'<p class="govuk-error-message" id="id_{parameter}_error">'
        f'<span class="govuk-visually-hidden">Error:</span> {message}</p>'
    ) in content
    assert 'aria-invalid="true"' in content
    assert f'aria-describedby="id_{parameter}_error"' in content or (
        f'aria-describedby="id_{parameter}_helptext id_{parameter}_error"' in content
    )
    assert content.count("govuk-form-group--error") == 1
    assert "Correct the filters to see the propositions that match them." in content


def test_every_bad_filter_value_is_listed_in_the_error_summary_in_the_form_order(client):
    response = client.get(LIST, {"lead": "nissan", "area": "space", "status": "funded"})

    assert response.status_code == 400
    assert re.findall(r'<li><a href="#(id_\w+)">', response.content.decode()) == [
        "id_area",
        "id_lead",
    ]
    assert '<option value="funded" selected>Funded</option>' in response.content.decode()


def test_a_field_with_an_error_has_the_govuk_error_style(client):
    content = client.get(LIST, {"area": "space"}).content.decode()

    assert (
        '<select name="area" class="govuk-select govuk-!-width-full govuk-select--error" '
        'aria-invalid="true" aria-describedby="id_area_error" id="id_area">'
    ) in content
    assert '<select name="status" class="govuk-select govuk-!-width-full" id="id_status">' in (
        content
    )


# Pages of the list


def pagination(response) -> str:
    match = re.search(
        r'<nav class="govuk-pagination".*?</nav>', response.content.decode(), re.DOTALL
    )
    return match.group(0) if match else ""


def page_numbers(response) -> list[str]:
    """The numbered links of the pagination, "…" for each gap, the current one starred."""
    return [
        "…" if ellipsis else f"{number}*" if current else number
        for ellipsis, current, number in re.findall(
            r'(govuk-pagination__item--ellipsis)|<a class="govuk-link govuk-pagination__link"'
            r' href="[^"]*" aria-label="Page \d+"( aria-current="page")?>(\d+)</a>',
            pagination(response),
        )
    ]


def test_the_seeds_propositions_fit_on_one_page_with_no_pagination(client):
    response = client.get(LIST)

    assert len(slugs(response)) == 11
    assert pagination(response) == ""
    assert "Showing" not in response.content.decode()


def test_a_long_list_comes_fifty_at_a_time_and_the_pages_hold_the_whole_list_in_order(client):
    add_propositions(120)
    every = list(Proposition.objects.values_list("slug", flat=True))

    pages = [client.get(LIST, {"page": number}) for number in (1, 2, 3)]

    assert [len(slugs(page)) for page in pages] == [50, 50, 31]
    assert [slug for page in pages for slug in slugs(page)] == every
    first, middle, last = (page.content.decode() for page in pages)
    assert '<h2 class="govuk-heading-m">131 propositions</h2>' in first
    assert "Showing 1 to 50 of 131, page 1 of 3." in first
    assert "Showing 51 to 100 of 131, page 2 of 3." in middle
    assert "Showing 101 to 131 of 131, page 3 of 3." in last
    assert "<title>Propositions – Strategy tracker</title>" in first
    assert "<title>Propositions (page 2 of 3) – Strategy tracker</title>" in middle
    assert [page_numbers(page) for page in pages] == [
        ["1*", "2", "3"],
        ["1", "2*", "3"],
        ["1", "2", "3*"],
    ]
    assert 'rel="prev"' not in pagination(pages[0])
    assert 'href="?page=2" rel="next"' in pagination(pages[0])
    assert 'href="?page=1" rel="prev"' in pagination(pages[1])
    assert 'href="?page=3" rel="next"' in pagination(pages[1])
    assert 'rel="next"' not in pagination(pages[2])
    assert '<nav class="govuk-pagination" aria-label="Pages of propositions">' in first


def test_the_page_links_keep_the_filters_and_the_search(client):
    add_propositions(120)
    query = {"status": "seeking_funding", "search": "extra proposition"}

    first = client.get(LIST, query)
    second = client.get(LIST, {**query, "page": 2})

    assert "120 propositions" in first.content.decode()
    assert 'href="?status=seeking_funding&amp;search=extra+proposition&amp;page=2" rel="next"' in (
        pagination(first)
    )
    assert slugs(second) == [f"extra-proposition-{n}" for n in range(50, 100)]
    assert 'href="?status=seeking_funding&amp;search=extra+proposition&amp;page=1" rel="prev"' in (
        pagination(second)
    )


def test_many_pages_are_elided_around_the_current_one(client, monkeypatch):
    monkeypatch.setattr("propositions.views.PROPOSITIONS_PER_PAGE", 1)

    assert page_numbers(client.get(LIST, {"page": 6})) == ["1", "…", "5", "6*", "7", "…", "11"]
    assert page_numbers(client.get(LIST, {"page": 1})) == ["1*", "2", "…", "11"]
    assert page_numbers(client.get(LIST, {"page": 11})) == ["1", "…", "10", "11*"]


@pytest.mark.parametrize("number", ["2", "0", "-1", "two", "1.5", "1\x00"])
def test_a_page_the_list_does_not_have_is_a_404_that_says_which_pages_it_has(client, number):
    response = client.get(LIST, {"status": "proposed", "page": number})

    assert response.status_code == 404
    assert response.context["propositions"] is None
    content = response.content.decode()
    assert "<title>Page not found: Propositions – Strategy tracker</title>" in content
    assert "There is no such page: these propositions fill 1 page." in content
    assert '<a class="govuk-link" href="?status=proposed&amp;page=1">Go to the first page</a>' in (
        content
    )
    assert "app-card" not in content
    assert client.get(LIST, {"status": "proposed", "page": "1"}).status_code == 200


def test_a_blank_page_is_the_first_like_a_blank_filter(client):
    add_propositions(120)

    assert slugs(client.get(LIST, {"page": ""})) == slugs(client.get(LIST, {"page": "1"}))


# One proposition


def test_a_proposition_page_shows_its_name_status_area_summary_detail_and_lead(client):
    response = client.get("/propositions/made-smarter/")

    assert response.status_code == 200
    assert response.context["proposition"].slug == "made-smarter"
    content = response.content.decode()
    assert "<title>Made Smarter Programme – Strategy tracker</title>" in content
    assert (
        '<meta name="description" content="A North East Made Smarter programme to accelerate '
        'the Industry 4.0 agenda across core manufacturing sectors.">'
    ) in content
    assert '<span class="govuk-caption-l">North East Local Industrial Strategy</span>' in content
    assert '<h1 class="govuk-heading-l">Made Smarter Programme</h1>' in content
    assert '<strong class="govuk-tag govuk-tag--yellow app-status">Seeking funding</strong>' in (
        content
    )
    assert (
        '<a class="govuk-link" href="/propositions/?area=advanced-manufacturing">Advanced '
        'manufacturing<span class="govuk-visually-hidden">: every proposition in it</span></a>'
    ) in content
    assert (
        '<p class="govuk-body">Delivering a Made Smarter programme to accelerate the Industry 4.0 '
        "agenda in the region across core manufacturing sectors through the North East Growth "
        "Hub and Tees Valley Compass</p>"
    ) in content
    assert '<a class="govuk-breadcrumbs__link" href="/propositions/">Propositions</a>' in content


def test_a_proposition_page_lists_the_lead_and_partners_with_their_roles(client):
    response = client.get("/propositions/made-smarter/")

    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*'
        r'<td class="govuk-table__cell">([^<]+)</td>',
        response.content.decode(),
    )
    assert rows[:4] == [
        ("North East Local Enterprise Partnership", "Lead"),
        ("North East Growth Hub", "Delivery partner"),
        ("Tees Valley Combined Authority", "Co-lead"),
        ("Tees Valley Compass", "Delivery partner"),
    ]


def test_a_proposition_page_gives_the_funding_note_and_says_when_no_sum_is_published(client):
    content = client.get("/propositions/made-smarter/").content.decode()

    assert (
        '<p class="govuk-body">We have proposed a collaborative programme to address these '
        "barriers and create a regional hub and adoption programme with Tees Valley Combined "
        "Authority, which will also secure funding to deliver a North East Made Smarter "
        "programme.</p>"
    ) in content
    assert re.findall(
        r'<dt class="govuk-summary-list__key">(Funding \w+|Starts|Ends)</dt>\s*'
        r'<dd class="govuk-summary-list__value[^"]*">([^<]+)</dd>',
        content,
    ) == [
        ("Starts", "Not published"),
        ("Ends", "Not published"),
        ("Funding sought", "Not published"),
        ("Funding secured", "Not published"),
    ]


@pytest.mark.parametrize(
    ("precision", "starts", "ends"),
    [
        pytest.param("day", "1 April 2020", "31 March 2023", id="day"),
        pytest.param("month", "April 2020", "March 2023", id="month"),
        pytest.param("year", "2020", "2023", id="year"),
    ],
)
def test_funding_is_in_pounds_and_the_dates_at_their_precision(client, precision, starts, ends):
    Proposition.objects.filter(slug="made-smarter").update(
        funding_sought=Decimal("2500000.00"),
        funding_secured=Decimal("1250000.50"),
        start_date=datetime.date(2020, 4, 1),
        end_date=datetime.date(2023, 3, 31),
        date_precision=precision,
    )

    content = client.get("/propositions/made-smarter/").content.decode()

    assert re.findall(
        r'<dt class="govuk-summary-list__key">(Funding \w+|Starts|Ends)</dt>\s*'
        r'<dd class="govuk-summary-list__value[^"]*">([^<]+)</dd>',
        content,
    ) == [
        ("Starts", starts),
        ("Ends", ends),
        ("Funding sought", "£2,500,000"),
        ("Funding secured", "£1,250,000.50"),
    ]


def test_a_proposition_page_gives_what_it_asks_of_government_and_of_regional_partners(client):
    free_zones = client.get("/propositions/digital-free-zones/").content.decode()
    revolution = client.get("/propositions/driving-the-electrical-revolution/").content.decode()

    assert '<h2 class="govuk-heading-m">What it asks of government</h2>' in free_zones
    assert (
        '<p class="govuk-body">Measures that the UK Government and regional partners could '
        "implement to optimise the flow of goods between the UK and other countries and "
        "maintain the competitiveness of UK business, in a preferred Free Zone model for the "
        "North East.</p>"
    ) in free_zones
    assert "The role of regional partners" not in free_zones
    assert '<h2 class="govuk-heading-m">The role of regional partners</h2>' in revolution
    assert (
        '<p class="govuk-body">Multiple universities and catapults in region are engaged '
        "through the new Science Park concept within IAMP.</p>"
    ) in revolution
    assert "What it asks of government" not in revolution


def test_the_detail_keeps_the_line_breaks_of_the_source(client):
    content = client.get("/propositions/digital-free-zones/").content.decode()

    assert (
        "It is likely to include:<br>Expanded Free Port facilities in key ports (potentially "
        "also include the airport) in the region.<br>The use of technology"
    ) in content


def test_a_proposition_page_names_its_grand_challenges_and_sector_deals(client):
    content = client.get("/propositions/test-beds-and-demonstrators/").content.decode()

    assert re.findall(r'href="/propositions/\?(\w+=[\w-]+)">([^<]+)<', content) == [
        ("area=advanced-manufacturing", "Advanced manufacturing"),
        ("grand_challenge=future-of-mobility", "Future of mobility"),
        ("grand_challenge=ageing-society", "Ageing society"),
        ("sector_deal=automotive", "Automotive"),
        ("sector_deal=life-sciences", "Life sciences"),
    ]


def test_a_proposition_with_no_grand_challenge_sector_deal_or_update_says_so(client):
    content = client.get("/propositions/trade-facilitation/").content.decode()

    assert content.count("None named") == 2
    # The presentation names no partner for trade facilitation: none is invented.
    involved = content.split("Who is involved</h2>")[1].split("<h2")[0]
    assert "Department for International Trade" not in involved
    assert "No milestones have been set." in content
    assert "No progress updates have been published yet." in content
    assert "It is not linked to any of the strategy’s targets yet." in content


def test_a_proposition_page_gives_the_milestones_and_the_targets_with_the_relationship(client):
    content = client.get("/propositions/large-scale-investments-iamp/").content.decode()

    assert re.sub(r"\s+", " ", re.search(r"<tbody.*?</tbody>", content, re.DOTALL)[0]) == (
        '<tbody class="govuk-table__body"> <tr class="govuk-table__row"> '
        '<th scope="row" class="govuk-table__header">Department for International Trade</th> '
        '<td class="govuk-table__cell">Government partner</td> </tr> </tbody>'
    )
    milestones, targets = re.findall(r"<tbody.*?</tbody>", content, re.DOTALL)[1:]
    assert re.sub(r"\s+", " ", milestones) == (
        '<tbody class="govuk-table__body"> <tr class="govuk-table__row"> '
        '<th scope="row" class="govuk-table__header">IAMP to create over 5,000 jobs</th> '
        '<td class="govuk-table__cell">2024</td> '
        '<td class="govuk-table__cell">Planned; no update since July 2019</td> '
        '<td class="govuk-table__cell">A £500 million development, IAMP is strategically '
        "located near Nissan to house major international supply chain companies and create "
        "over 5,000 jobs by 2024.</td> </tr> </tbody>"
    )
    assert re.sub(r"\s+", " ", targets) == (
        '<tbody class="govuk-table__body"> <tr class="govuk-table__row"> '
        '<th scope="row" class="govuk-table__header"><a class="govuk-link" '
        'href="/targets/iamp-jobs/">IAMP to create over 5,000 jobs by 2024</a></th> '
        '<td class="govuk-table__cell">The proposition&#x27;s own target</td> </tr> '
        '<tr class="govuk-table__row"> '
        '<th scope="row" class="govuk-table__header"><a class="govuk-link" '
        'href="/targets/jobs/">Increase the number of jobs by 100,000 by 2024</a></th> '
        '<td class="govuk-table__cell">Contributes to</td> </tr> </tbody>'
    )


def test_milestones_come_by_due_date_at_its_precision_approximate_marked_undated_last(client):
    hub = Proposition.objects.get(slug="sustainable-advanced-manufacturing-hub")
    Milestone.objects.create(proposition=hub, title="Partners named", order=2)
    Milestone.objects.create(
        proposition=hub,
        title="Funding bid",
        due_date=datetime.date(2019, 6, 1),
        status=Milestone.Status.ACHIEVED,
        achieved_on=datetime.date(2019, 5, 28),
    )
    Milestone.objects.create(
        proposition=hub,
        title="Hub opens",
        due_date=datetime.date(2021, 9, 1),
        due_date_precision="month",
        due_date_approximate=True,
        status=Milestone.Status.MISSED,
    )

    content = client.get(f"/propositions/{hub.slug}/").content.decode()

    assert re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*'
        r'<td class="govuk-table__cell">([^<]+)</td>\s*'
        r'<td class="govuk-table__cell">(.*?)</td>',
        content,
    ) == [
        ("Funding bid", "1 June 2019", "Achieved on 28 May 2019"),
        # Still planned years after its date: the page says how old that status is.
        ("CESAM on site", "2020", "Planned; no update since July 2019"),
        ("Hub opens", "around September 2021", "Missed"),
        ("Partners named", "Not set", "Planned"),
    ]


def test_the_latest_updates_come_newest_first_with_their_date_and_source(client):
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
            source_url=f"https://example.org/news/{date:%Y-%m-%d}",
        )

    content = client.get("/propositions/made-smarter/").content.decode()

    assert re.findall(
        r'id="update-\d+">([^<]+)</h3>\s*'
        r'<p class="govuk-body-s govuk-!-margin-bottom-2"><time datetime="([\d-]+)">([^<]+)</time>'
        r'</p>\s*<p class="govuk-body">([^<]+)</p>\s*'
        r'<p class="govuk-body-s"><a class="govuk-link" href="([^"]+)">Source'
        r'<span class="govuk-visually-hidden"> of “([^”]+)”</span></a></p>',
        content,
    ) == [
        (
            "Funding agreed",
            "2020-01-15",
            "15 January 2020",
            "Funding agreed.",
            "https://example.org/news/2020-01-15",
            "Funding agreed",
        ),
        (
            "Shortlisted",
            "2019-12-01",
            "1 December 2019",
            "Shortlisted.",
            "https://example.org/news/2019-12-01",
            "Shortlisted",
        ),
        (
            "Bid submitted",
            "2019-09-01",
            "1 September 2019",
            "Bid submitted.",
            "https://example.org/news/2019-09-01",
            "Bid submitted",
        ),
    ]
    assert '<p class="govuk-body">Newest first.</p>' in content


def test_only_the_ten_latest_updates_are_shown_with_a_link_to_all_of_them(client):
    made_smarter = Proposition.objects.get(slug="made-smarter")
    for day in range(1, 13):
        PropositionUpdate.objects.create(
            proposition=made_smarter,
            date=datetime.date(2020, 1, day),
            title=f"News of {day} January",
            text=".",
        )

    response = client.get("/propositions/made-smarter/")

    content = response.content.decode()
    assert re.findall(r'id="update-\d+">News of (\d+) January</h3>', content) == [
        str(day) for day in range(12, 2, -1)
    ]
    assert (
        '<p class="govuk-body">The 10 latest of 12 updates, newest first. Every update is in the '
        '<a class="govuk-link" href="/api/v1/propositions/made-smarter/">API’s data for this '
        "proposition (JSON)</a>.</p>"
    ) in content
    assert ">Source<" not in content


def test_an_unknown_proposition_is_a_404(client):
    assert client.get("/propositions/teleportation/").status_code == 404


# Query budgets


def add_propositions(count: int) -> None:
    """Propositions with a lead, partners, grand challenges, sector deals, a target,
    milestones and updates: every join either page makes."""
    lis = Strategy.objects.get(slug="north-east-lis")
    area = AreaOfStrategicImportance.objects.get(slug="advanced-manufacturing")
    lep = Organisation.objects.get(slug="north-east-lep")
    partners = list(Organisation.objects.filter(slug__in=["dit", "nissan"]))
    challenges = list(GrandChallenge.objects.all()[:2])
    deals = list(SectorDeal.objects.all()[:2])
    jobs = Target.objects.get(slug="jobs")
    propositions = Proposition.objects.bulk_create(
        Proposition(
            strategy=lis,
            area=area,
            slug=f"extra-proposition-{n}",
            name=f"Extra proposition {n}",
            summary="A summary.",
            detail="The detail.",
            status=Proposition.Status.SEEKING_FUNDING,
            lead=lep,
            order=20 + n,
        )
        for n in range(count)
    )
    PropositionPartner.objects.bulk_create(
        PropositionPartner(proposition=proposition, organisation=organisation)
        for proposition in propositions
        for organisation in partners
    )
    PropositionTarget.objects.bulk_create(
        PropositionTarget(proposition=proposition, target=jobs) for proposition in propositions
    )
    Milestone.objects.bulk_create(
        Milestone(proposition=proposition, title=f"Step {n}", due_date=datetime.date(2021, 1, n))
        for proposition in propositions
        for n in (1, 2)
    )
    PropositionUpdate.objects.bulk_create(
        PropositionUpdate(
            proposition=proposition, date=datetime.date(2020, 1, n), title=f"News {n}", text="."
        )
        for proposition in propositions
        for n in (1, 2)
    )
    for proposition in propositions:
        proposition.grand_challenges.set(challenges)
        proposition.sector_deals.set(deals)


@pytest.mark.parametrize(
    ("query", "budget", "expected_status", "seeded_rows", "grown_rows"),
    [
        # The data version; the site's publisher (the layout); the count of propositions and
        # the page of them with their areas and leads; the options of the area, grand
        # challenge, sector deal and lead selects. A page holds at most 50.
        pytest.param({}, 8, (200, 200), 11, 50, id="unfiltered"),
        # The same, and one look-up each to check the chosen area, grand challenge, sector
        # deal and lead.
        pytest.param(
            {
                "area": "advanced-manufacturing",
                "status": "seeking_funding",
                "grand_challenge": "ai-and-data-economy",
                "sector_deal": "aerospace",
                "lead": "north-east-lep",
                "search": "extra",
            },
            12,
            (200, 200),
            0,
            50,
            id="every-filter",
        ),
        # A bad value: the data version, the look-up that finds no such area, the publisher
        # and the four selects; no list.
        pytest.param({"area": "space"}, 7, (400, 400), 0, 0, id="bad-value"),
    ],
)
def test_the_list_takes_as_many_queries_with_200_more_propositions_as_with_the_seed(
    client, django_assert_max_num_queries, query, budget, expected_status, seeded_rows, grown_rows
):
    with django_assert_max_num_queries(budget):
        seeded = client.get(LIST, query)
    add_propositions(200)
    with django_assert_max_num_queries(budget):
        grown = client.get(LIST, query)

    assert (seeded.status_code, grown.status_code) == expected_status
    assert seeded.content.count(b'<article class="app-card"') == seeded_rows
    assert grown.content.count(b'<article class="app-card"') == grown_rows


def test_a_proposition_takes_as_many_queries_with_many_more_partners_milestones_and_updates(
    client, django_assert_max_num_queries
):
    add_propositions(200)
    made_smarter = Proposition.objects.get(slug="made-smarter")
    path = f"/propositions/{made_smarter.slug}/"
    # The data version; the site's publisher; the proposition with its strategy, area, lead
    # and number of updates; its partners with their organisations; its targets; its grand
    # challenges; its sector deals; its milestones; its latest updates.
    with django_assert_max_num_queries(9):
        client.get(path)
    PropositionPartner.objects.bulk_create(
        PropositionPartner(proposition=made_smarter, organisation=organisation)
        for organisation in Organisation.objects.exclude(propositions=made_smarter)
    )
    PropositionTarget.objects.bulk_create(
        PropositionTarget(proposition=made_smarter, target=target)
        for target in Target.objects.exclude(propositions=made_smarter)
    )
    made_smarter.grand_challenges.set(GrandChallenge.objects.all())
    made_smarter.sector_deals.set(SectorDeal.objects.all())
    for n in range(30):
        Milestone.objects.create(proposition=made_smarter, title=f"Step {n}")
        PropositionUpdate.objects.create(
            proposition=made_smarter, date=datetime.date(2020, 1, 1), title=f"News {n}", text="."
        )
    with django_assert_max_num_queries(9):
        response = client.get(path)

    proposition = response.context["proposition"]
    assert proposition.propositionpartner_set.count() == Organisation.objects.count()
    assert len(proposition.milestones.all()) == 30
    assert len(proposition.latest_updates) == 10
    assert proposition.update_count == 30


def test_an_update_says_at_which_meeting_it_was_reviewed(client):
    proposition = Proposition.objects.get(slug="made-smarter")
    PropositionUpdate.objects.create(
        proposition=proposition,
        date=datetime.date(2019, 7, 1),
        title="Reviewed",
        text="The Board reviewed the proposition.",
        meeting=Meeting.objects.get(title="LEP Board reviews progress"),
    )
    PropositionUpdate.objects.create(
        proposition=proposition, date=datetime.date(2019, 8, 1), title="Unreviewed", text="."
    )

    html = client.get(f"/propositions/{proposition.slug}/").content.decode()

    assert (
        'Reviewed at the meeting of the <a class="govuk-link" href="/governance/#north-east-lep-'
        'board">North East LEP Board</a>, between July 2018 and July 2019.' in html
    )
    assert html.count("Reviewed at the meeting") == 1
    api = client.get(f"/api/v1/propositions/{proposition.slug}/").json()
    assert [update["meeting"] for update in api["updates"]] == [
        None,
        Meeting.objects.get(title="LEP Board reviews progress").pk,
    ]


@pytest.mark.parametrize(
    ("precision", "today", "status"),
    [
        ("year", datetime.date(2020, 12, 31), "Planned"),
        ("year", datetime.date(2021, 1, 1), "Planned; no update since July 2019"),
        ("month", datetime.date(2020, 2, 29), "Planned"),
        ("month", datetime.date(2020, 3, 1), "Planned; no update since July 2019"),
        ("day", datetime.date(2020, 2, 1), "Planned"),
        ("day", datetime.date(2020, 2, 2), "Planned; no update since July 2019"),
    ],
)
def test_a_planned_milestone_is_stale_only_after_the_whole_of_its_due_period(
    precision, today, status
):
    milestone = Milestone(
        title="Due in February 2020",
        due_date=datetime.date(2020, 2, 1),
        due_date_precision=precision,
        status_checked_on=datetime.date(2019, 7, 1),
    )

    assert milestone.status_text(today) == status
