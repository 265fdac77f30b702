"""Who may publish a figure or an assessment, what publishing records, and what a
revision of a published figure records.

The admin, the imports and (later) the API call these functions, so that the rule
"only approvers publish" lives in one place.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from targets.models import Observation, Publishable


def may_publish(user, model: type[Publishable] = Observation) -> bool:
    return user.has_perm(model.publish_permission)


def stamp_publication(record: Publishable, user) -> None:
    """Record who published it and when, or clear that for a draft."""
    if record.is_published:
        if record.published_at is None:
            record.published_at = timezone.now()
            record.published_by = user
    else:
        record.published_at = None
        record.published_by = None


def record_edit(record: Publishable, user) -> None:
    """Stamp a record about to be saved by `user` with who and when."""
    if record.pk is None:
        record.created_by = user
    record.updated_by = user
    stamp_publication(record, user)


def mark_revised(observation: Observation, reason: str) -> None:
    """A published figure is changing: say so, and keep why in its history."""
    observation.revised = True
    observation._change_reason = reason


@transaction.atomic
def publish(records: Iterable[Publishable], user) -> int:
    """Publish the drafts among `records`, all or none; returns how many.

    A draft that no longer passes the rules (its target was corrected after it was
    entered) stops the whole batch with a ValidationError naming it.
    """
    published = 0
    for record in records:
        if not may_publish(user, type(record)):
            raise PermissionError(f"Only an approver can publish {record._meta.verbose_name}s.")
        if record.is_published:
            continue
        record.state = Publishable.State.PUBLISHED
        record_edit(record, user)
        try:
            record.full_clean()
        except ValidationError as error:
            problems = "; ".join(error.messages)
            raise ValidationError(f"{record} cannot be published: {problems}") from error
        record.save()
        published += 1
    return published
