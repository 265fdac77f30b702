"""The public governance page (who decides and who advises, members, meetings and
decisions) and the timeline of how the strategy was developed."""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from governance.models import (
    Decision,
    GovernanceBody,
    Meeting,
    Membership,
    Organisation,
    TimelineEntry,
)
from strategy.models import DatePrecision, Strategy

pytestmark = pytest.mark.usefixtures("seed")


def page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response


def squashed(response):
    """The page's HTML with each run of white space made one space, so that assertions
    can quote the markup however the template lays it out."""
    return " ".join(response.content.decode().split())


def between(html, start, end):
    """The part of the page from `start` up to `end`."""
    return html.split(start, 1)[1].split(end, 1)[0]


class TreeReader(HTMLParser):
    """The bodies in the reporting-lines diagram, in order, each with how deeply it is
    nested (1 for a body that reports to no body shown)."""

    def __init__(self):
        super().__init__()
        self.open_lists = []  # for each open <ul>, whether it is a level of the tree
        self.bodies = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul":
            self.open_lists.append("app-governance-tree__level" in (attrs.get("class") or ""))
        elif tag == "a" and "app-governance-tree__name" in (attrs.get("class") or ""):
            self.bodies.append((attrs["href"], sum(self.open_lists)))

    def handle_endtag(self, tag):
        if tag == "ul":
            self.open_lists.pop()


def tree_of(response):
    reader = TreeReader()
    reader.feed(response.content.decode())
    return reader.bodies


@pytest.fixture
def lis():
    return Strategy.objects.get(slug="north-east-lis")


def add_many_more(lis):
    """Twenty more bodies, each with three members, two meetings of three decisions and
    two timeline entries with bodies and organisations."""
    board = GovernanceBody.objects.get(slug="north-east-lep-board")
    government = Organisation.objects.get(slug="hm-government")
    reports_to = board
    for number in range(20):
        body = GovernanceBody.objects.create(
            strategy=lis,
            slug=f"panel-{number}",
            name=f"Panel {number}",
            role=GovernanceBody.Role.ADVISES,
            organisation=government,
            reports_to=reports_to,
            meeting_frequency="Quarterly",
            order=10 + number,
        )
        # Every other panel reports to the one before, so the diagram is deep and wide.
        reports_to = body if number % 2 == 0 else board
        for seat in range(3):
            organisation = Organisation.objects.create(
                slug=f"organisation-{number}-{seat}",
                name=f"Organisation {number}-{seat}",
                kind=Organisation.Kind.BUSINESS,
            )
            Membership.objects.create(
                body=body, organisation=organisation, role=Membership.Role.MEMBER
            )
        for month in (3, 9):
            meeting = Meeting.objects.create(
                body=body,
                date=datetime.date(2020, month, number + 1),
                title=f"Panel {number} meets",
            )
            for order in range(3):
                Decision.objects.create(
                    meeting=meeting,
                    outcome=Decision.Outcome.NOTED,
                    text=f"Noted item {order}.",
                    order=order,
                )
            entry = TimelineEntry.objects.create(
                strategy=lis,
                track=TimelineEntry.Track.ENGAGEMENT,
                title=f"Panel {number} consults in month {month}",
                status=TimelineEntry.Status.DONE,
                date=datetime.date(2020, month, 1),
                meeting=meeting,
            )
            entry.bodies.set([body, board])
            entry.organisations.set([government, organisation])


# The governance page

SEED_BODIES = [
    (
        "secretary-of-state-beis",
        "Secretary of State for Business, Energy and Industrial Strategy",
        "Decides",
    ),
    ("north-east-lep-board", "North East LEP Board", "Decides"),
    ("lis-steering-group", "North East Local Industrial Strategy Steering Group", "Steers"),
    ("lis-working-group", "North East Local Industrial Strategy Working Group", "Advises"),
    ("north-east-economic-evidence-forum", "North East Economic Evidence Forum", "Critical friend"),
    ("cross-whitehall-lis-analytical-panel", "Cross-Whitehall LIS Analytical Panel", "Assures"),
]


