"""Who may publish a figure, and what publishing records.

The admin (and later the API and the imports) call these functions, so that the rule
"only approvers publish" lives in one place.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from targets.models import Observation

PUBLISH_PERMISSION = "targets.publish_observation"


def may_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def stamp_publication(observation: Observation, user) -> None:
    """Record who published the figure and when, or clear it for a draft."""
    if observation.is_published:
        if observation.published_at is None:
            observation.published_at = timezone.now()
            observation.published_by = user
    else:
        observation.published_at = None
        observation.published_by = None


def record_edit(observation: Observation, user) -> None:
    """Stamp an observation about to be saved by `user` with who and when."""
    if observation.pk is None:
        observation.created_by = user
    observation.updated_by = user
    stamp_publication(observation, user)


@transaction.atomic
def publish_observations(observations: Iterable[Observation], user) -> int:
    """Publish the drafts among `observations`, all or none; returns how many.

    A draft that no longer passes the rules (its target was corrected after it was
    entered) stops the whole batch with a ValidationError naming it.
    """
    if not may_publish(user):
        raise PermissionError("Only an approver can publish observations.")
    published = 0
    for observation in observations:
        if observation.is_published:
            continue
        observation.state = Observation.State.PUBLISHED
        record_edit(observation, user)
        try:
            observation.full_clean()
        except ValidationError as error:
            problems = "; ".join(error.messages)
            raise ValidationError(f"{observation} cannot be published: {problems}") from error
        observation.save()
        published += 1
    return published
