"""The Atom feed of newly published figures, assessments and proposition updates."""

import datetime
import xml.etree.ElementTree as ET
import zoneinfo
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from propositions.models import Proposition, PropositionUpdate
from strategy.site.feeds import FEED_LENGTH
from targets.models import Observation, PublishedAssessment, Target
from targets.publishing import save_record
from tests.seed import SEP_TARGETS

pytestmark = pytest.mark.usefixtures("seed")

ATOM = "{http://www.w3.org/2005/Atom}"
LONDON = zoneinfo.ZoneInfo("Europe/London")
# The data version; one query each for the observations, the assessments and the
# proposition updates; and one for the publisher named as the feed's author.
FEED_QUERIES = 5


def at(day: int, hour: int = 12) -> datetime.datetime:
    """A moment after everything in the seed was published (27 November 2026)."""
    return datetime.datetime(2026, 12, day, hour, tzinfo=datetime.UTC)


def read_feed(client):
    response = client.get(reverse("feed"))
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def entries(feed) -> list[dict]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").attrib["href"],
            "id": entry.findtext(f"{ATOM}id"),
            "published": datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published")),
            "updated": datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.iter(f"{ATOM}entry")
    ]


def publish_figure(slug="jobs", period_end=datetime.date(2021, 9, 30), **fields):
    values = {
        "target": Target.objects.get(slug=slug),
        "period_end": period_end,
        "period_label": "Oct 2020-Sep 2021",
        "value": Decimal(890100),
        "source": "APS workplace analysis",
        "release": "Nomis 20 Jan 2022",
        "state": Observation.State.PUBLISHED,
        "published_at": at(3),
    }
    values.update(fields)
    return Observation.objects.create(**values)


def publish_assessment(**fields):
    values = {
        "target": Target.objects.get(slug="gva-per-hour-worked"),
        "publication": "Our Economy 2027",
        "period_end": datetime.date(2023, 12, 31),
        "period_label": "2023",
        "statement": "The gap had reduced by 10%.",
        "figure": Decimal("0.10"),
        "state": PublishedAssessment.State.PUBLISHED,
        "published_at": at(2),
    }
    values.update(fields)
    return PublishedAssessment.objects.create(**values)


def add_update(day=datetime.date(2026, 12, 1), **fields):
    values = {
        "proposition": Proposition.objects.get(slug="made-smarter"),
        "date": day,
        "title": "Funding secured",
        "text": "The programme secured its funding.",
    }
    values.update(fields)
    return PropositionUpdate.objects.create(**values)


def test_the_feed_is_atom(client):
    response, feed = read_feed(client)

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Strategy tracker: newly published"


def test_it_lists_new_figures_assessments_and_proposition_updates_newest_first(client):
    publish_figure()
    publish_assessment()
    add_update()

    _, feed = read_feed(client)

    newest = entries(feed)[:3]
    assert [(entry["title"], urlsplit(entry["link"]).path) for entry in newest] == [
        ("More jobs: 890,100 jobs for Oct 2020-Sep 2021", "/targets/jobs/"),
        ("GVA per hour worked: Our Economy 2027", "/targets/gva-per-hour-worked/"),
        (
            "Made Smarter Programme: Funding secured",
            "/propositions/made-smarter/",
        ),
    ]
    assert [entry["summary"] for entry in newest] == [
        (
            "A new figure for “Increase the number of jobs by 100,000 by 2024”, "
            "from Nomis 20 Jan 2022."
        ),
        "The gap had reduced by 10%.",
        "The programme secured its funding.",
    ]
    assert newest[0]["published"] == at(3)
    assert newest[2]["published"] == datetime.datetime(2026, 12, 1, 12, tzinfo=LONDON)


