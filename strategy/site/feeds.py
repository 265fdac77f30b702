"""The Atom feed of what was newly published: figures, the LEP's assessments and
proposition updates."""

import datetime
from dataclasses import dataclass

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed
from django.db.models import Case, F, When
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from propositions.models import PropositionUpdate
from strategy.models import Strategy
from strategy.site.context_processors import SITE_NAME
from targets.models import Observation, PublishedAssessment

FEED_LENGTH = 50


@dataclass(frozen=True)
class FeedEntry:
    title: str
    description: str
    link: str
    published: datetime.datetime
    updated: datetime.datetime
    guid: str


def _midday(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())


def _tag(domain: str, day: datetime.date, key: str) -> str:
    """An entry's id as a tag: URI (RFC 4151): Atom needs ids that are IRIs, unique and
    never changing, so the day is one that stays with the record."""
    return f"tag:{domain},{day:%Y-%m-%d}:{key}"


def latest_entries(domain: str, limit: int = FEED_LENGTH) -> list[FeedEntry]:
    """The newest published records of the three kinds, newest first, in three queries.

    A revised figure is news again: it is dated when it was revised (its last change),
    and keeps its id, so that readers show it as an updated entry.
    """
    observations = (
        Observation.objects.published()
        .annotate(
            announced_at=Case(When(revised=True, then=F("updated_at")), default=F("published_at"))
        )
        .select_related("target")
        .order_by("-announced_at", "-pk")[:limit]
    )
    assessments = (
        PublishedAssessment.objects.published()
        .select_related("target")
        .order_by("-published_at")[:limit]
    )
    updates = PropositionUpdate.objects.select_related("proposition").order_by(
        "-date", "-created_at"
    )[:limit]
    entries = []
    for observation in observations:
        target = observation.target
        value = target.figure(observation.value)
        entries.append(
            FeedEntry(
                title=f"{target.short_title}: {value} for {observation.period_label}",
                description=(
                    f"A {'revised' if observation.revised else 'new'} figure for "
                    f"“{target.title}”, from {observation.release or observation.source}."
                ),
                link=reverse("targets:detail", args=[target.slug]),
                published=observation.published_at,
                updated=observation.announced_at,
                guid=_tag(domain, observation.published_at.date(), f"observation-{observation.pk}"),
            )
        )
    for assessment in assessments:
        entries.append(
            FeedEntry(
                title=f"{assessment.target.short_title}: {assessment.publication}",
                description=assessment.statement,
                link=reverse("targets:detail", args=[assessment.target.slug]),
                published=assessment.published_at,
                updated=assessment.published_at,
                guid=_tag(domain, assessment.published_at.date(), f"assessment-{assessment.pk}"),
            )
        )
    for update in updates:
        entries.append(
            FeedEntry(
                title=f"{update.proposition.name}: {update.title}",
                description=update.text,
                link=reverse("propositions:detail", args=[update.proposition.slug]),
                published=_midday(update.date),
                updated=_midday(update.date),
                guid=_tag(domain, update.created_at.date(), f"proposition-update-{update.pk}"),
            )
        )
    entries.sort(key=lambda entry: entry.updated, reverse=True)
    return entries[:limit]


class PublishedFeed(Feed):
    feed_type = Atom1Feed
    title = "Strategy tracker: newly published"
    subtitle = "New and revised official figures, the LEP's assessments and proposition updates."

    def get_object(self, request):
        """The site's domain, without the port, for the entries' tag: ids."""
        return split_domain_port(get_current_site(request).domain)[0]

    def link(self):
        return reverse("home")

    def author_name(self):
        """Atom requires a feed's author: the primary strategy's publisher, as every page
        names it."""
        return Strategy.objects.primary_publisher() or SITE_NAME

    def items(self, domain):
        return latest_entries(domain)

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return item.updated
