"""A target's verdict from its published records: the one place the admin, the pages
and the API get progress and status from (the rules themselves are in progress.py)."""

import datetime

from django.utils import timezone

from targets.models import Target
from targets.progress import Verdict, assess


def verdict_for(target: Target, today: datetime.date | None = None) -> Verdict:
    """Uses the records prefetched by `Target.objects.with_published_records()` when
    present, so a list of targets costs no query per target."""
    observations = getattr(target, "published_observations", None)
    if observations is None:
        observations = target.observations.published()
    assessments = getattr(target, "published_assessments", None)
    if assessments is None:
        assessments = target.assessments.published()
    return assess(
        target.rule(),
        [observation.as_level() for observation in observations],
        [assessment.as_statement() for assessment in assessments],
        today or timezone.localdate(),
    )