def test_every_entry_is_newer_than_or_as_new_as_the_next(client):
    add_update(day=datetime.date(2026, 11, 30))
    publish_figure(published_at=at(1))
    publish_assessment(published_at=datetime.datetime(2026, 11, 29, tzinfo=datetime.UTC))

    _, feed = read_feed(client)

    times = [entry["updated"] for entry in entries(feed)]
    assert times == sorted(times, reverse=True)
    assert times[:3] == [
        at(1),
        datetime.datetime(2026, 11, 30, 12, tzinfo=LONDON),
        datetime.datetime(2026, 11, 29, tzinfo=datetime.UTC),
    ]


def test_drafts_never_reach_the_feed(client):
    publish_figure(
        period_label="Draft Oct 2020-Sep 2021",
        state=Observation.State.DRAFT,
        published_at=None,
    )
    publish_assessment(
        publication="Draft report", state=PublishedAssessment.State.DRAFT, published_at=None
    )

    response, feed = read_feed(client)

    titles = [entry["title"] for entry in entries(feed)]
    assert "More jobs: 890,100 jobs for Draft Oct 2020-Sep 2021" not in titles
    assert "GVA per hour worked: Draft report" not in titles
    assert "Draft" not in response.content.decode()


def test_it_lists_at_most_the_newest_fifty(client):
    first = datetime.date(2026, 12, 1)
    for day in range(60):
        add_update(day=first + datetime.timedelta(days=day), title=f"Update {day}")

    _, feed = read_feed(client)

    titles = [entry["title"] for entry in entries(feed)]
    assert FEED_LENGTH == 50
    assert len(titles) == 50
    assert titles[0] == "Made Smarter Programme: Update 59"
    assert titles[-1] == "Made Smarter Programme: Update 10"


def test_a_revised_figure_comes_back_to_the_top_when_it_is_revised(client, approver):
    figure = Observation.objects.get(target__slug="jobs", period_end="2019-09-30")
    publish_assessment(published_at=timezone.now() - datetime.timedelta(days=1))
    figure.value = Decimal(884500)
    save_record(figure, approver, revision_reason="Revised in the January 2021 release")

    _, feed = read_feed(client)

    top = entries(feed)[0]
    assert top["title"] == "More jobs: 884,500 jobs for Oct 2018-Sep 2019"
    assert top["summary"].startswith("A revised figure for ")
    assert top["published"] == datetime.datetime(2026, 11, 27, tzinfo=datetime.UTC)
    assert top["updated"] == Observation.objects.get(pk=figure.pk).updated_at


def test_every_entry_has_its_own_permanent_id_as_atom_requires(client):
    # The id carries the day the update was entered, so the clock is set to that day.
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=LONDON), tick=False):
        add_update()

    _, feed = read_feed(client)

    ids = [entry["id"] for entry in entries(feed)]
    assert len(set(ids)) == len(ids)
    assert all(urlsplit(entry_id).scheme == "tag" for entry_id in ids)
    update = PropositionUpdate.objects.get()
    assert ids[0] == f"tag:testserver,2026-12-01:proposition-update-{update.pk}"


def test_the_feed_names_its_author_as_atom_requires(client):
    _, feed = read_feed(client)

    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "North East LEP"


def test_every_link_leads_to_a_page(client):
    add_update()

    _, feed = read_feed(client)

    links = {urlsplit(entry["link"]).path for entry in entries(feed)}
    # The seed's figures fill the fifty entries: the six targets' pages among them.
    assert "/propositions/made-smarter/" in links
    assert {link for link in links if link.startswith("/targets/")} <= {
        f"/targets/{slug}/" for slug in SEP_TARGETS
    }
    assert len(links) >= 5
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_number_of_queries_does_not_grow_with_the_entries(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(FEED_QUERIES):
        read_feed(client)

    first = datetime.date(2026, 12, 1)
    for day in range(60):
        add_update(day=first + datetime.timedelta(days=day), title=f"Update {day}")
        publish_figure(
            period_end=datetime.date(1950 + day, 12, 31),
            period_label=str(1950 + day),
            slug="iamp-jobs",
            value=Decimal(day),
        )

    with django_assert_max_num_queries(FEED_QUERIES):
        _, feed = read_feed(client)
    assert len(entries(feed)) == 50
