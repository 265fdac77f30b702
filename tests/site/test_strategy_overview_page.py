"""The strategy page, the accessibility statement and the error pages."""

import datetime
import itertools
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import path, reverse

from strategy.models import (
    AreaOfStrategicImportance,
    DiscussionQuestion,
    EvidenceReport,
    Finding,
    GrandChallenge,
    GrandChallengePriority,
    KeyFact,
    SectorDeal,
    SectorDealCommitment,
    Strategy,
    StrategyAim,
)
from tests.seed import AREA_CODES

# The seed's strategy page: the strategies with their aims, foundations, grand challenges
# and priorities, sector deals and commitments, areas with their grand challenges, sector
# deals, facts and findings, reports, questions and follow-ups; facts and findings outside
# any area; the glossary's terms; the authorities named by the area's codes; the publisher
# for the layout; and the data version.
OVERVIEW_QUERIES = 21


def _raise_an_error(request):
    raise RuntimeError("A fault in a view")


# Used only by the tests marked `@pytest.mark.urls(__name__)`.
urlpatterns = [path("broken/", _raise_an_error)]


INLINE_ELEMENTS = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "time"}
VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def text(self) -> str:
        parts = [
            child
            if isinstance(child, str)
            else child.text
            if child.tag in INLINE_ELEMENTS
            else f" {child.text} "
            for child in self.children
        ]
        return " ".join("".join(parts).split())

    def iter(self, *tags):
        for child in self.children:
            if isinstance(child, Node):
                if not tags or child.tag in tags:
                    yield child
                yield from child.iter(*tags)

    def following(self) -> list["Node"]:
        """The elements after this one in its parent."""
        siblings = [node for node in self.parent.children if isinstance(node, Node)]
        return siblings[siblings.index(self) + 1 :]

    def find_id(self, element_id):
        return next(node for node in self.iter() if node.attrs.get("id") == element_id)

    def table(self, caption):
        """The rows of the table with this caption, as lists of cell texts."""
        for table in self.iter("table"):
            if next(table.iter("caption")).text == caption:
                body = next(table.iter("tbody"))
                return [[cell.text for cell in row.iter("th", "td")] for row in body.iter("tr")]
        raise AssertionError(f"No table captioned {caption!r}")


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = self.current = Node("document", [])

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response) -> Node:
    builder = TreeBuilder()
    builder.feed(response.content.decode())
    return builder.root


def headings(within: Node) -> list[tuple[int, str]]:
    return [
        (int(node.tag[1]), node.text) for node in within.iter("h1", "h2", "h3", "h4", "h5", "h6")
    ]


def assert_headings_in_order(root: Node):
    levels = [level for level, _ in headings(root)]
    assert levels.count(1) == 1
    assert levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} is followed by h{after}"


def overview(client):
    return client.get(reverse("strategy-overview"))