def test_the_governance_page_has_its_title_and_breadcrumbs(client):
    html = squashed(page(client, "governance:bodies"))

    assert "<title>Governance: who decides and who advises – Strategy tracker</title>" in html
    assert '<h1 class="govuk-heading-xl">Governance</h1>' in html
    assert '<span class="govuk-caption-l">North East Local Industrial Strategy</span>' in html
    assert (
        '<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/">'
        "Home</a></li> </ol>"
    ) in html


def test_one_sentence_near_the_top_says_who_decides_and_who_advises(client):
    html = squashed(page(client, "governance:bodies"))

    assert (
        '<p class="govuk-body-l">The Secretary of State for Business, Energy and Industrial '
        "Strategy and the North East LEP Board decide; the North East Local Industrial "
        "Strategy Steering Group steers the work; the North East Local Industrial Strategy "
        "Working Group advises; the North East Economic Evidence Forum is a critical friend; "
        "and the Cross-Whitehall LIS Analytical Panel gives assurance.</p>"
    ) in html
    assert html.index('<p class="govuk-body-l">The Secretary') < html.index("<h2")


@pytest.mark.parametrize(("slug", "name", "role"), SEED_BODIES, ids=[b[0] for b in SEED_BODIES])
def test_each_body_has_an_anchor_and_its_role(client, slug, name, role):
    html = squashed(page(client, "governance:bodies"))

    assert f'<h3 class="govuk-heading-m" id="{slug}">{name}</h3>' in html
    assert (
        f'<a class="govuk-link app-governance-tree__name" href="#{slug}">{name}</a> '
        f'<strong class="govuk-tag govuk-tag--grey app-governance-tree__role">{role}</strong>'
    ) in html
    section = between(html, f'id="{slug}"', "</dl>")
    assert (
        '<dt class="govuk-summary-list__key">Role</dt> '
        f'<dd class="govuk-summary-list__value">{role}</dd>'
    ) in section


def test_the_diagram_draws_each_body_inside_the_body_it_reports_to(client):
    assert tree_of(page(client, "governance:bodies")) == [
        ("#secretary-of-state-beis", 1),
        ("#north-east-lep-board", 2),
        ("#lis-steering-group", 3),
        ("#lis-working-group", 4),
        ("#north-east-economic-evidence-forum", 1),
        ("#cross-whitehall-lis-analytical-panel", 1),
    ]


def test_the_reporting_lines_are_also_given_in_words(client):
    html = squashed(page(client, "governance:bodies"))

    lines = between(html, "The reporting lines in words</h3>", "</ul>")
    assert lines == (
        ' <ul class="govuk-list govuk-list--bullet"> '
        "<li>No reporting line is recorded for the Secretary of State for Business, Energy "
        "and Industrial Strategy.</li> "
        "<li>The North East LEP Board reports to the Secretary of State for Business, Energy "
        "and Industrial Strategy.</li> "
        "<li>The North East Local Industrial Strategy Steering Group reports to the North "
        "East LEP Board.</li> "
        "<li>The North East Local Industrial Strategy Working Group reports to the North East "
        "Local Industrial Strategy Steering Group.</li> "
        "<li>No reporting line is recorded for the North East Economic Evidence Forum.</li> "
        "<li>No reporting line is recorded for the Cross-Whitehall LIS Analytical Panel.</li> "
    )


def test_a_body_links_to_the_body_it_reports_to_and_those_reporting_to_it(client):
    html = squashed(page(client, "governance:bodies"))

    section = between(html, 'id="north-east-lep-board"', "</dl>")
    assert (
        '<dd class="govuk-summary-list__value"><a class="govuk-link" '
        'href="#secretary-of-state-beis">Secretary of State for Business, Energy and '
        "Industrial Strategy</a></dd>"
    ) in section
    assert (
        '<dt class="govuk-summary-list__key">Reporting to it</dt> '
        '<dd class="govuk-summary-list__value"> <ul class="govuk-list"> <li><a '
        'class="govuk-link" href="#lis-steering-group">North East Local Industrial Strategy '
        "Steering Group</a></li> </ul> </dd>"
    ) in section
    assert "North East Local Enterprise Partnership" in between(section, "Part of</dt>", "</dd>")


