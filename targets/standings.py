"""Where each target stands: its verdict, its latest published figure and when its records
last changed, computed once and kept in the cache for the lists that show many targets
(the dashboards and the API's target list).

The cache key is made of everything the verdict depends on: the target's rule and source,
how many published observations and assessments it has and when they last changed, and
today's date. Saving, publishing or deleting one of a target's records changes that
target's key and no other, so the change shows at once and nothing else is recomputed.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils import timezone

from targets.models import Target, published_records
from targets.progress import Level, Verdict
from targets.verdicts import verdict_for

CACHE_VERSION = 2
CACHE_SECONDS = 7 * 24 * 3600  # keys change with the records; this only bounds old ones


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


def cache_key(target: Target, today: datetime.date) -> str:
    """Needs the annotations of `Target.objects.with_record_versions()`."""
    depends_on = (
        target.rule(),
        target.source,
        target.published_observation_count,
        target.observations_changed_at,
        target.published_assessment_count,
        target.assessments_changed_at,
        today,
    )
    digest = hashlib.sha256(repr(depends_on).encode()).hexdigest()[:32]
    return f"standing:{CACHE_VERSION}:{target.pk}:{digest}"


def standings_for(targets: Iterable[Target], today: datetime.date | None = None) -> list[Standing]:
    """The standing of each target, in order: from the cache where its records have not
    changed, otherwise computed from them, fetched in two queries for all those missed.

    `targets` come from `Target.objects.with_record_versions()`.
    """
    targets = list(targets)
    today = today or timezone.localdate()
    keys = {target.pk: cache_key(target, today) for target in targets}
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