@pytest.mark.usefixtures("seed")
class TestTheStrategyPage:
    def test_it_is_a_page_of_the_site_with_one_h1_and_headings_in_order(self, client):
        response = overview(client)
        root = parse(response)

        assert response.status_code == 200
        assert "<title>The strategy – Strategy tracker</title>" in response.content.decode()
        assert next(root.iter("h1")).text == "The strategy and how it fits together"
        assert_headings_in_order(root)
        breadcrumbs = next(
            node for node in root.iter("nav") if node.attrs.get("aria-label") == "Breadcrumb"
        )
        assert [(a.attrs["href"], a.text) for a in breadcrumbs.iter("a")] == [("/", "Home")]

    def test_the_contents_list_leads_to_every_section(self, client):
        root = parse(overview(client))

        contents = next(
            node
            for node in root.iter("nav")
            if node.attrs.get("aria-labelledby") == "contents-heading"
        )
        links = [(a.attrs["href"], a.text) for a in contents.iter("a")]
        assert links == [
            ("#uk-industrial-strategy", "UK Industrial Strategy"),
            ("#north-east-sep", "North East Strategic Economic Plan"),
            ("#north-east-lis", "North East Local Industrial Strategy"),
            ("#how-they-fit-together", "How the strategies fit together"),
            ("#the-area", "The area"),
            ("#what-is-productivity", "What is productivity?"),
            ("#areas-of-strategic-importance", "Areas of strategic importance"),
            ("#evidence-base", "The evidence base"),
            ("#discussion-questions", "Questions for partners"),
            ("#how-progress-is-measured", "How progress is measured"),
        ]
        for href, _ in links:
            assert root.find_id(href[1:])

    def test_it_gives_the_industrial_strategys_foundations_with_their_ambitions(self, client):
        root = parse(overview(client))

        section = root.find_id("uk-industrial-strategy").parent
        assert "The vision is for the UK to: — be the world’s most innovative economy" in (
            section.text
        )
        assert root.table("The foundations of productivity and the ambition for each") == [
            ["Ideas", "The world’s most innovative economy"],
            ["People", "Good jobs and greater earning power for all"],
            ["Infrastructure", "A major upgrade to the UKs infrastructure"],
            ["Business Environment", "The best place to start and grow a business"],
            ["Places", "Prosperous communities across the UK"],
        ]

    def test_it_gives_the_grand_challenges_and_the_future_of_mobilitys_priorities(self, client):
        root = parse(overview(client))

        section = root.find_id("uk-industrial-strategy").parent
        assert [text for level, text in headings(section) if level == 4][:4] == [
            "Artificial intelligence and data economy",
            "Clean growth",
            "Future of mobility",
            "Ageing society",
        ]
        mobility = root.find_id("grand-challenge-future-of-mobility")
        after = mobility.following()
        assert after[0].text == (
            "Ambition: We will become a world leader in shaping the future of mobility."
        )
        assert after[1].text == "Its early priorities:"
        assert [item.text for item in after[2].iter("li")] == [
            (
                "Establishing a flexible regulatory framework to encourage new modes of transport "
                "and new business models."
            ),
            (
                "Seizing the opportunities and addressing the challenges of moving from hydrocarbon "
                "to zero emission vehicles."
            ),
            (
                "Preparing for a future of new mobility services, increased autonomy, journey "
                "sharing and a blurring of the distinctions between private and public transport."
            ),
            (
                "Exploring ways to use data to accelerate development of new mobility services and "
                "enable the more effective operation of our transport system."
            ),
        ]

    def test_it_gives_the_sector_deals_with_their_key_commitments(self, client):
        root = parse(overview(client))

        deals = [
            node for node in root.iter("h4") if node.attrs.get("id", "").startswith("sector-deal-")
        ]
        assert [deal.text for deal in deals] == [
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
        automotive = root.find_id("sector-deal-automotive")
        commitments = automotive.following()[2]
        assert [item.text for item in commitments.iter("li")][:2] == [
            (
                "Investing into the Advanced Propulsion Centre to research, develop and "
                "industrialise new low-carbon automotive technologies."
            ),
            "Investing into automotive R&D.",
        ]
        assert len(list(commitments.iter("li"))) == 6

    def test_it_says_what_the_sep_and_the_lis_are_who_publishes_them_and_when(self, client):
        root = parse(overview(client))

        def summary(slug):
            section = root.find_id(slug).parent
            dl = next(section.iter("dl"))
            return [
                (next(row.iter("dt")).text, next(row.iter("dd")).text) for row in dl.iter("div")
            ]

        assert summary("north-east-sep") == [
            ("What it is", "Strategic economic plan"),
            ("Published by", "North East LEP"),
            ("Status", "Published"),
            ("Published", "2014"),
            ("Runs", "From 2014 to 2024"),
            ("Area", "North East LEP area (E37000025) (its local authorities)"),
        ]
        assert summary("north-east-lis") == [
            ("What it is", "Local industrial strategy"),
            ("Published by", "HM Government, with the North East LEP"),
            ("Status", "In development"),
            ("Published", "Not yet published"),
            ("Runs", "To 2030"),
            ("Area", "North East LEP area (E37000025) (its local authorities)"),
            ("Aligned to", "UK Industrial Strategy"),
        ]
        lis = root.find_id("north-east-lis").parent
        assert [item.text for item in next(lis.iter("ol")).iter("li")] == [
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
        ]
        assert (
            "Vision Grow and develop North East economy"
            in root.find_id("north-east-sep").parent.text
        )

    def test_each_strategy_with_targets_links_to_its_dashboard(self, client):
        root = parse(overview(client))

        dashboards = [
            (a.attrs["href"], a.text) for a in root.iter("a") if "/strategies/" in a.attrs["href"]
        ]
        assert dashboards == [
            ("/strategies/north-east-sep/", "Where the SEP targets stand"),
            ("/strategies/north-east-lis/", "Where the LIS targets stand"),
        ]
        assert "(6 targets)" in root.find_id("north-east-sep").parent.text

    def test_it_says_in_words_how_the_strategies_fit_together(self, client):
        root = parse(overview(client))

        section = root.find_id("how-they-fit-together").parent
        assert (
            "The North East Local Industrial Strategy is aligned to the UK Industrial Strategy. "
            "Aligned to the UK’s Industrial Strategy. How it fits with the North East Strategic "
            "Economic Plan: — Delivery mechanism to increase productivity and living standards "
            "— Maximise North East assets and opportunities to address our challenges."
        ) in section.text
        assert (
            "The North East Strategic Economic Plan is not recorded as aligned to another strategy."
        ) in section.text
        assert [a.attrs["href"] for a in section.iter("a")] == [
            "#uk-industrial-strategy",
            "#areas-of-strategic-importance",
        ]

    def test_each_area_links_to_its_grand_challenges_and_sector_deals(self, client):
        root = parse(overview(client))

        section = root.find_id("areas-of-strategic-importance").parent
        assert [text for level, text in headings(section) if level == 3] == [
            "Digital",
            "Advanced manufacturing",
            "Health and life sciences",
            "Energy",
        ]
        assert [(a.attrs["href"], a.text) for a in section.iter("a")] == [
            ("#grand-challenge-future-of-mobility", "Future of mobility"),
            ("#sector-deal-aerospace", "Aerospace Sector Deal"),
            ("#sector-deal-automotive", "Automotive Sector Deal"),
            ("#sector-deal-life-sciences", "Life sciences Sector Deal"),
            ("#sector-deal-rail", "Rail Sector Deal"),
        ]

    def test_the_reports_give_their_publisher_and_date_at_the_precision_known(self, client):
        EvidenceReport.objects.filter(slug="review-of-north-east-productivity").update(
            publisher="North East LEP",
            published_on=datetime.date(2018, 7, 1),
            published_on_precision="month",
            url="https://example.org/productivity-review",
        )

        root = parse(overview(client))

        our_economy = root.find_id("report-our-economy")
        review = root.find_id("report-review-of-north-east-productivity")
        assert our_economy.text == "Our Economy"
        assert our_economy.following()[0].text == (
            "Annual report. Published by: North East LEP. Date: not given."
        )
        assert review.following()[0].text == (
            "Commissioned review. Published by: North East LEP. Date: July 2018."
        )
        assert [(a.attrs["href"], a.text) for a in review.iter("a")] == [
            ("https://example.org/productivity-review", "Review of North East productivity")
        ]

    def test_the_key_facts_give_value_unit_year_and_source(self, client):
        rows = parse(overview(client)).table(
            "Key facts: Advanced manufacturing, with their sources"
        )

        assert len(rows) == 18
        assert [
            "Automotive manufacturing",
            "There are over 240 companies in the North East sector",
            "Over 240",
            "companies",
            "Not given",
            "Review of North East sectors, competencies and assets",
        ] in rows
        assert [
            "International Advanced Manufacturing Park (IAMP)",
            (
                "IAMP is strategically located near Nissan to house major international supply "
                "chain companies and create over 5,000 jobs by 2024."
            ),
            "Over 5,000",
            "jobs",
            "2024",
            "North East LEP, “Advanced manufacturing in the North East” (Enterprise Zones)",
        ] in rows
        figures = {row[1]: row[2] for row in rows}
        assert (
            figures[
                "First for Pharma reports that the industry employs between 4,300 and 5,300 in the region"
            ]
            == "Between 4,300 and 5,300"
        )
        assert figures["46 investments totalling £1.6 billion over the past five years"] == "1.6"

    def test_the_findings_are_grouped_by_kind(self, client):
        root = parse(overview(client))

        section = root.find_id("evidence-base").parent
        assert [text for level, text in headings(section) if level == 4][-6:] == [
            "Key facts",
            "What the evidence tells us",
            "Opportunities",
            "Constraints on growth",
            "Recommendations",
            "What works",
        ]
        lists = {heading.text: heading.following()[0] for heading in section.iter("h4")}
        assert next(lists["Constraints on growth"].iter("li")).text == (
            "Short payback times Short payback times demanded by manufacturers. "
            "Source: Review of North East sectors, competencies and assets."
        )
        assert len(list(lists["Recommendations"].iter("li"))) == 6

    def test_facts_and_findings_outside_any_area_are_shown_too(self, client):
        KeyFact.objects.create(
            subject="The region",
            statement="About 2 million people live in the area",
            qualifier="about",
            value=Decimal(2),
            unit="million people",
            source="ONS mid-year estimates",
        )
        Finding.objects.create(kind="constraint", text="Distance from the largest markets.")

        root = parse(overview(client))

        assert root.table("Key facts: across the areas, with their sources") == [
            [
                "The region",
                "About 2 million people live in the area",
                "About 2",
                "million people",
                "Not given",
                "ONS mid-year estimates",
            ],
        ]
        assert "Evidence across the areas" in [text for _, text in headings(root)]
        assert "Distance from the largest markets." in root.find_id("evidence-base").parent.text

    def test_it_lists_the_discussion_questions_with_their_follow_ups(self, client):
        root = parse(overview(client))

        section = root.find_id("discussion-questions").parent
        assert [text for level, text in headings(section) if level == 3] == [
            "Questions about the evidence base",
            "Questions about the proposed approach",
        ]
        approach = list(section.iter("ol"))[1]
        top_level = [item for item in approach.children if isinstance(item, Node)]
        assert len(top_level) == 3
        assert top_level[2].text == (
            "What is needed to deliver the proposed approach? What is the ‘ask’ of government? "
            "What is the role of regional partners?"
        )

    def test_it_explains_how_progress_is_measured_in_plain_words(self, client):
        root = parse(overview(client))

        section = root.find_id("how-progress-is-measured")
        text = section.text
        assert [node.text for node in section.iter("strong")][:10] == [
            "A starting point and an end date.",
            "A straight line between them.",
            "Progress is a share of the way.",
            "Five kinds of target.",
            "Gaps, by difference or by ratio.",
            "Six statuses.",
            "Official figures and the LEP’s own assessments.",
            "Where the trend leads.",
            "After the target date.",
            "Drafts never count.",
        ]
        assert [node.text for node in section.iter("em")][:6] == [
            "On track",
            "At risk",
            "Off track",
            "Met",
            "Not met",
            "Not assessed",
        ]
        assert "allowing a tolerance of 10 percentage points" in text
        assert "progress is behind the line, but by no more than 10 percentage points." in text
        assert "where both cover the same period, the official figures win" in text
        assert "Only those that an approver has checked and published appear on this site" in text

    def test_the_method_on_the_site_is_the_rule_book_in_the_repository(self, client):
        document = (settings.BASE_DIR / "docs" / "methodology.md").read_text()
        section = parse(overview(client)).find_id("how-progress-is-measured")

        sections = [line[3:] for line in document.splitlines() if line.startswith("## ")]
        assert [node.text for node in section.iter("h3")] == sections
        assert "Final figure awaited" in section.text
        for table in section.iter("table"):
            assert table.attrs["class"] == "govuk-table"

    def test_the_home_pages_link_to_the_method_leads_to_it(self, client):
        home = client.get(reverse("home")).content.decode()

        assert 'href="/strategy/#how-progress-is-measured"' in home
        assert parse(overview(client)).find_id("how-progress-is-measured").tag == "section"

    def test_the_number_of_queries_does_not_grow_with_the_strategy(
        self, client, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(OVERVIEW_QUERIES):
            assert overview(client).status_code == 200

        add_much_more_strategy()

        with django_assert_max_num_queries(OVERVIEW_QUERIES):
            response = overview(client)
        root = parse(response)
        assert len(root.table("Key facts: Extra area 0, with their sources")) == 5
        assert len(root.table("Key facts: across the areas, with their sources")) == 5
        assert (
            len([n for n in root.iter("h4") if n.attrs.get("id", "").startswith("sector-deal-")])
            == 40
        )


def add_much_more_strategy():
    """Many more rows of every kind the strategy page shows."""
    national = Strategy.objects.get(slug="uk-industrial-strategy")
    local = Strategy.objects.create(
        slug="another-plan",
        title="Another Economic Plan",
        kind=Strategy.Kind.ECONOMIC_PLAN,
        publisher="Another LEP",
        status=Strategy.Status.PUBLISHED,
        summary="Another plan.",
        aligns_to=national,
        alignment="Delivers the national strategy locally.",
    )
    StrategyAim.objects.bulk_create(StrategyAim(strategy=local, text=f"Aim {i}") for i in range(10))
    deals = SectorDeal.objects.bulk_create(
        SectorDeal(strategy=national, slug=f"extra-deal-{i}", name=f"Extra {i}") for i in range(30)
    )
    SectorDealCommitment.objects.bulk_create(
        SectorDealCommitment(sector_deal=deal, text=f"Commitment {i}")
        for deal in deals
        for i in range(5)
    )
    challenges = GrandChallenge.objects.bulk_create(
        GrandChallenge(strategy=national, slug=f"extra-challenge-{i}", name=f"Challenge {i}")
        for i in range(10)
    )
    GrandChallengePriority.objects.bulk_create(
        GrandChallengePriority(grand_challenge=challenge, text=f"Priority {i}")
        for challenge in challenges
        for i in range(3)
    )
    reports = EvidenceReport.objects.bulk_create(
        EvidenceReport(
            strategy=local,
            slug=f"extra-report-{i}",
            title=f"Report {i}",
            kind="other",
            description="A report.",
        )
        for i in range(10)
    )
    for i in range(10):
        area = AreaOfStrategicImportance.objects.create(
            strategy=local, slug=f"extra-area-{i}", name=f"Extra area {i}"
        )
        area.grand_challenges.set(challenges[:3])
        area.sector_deals.set(deals[:5])
        KeyFact.objects.bulk_create(
            KeyFact(
                area=area,
                report=reports[i],
                subject="Extra",
                statement=f"Fact {j}",
                value=Decimal(j),
                unit="things",
                source="A source",
            )
            for j in range(5)
        )
        Finding.objects.bulk_create(
            Finding(area=area, report=reports[i], kind=kind, text=f"Finding {j}")
            for j, kind in enumerate(Finding.Kind.values)
        )
    KeyFact.objects.bulk_create(
        KeyFact(
            subject="Extra",
            statement=f"Loose fact {j}",
            value=Decimal(j),
            unit="things",
            source="A source",
        )
        for j in range(5)
    )
    Finding.objects.bulk_create(
        Finding(report=reports[0], kind="what_works", text=f"Loose finding {j}") for j in range(5)
    )
    for i in range(5):
        question = DiscussionQuestion.objects.create(
            strategy=local, topic="approach", text=f"Question {i}?"
        )
        DiscussionQuestion.objects.bulk_create(
            DiscussionQuestion(strategy=local, topic="approach", parent=question, text=f"Q{i}.{j}?")
            for j in range(3)
        )


@pytest.mark.usefixtures("seed")
class TestTheAccessibilityStatement:
    def test_it_follows_the_sample_statements_structure(self, client):
        response = client.get(reverse("accessibility"))
        root = parse(response)

        assert response.status_code == 200
        assert "<title>Accessibility statement – Strategy tracker</title>" in (
            response.content.decode()
        )
        assert_headings_in_order(root)
        main = next(root.iter("main"))
        assert headings(main) == [
            (1, "Accessibility statement for the Strategy tracker"),
            (2, "How accessible this website is"),
            (2, "What to do if you cannot access parts of this website"),
            (2, "Reporting accessibility problems with this website"),
            (2, "Enforcement procedure"),
            (2, "Technical information about this website’s accessibility"),
            (3, "Compliance status"),
            (3, "Non-accessible content"),
            (4, "Non-compliance with the accessibility regulations"),
            (4, "Content that’s not within the scope of the accessibility regulations"),
            (2, "What we’re doing to improve accessibility"),
            (2, "Preparation of this accessibility statement"),
        ]

    def test_it_names_who_runs_the_site_from_the_data(self, client):
        Strategy.objects.filter(slug="north-east-sep").update(publisher="Tyne Valley LEP")

        text = next(parse(client.get(reverse("accessibility"))).iter("main")).text

        assert "This website is run by Tyne Valley LEP." in text
        assert "contact Tyne Valley LEP through its own website" in text
        assert "North East LEP" not in text

    def test_it_says_honestly_what_is_tested_and_what_is_not(self, client):
        main = next(parse(client.get(reverse("accessibility"))).iter("main"))
        text = main.text

        assert (
            "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard."
            in text
        )
        assert (
            "automated browser tests open the public pages in Chromium and check them with axe-core’s accessibility rules"
            in text
        )
        assert "no manual screen reader audit" in text
        assert "This statement was prepared on 1 December 2026." in text

    def test_it_links_to_the_enforcement_procedure_and_invents_no_contact_details(self, client):
        main = next(parse(client.get(reverse("accessibility"))).iter("main"))

        links = {a.text: a.attrs["href"] for a in main.iter("a")}
        assert links["contact the Equality Advisory and Support Service (EASS)"] == (
            "https://www.equalityadvisoryservice.com/"
        )
        assert not [href for href in links.values() if href.startswith(("mailto:", "tel:"))]
        assert "@" not in main.text


@pytest.mark.usefixtures("seed")
class TestTheErrorPages:
    def test_an_unknown_public_path_gives_the_sites_page_not_found(self, client):
        response = client.get("/no-such-page/")
        root = parse(response)

        assert response.status_code == 404
        assert "<title>Page not found – Strategy tracker</title>" in response.content.decode()
        assert next(root.iter("h1")).text == "Page not found"
        assert "There is no page at /no-such-page/." in next(root.iter("main")).text
        assert [(a.attrs["href"], a.text) for a in next(root.iter("main")).iter("a")] == [
            ("/", "The home page"),
            ("/propositions/", "The propositions"),
            ("/strategy/", "The strategy"),
            ("/governance/", "Governance"),
        ]
        assert next(root.iter("header")).text == "North East LEP Strategy tracker"
        assert_headings_in_order(root)

    def test_an_unknown_api_path_is_still_json(self, client):
        response = client.get("/api/v1/no-such-resource/")

        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}

    def test_the_500_page_renders_without_a_request_or_the_database(
        self, django_assert_num_queries
    ):
        with django_assert_num_queries(0):
            html = render_to_string("500.html")

        assert '<link rel="stylesheet" href="/static/tracker/tracker.css">' in html
        assert '<a href="/" class="app-header__link">Strategy tracker</a>' in html
        assert (
            '<h1 class="govuk-heading-xl">Sorry, there is a problem with the service</h1>' in html
        )

    @pytest.mark.urls(__name__)
    def test_a_view_that_fails_gives_500_with_that_page(self, client):
        client.raise_request_exception = False

        response = client.get("/broken/")

        assert response.status_code == 500
        assert "Sorry, there is a problem with the service" in response.content.decode()
        assert "A fault in a view" not in response.content.decode()


class TestTheAreaAndTheTermsOnTheStrategyPage:
    pytestmark = pytest.mark.usefixtures("seed")

    def test_it_names_the_seven_local_authorities_with_their_codes_once(self, client):
        section = parse(overview(client)).find_id("the-area")
        html = overview(client).content.decode()

        assert section is not None
        assert "The North East LEP area (E37000025) is made up of seven local authorities" in html
        authorities = html.split('id="the-area"')[1].split("</ul>")[0]
        for code in ("E06000047", "E08000037", "E08000021", "E08000022", "E06000057"):
            assert f"({code})</li>" in authorities
        assert "Sunderland (E08000024)" in authorities
        assert html.count('id="the-area"') == 1

    def test_it_explains_productivity_as_the_data_holds_it(self, client):
        html = overview(client).content.decode()

        assert '<h2 class="govuk-heading-l govuk-!-margin-top-8" id="what-is-productivity">' in html
        assert "Productivity measures how much output is produced by a given input" in html

    def test_the_api_gives_the_areas_gss_codes(self, client):
        strategy = client.get("/api/v1/strategies/north-east-sep/").json()

        assert strategy["area_codes"] == AREA_CODES