def test_a_body_lists_its_members_with_their_role_on_it_and_how_often_it_meets(client):
    html = squashed(page(client, "governance:bodies"))

    steering = between(html, 'id="lis-steering-group"', "</dl>")
    assert (
        '<dt class="govuk-summary-list__key">Meets</dt> '
        '<dd class="govuk-summary-list__value">Monthly</dd>'
    ) in steering
    assert between(steering, "Members</dt>", "</dd>") == (
        ' <dd class="govuk-summary-list__value"> <ul class="govuk-list"> '
        "<li>HM Government (Government): representative</li> "
        "<li>Newcastle University (on behalf of four universities): representative</li> "
        "<li>North East Combined Authority: representative</li> "
        "<li>North East Local Enterprise Partnership: representative</li> "
        "<li>North of Tyne Combined Authority: representative</li> "
        "</ul> "
    )
    forum = between(html, 'id="north-east-economic-evidence-forum"', "</dl>")
    assert "No members are recorded" in forum
    assert '<dd class="govuk-summary-list__value">Not recorded</dd>' in forum


def test_a_named_chair_is_listed_first_with_the_dates_of_the_seat(client):
    body = GovernanceBody.objects.get(slug="lis-steering-group")
    Membership.objects.create(
        body=body,
        organisation=Organisation.objects.get(slug="tees-valley-combined-authority"),
        person="Ada Lovelace",
        role=Membership.Role.CHAIR,
        start_date=datetime.date(2018, 7, 2),
        end_date=datetime.date(2019, 7, 31),
    )

    html = squashed(page(client, "governance:bodies"))

    members = between(between(html, 'id="lis-steering-group"', "</dl>"), "Members</dt>", "</li>")
    assert members.endswith(
        "<li>Ada Lovelace, Tees Valley Combined Authority: chair, from 2 July 2018, "
        "until 31 July 2019"
    )


def test_meetings_are_listed_newest_first_with_their_body_and_decisions(client):
    html = squashed(page(client, "governance:bodies"))

    meetings = html.split("Meetings and decisions</h2>", 1)[1]
    titles = [
        "LEP Board agrees vision and reviews initial strategy",
        "LEP Board reviews initial evidence",
        "LEP Board reviews progress",
        "LEP Board approves approach",
    ]
    positions = [meetings.index(f'<h3 class="govuk-heading-m">{title}</h3>') for title in titles]
    assert positions == sorted(positions)
    assert (
        '<h3 class="govuk-heading-m">LEP Board approves approach</h3> '
        '<p class="govuk-body">Meeting of the <a class="govuk-link" '
        'href="#north-east-lep-board">North East LEP Board</a>, between July 2018 and July '
        '2019.</p> <ul class="govuk-list govuk-list--bullet"> <li>Approved '
        "the approach to developing the North East Local Industrial Strategy.</li> </ul>"
    ) in meetings
    assert "Approved: Approved" not in meetings


def test_a_decision_whose_text_does_not_begin_with_its_outcome_is_led_by_it(client):
    meeting = Meeting.objects.get(title="LEP Board approves approach")
    meeting.decisions.create(outcome="deferred", text="The skills proposition, to March.")

    meetings = squashed(page(client, "governance:bodies")).split("Meetings and decisions</h2>")[1]

    assert "<li>Deferred: The skills proposition, to March.</li>" in meetings


def test_meeting_dates_are_shown_at_the_precision_the_source_gives(client):
    board = GovernanceBody.objects.get(slug="north-east-lep-board")
    Meeting.objects.create(body=board, date=datetime.date(2019, 11, 14), title="On the day")
    Meeting.objects.create(
        body=board,
        date=datetime.date(2020, 1, 1),
        date_precision=DatePrecision.YEAR,
        title="Some time that year",
        papers_url="https://example.org/papers.pdf",
    )

    html = squashed(page(client, "governance:bodies"))

    assert "North East LEP Board</a>, 14 November 2019.</p>" in html
    assert "North East LEP Board</a>, 2020.</p>" in html
    assert "North East LEP Board</a>, between July 2018 and July 2019.</p>" in html
    assert "around July 2019" not in html
    assert "1 July 2019" not in html
    assert (
        '<a class="govuk-link" href="https://example.org/papers.pdf">Papers for “Some time '
        "that year”, 2020</a>"
    ) in html
    assert "No decision is recorded." in html


