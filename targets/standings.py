"""Where each target stands: its verdict and its latest published figure, computed once
and kept in the cache for the lists that show many targets (the dashboards and the API's
target list).

The cache key is the site's one data version (`strategy.data_version.data_version`),
which every write replaces and which carries today's date, as the kept responses' keys
do: a standing is never older than the page beside it.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils import timezone

from strategy.data_version import data_version
from targets.models import Target, published_records
from targets.progress import Level, Verdict, assess

CACHE_VERSION = 3
CACHE_SECONDS = 24 * 3600  # keys change with the data version; this only bounds old ones


class RecordsNotFetched(AttributeError):
    """A verdict asked of a target whose published records were not fetched with it: it
    would cost two queries per target, unseen."""


def verdict_for(target: Target, today: datetime.date | None = None) -> Verdict:
    """A target's verdict from its published records: the one place the admin, the pages
    and the API get progress and status from (the rules themselves are in progress.py).

    The records must come with the target (`Target.objects.with_published_records()`, or
    `prefetch_related_objects(targets, *published_records())`), so that a list of targets
    costs no query per target.
    """
    try:
        observations = target.published_observations
        assessments = target.published_assessments
    except AttributeError as missing:
        raise RecordsNotFetched(
            f"{target}: fetch its published records with it, with "
            "Target.objects.with_published_records() or published_records()."
        ) from missing
    return assess(
        target.rule(),
        [observation.as_level() for observation in observations],
        [assessment.as_statement() for assessment in assessments],
        today or timezone.localdate(),
    )


@dataclass(frozen=True)
class Standing:
    verdict: Verdict  # without its points: the lists show no series
    latest_observation: Level | None


def standing_from_records(target: Target, today: datetime.date | None = None) -> Standing:
    """From the records prefetched by `Target.objects.with_published_records()`."""
    observations = target.published_observations
    return Standing(
        verdict=verdict_for(target, today),
        latest_observation=observations[-1].as_level() if observations else None,
    )


def cache_key(target: Target, version: str, today: datetime.date) -> str:
    return f"standing:{CACHE_VERSION}:{version}:{today:%Y%m%d}:{target.pk}"


def standings_for(targets: Iterable[Target], today: datetime.date | None = None) -> list[Standing]:
    """The standing of each target, in order: from the cache while the data has not
    changed, otherwise computed from its records, fetched in two queries for all those
    missed."""
    targets = list(targets)
    today = today or timezone.localdate()
    version = data_version()
    keys = {target.pk: cache_key(target, version, today) for target in targets}
    found = cache.get_many(keys.values())
    missed = [target for target in targets if keys[target.pk] not in found]
    if missed:
        prefetch_related_objects(missed, *published_records())
        computed = {}
        for target in missed:
            standing = standing_from_records(target, today)
            computed[keys[target.pk]] = dataclasses.replace(
                standing, verdict=dataclasses.replace(standing.verdict, points=())
            )
        cache.set_many(computed, timeout=CACHE_SECONDS)
        found.update(computed)
    return [found[keys[target.pk]] for target in targets]