def test_the_governance_page_costs_the_same_queries_however_much_is_recorded(
    client, django_assert_max_num_queries, lis
):
    # the data version; bodies with their strategies, hosts and reporting lines; their
    # members; the site's publisher; meetings with their bodies; their decisions
    with django_assert_max_num_queries(6):
        page(client, "governance:bodies")

    add_many_more(lis)
    with django_assert_max_num_queries(6):
        response = page(client, "governance:bodies")

    assert len(tree_of(response)) == 26
    assert squashed(response).count("<li>Noted item ") == 120


# The timeline


def test_the_timeline_has_its_title_and_breadcrumbs(client):
    html = squashed(page(client, "governance:timeline"))

    assert "<title>How the strategy was developed – Strategy tracker</title>" in html
    assert '<h1 class="govuk-heading-xl">How the strategy was developed</h1>' in html
    assert (
        '<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/">'
        "Home</a></li> </ol>"
    ) in html
    assert (
        "The steps taken to develop the strategy, on 4 tracks of work: governance, evidence, "
        "engagement and other, and the next steps to publication."
    ) in html


def test_the_table_lists_every_step_by_date_with_its_track_and_who_took_part(client):
    html = squashed(page(client, "governance:timeline"))

    table = between(html, "<tbody", "</tbody>")
    rows = table.split('<tr class="govuk-table__row">')[1:]
    assert len(rows) == 20
    assert rows[0] == (
        ' <td class="govuk-table__cell app-timeline__date">Around July 2018</td> '
        '<th scope="row" class="govuk-table__header">Secretary of State announces government '
        "will work with North East to develop LIS</th> "
        '<td class="govuk-table__cell">Governance</td> '
        '<td class="govuk-table__cell"><a class="govuk-link" '
        'href="/governance/#secretary-of-state-beis">Secretary of State for Business, Energy '
        "and Industrial Strategy</a></td> </tr> "
    )
    assert (
        '<td class="govuk-table__cell app-timeline__date">July 2018 to July 2019</td> '
        '<th scope="row" class="govuk-table__header">Ongoing discussions with government</th> '
        '<td class="govuk-table__cell">Engagement</td> '
        '<td class="govuk-table__cell">HM Government</td>'
    ) in table
    assert (
        '<th scope="row" class="govuk-table__header">Launch of refreshed Strategic Economic '
        'Plan</th> <td class="govuk-table__cell">Other</td> '
        '<td class="govuk-table__cell">Not named</td>'
    ) in table
    assert rows[-1].startswith(
        ' <td class="govuk-table__cell app-timeline__date">Between July 2018 and July 2019</td> '
        '<th scope="row" class="govuk-table__header">LIS Summit</th>'
    )
    assert "Feedback from engagement summit" not in table


@pytest.mark.parametrize(
    ("track", "title"),
    [
        ("governance", "LEP Board reviews progress"),
        ("evidence", "Our Economy published"),
        ("engagement", "Discussions with LA7 Economic Directors"),
        ("other", "Launch of refreshed Strategic Economic Plan"),
    ],
)
def test_each_track_lists_its_own_steps(client, track, title):
    html = squashed(page(client, "governance:timeline"))

    sections = html.split('<h3 class="govuk-heading-m" id="track-')[1:]
    section = next(section for section in sections if section.startswith(f'{track}"'))
    assert f'<h4 class="govuk-heading-s app-timeline__title">{title}</h4>' in section
    assert [s.split('"', 1)[0] for s in sections] == [
        "governance",
        "evidence",
        "engagement",
        "other",
    ]


def test_a_step_gives_its_date_status_and_who_took_part(client):
    html = squashed(page(client, "governance:timeline"))

    assert (
        '<h4 class="govuk-heading-s app-timeline__title">Discussions with LA7 Economic '
        'Directors</h4> <p class="govuk-body-s app-timeline__meta">Between July 2018 and July '
        "2019. Done. "
        "Taking part: LA7 Economic Directors.</p>"
    ) in html
    assert (
        '<h4 class="govuk-heading-s app-timeline__title">Monthly meeting of Steering Group and '
        'Working Group</h4> <p class="govuk-body-s app-timeline__meta">July 2018 to July 2019. '
        'Ongoing. Taking part: <a class="govuk-link" href="/governance/#lis-steering-group">'
        'North East Local Industrial Strategy Steering Group</a>, <a class="govuk-link" '
        'href="/governance/#lis-working-group">North East Local Industrial Strategy Working '
        "Group</a>.</p>"
    ) in html


def test_the_next_steps_to_publication_come_last_in_their_order(client):
    html = squashed(page(client, "governance:timeline"))

    next_steps = html.split('id="next-steps">Next steps to publication</h2>', 1)[1]
    titles = [
        part.split("</h3>", 1)[0]
        for part in next_steps.split('<h3 class="govuk-heading-s app-timeline__title">')[1:]
    ]
    assert titles == [
        "Feedback from engagement summit",
        "Ongoing discussions with North East LEP advisory boards and other regional structures",
        "Draft North East Local Industrial Strategy",
        "Submitted to government",
        "Bilateral discussions with government",
        "Final North East Local Industrial Strategy",
        "Published by government",
    ]
    assert (
        '<h3 class="govuk-heading-s app-timeline__title">Published by government</h3> '
        '<p class="govuk-body-s app-timeline__meta">Planned. Taking part: HM Government.</p> '
        '<p class="govuk-body">The final North East Local Industrial Strategy is published by '
        "government.</p>"
    ) in next_steps
    assert html.index('id="next-steps"') > html.index('id="track-other"')


def test_timeline_dates_are_shown_at_the_precision_the_source_gives(client, lis):
    TimelineEntry.objects.create(
        strategy=lis,
        track=TimelineEntry.Track.OTHER,
        title="On the day",
        status=TimelineEntry.Status.DONE,
        date=datetime.date(2019, 8, 6),
        date_precision=DatePrecision.DAY,
    )
    TimelineEntry.objects.create(
        strategy=lis,
        track=TimelineEntry.Track.OTHER,
        title="Some time that year, roughly",
        status=TimelineEntry.Status.DONE,
        date=datetime.date(2020, 1, 1),
        date_precision=DatePrecision.YEAR,
        date_approximate=True,
    )

    html = squashed(page(client, "governance:timeline"))

    assert (
        '<td class="govuk-table__cell app-timeline__date">6 August 2019</td> '
        '<th scope="row" class="govuk-table__header">On the day</th>'
    ) in html
    assert (
        '<td class="govuk-table__cell app-timeline__date">Around 2020</td> '
        '<th scope="row" class="govuk-table__header">Some time that year, roughly</th>'
    ) in html
    # The chart's steps are given their span, never a month spread into it.
    assert "Around October 2018" not in html
    assert "Between July 2018 and July 2019" in html
    assert "1 October 2018" not in html


def test_the_timeline_costs_the_same_queries_however_much_is_recorded(
    client, django_assert_max_num_queries, lis
):
    # the data version; entries with their strategies; their bodies; their organisations;
    # the site's publisher
    with django_assert_max_num_queries(5):
        page(client, "governance:timeline")

    add_many_more(lis)
    with django_assert_max_num_queries(5):
        response = page(client, "governance:timeline")

    assert squashed(response).count("consults in month") == 80  # in the table and its track


def test_the_next_steps_say_as_at_which_date_they_were_reported(client):
    html = page(client, "governance:timeline").content.decode()
    next_steps = html.split('id="next-steps"')[1]

    assert (
        "As at July 2019, the date of the latest source on the North East Local Industrial "
        "Strategy: no later news of these steps is held here." in next_steps
    )
