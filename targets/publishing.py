"""The one way an observation or a published assessment is written, published, withdrawn
or deleted.

The admin, the API and the imports all call these functions, so that the rules live in
one place: officers enter and change drafts; only approvers publish, change what is
published or withdraw it; a change to a published figure is a revision and needs a
reason; a published record is never deleted, only withdrawn with a reason that the
public sees; and every write is stamped, validated and kept in the history.

Refusals are `PermissionDenied` (who may do it) or `ValidationError` (what is wrong,
by field where there is one): forms and serializers only turn them into their errors.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from targets.models import Observation, Publishable

State = Publishable.State
# django-simple-history keeps a short reason with each version.
HISTORY_REASON_LENGTH = Observation.history.model._meta.get_field(
    "history_change_reason"
).max_length


def may_publish(user, model: type[Publishable] = Observation) -> bool:
    """Whether `user` may publish, revise and withdraw this kind of record."""
    return user is not None and user.has_perm(model.publish_permission)


def stored_version(record: Publishable) -> Publishable | None:
    """The record as the database holds it, before the change being made."""
    if record.pk is None:
        return None
    return type(record).objects.filter(pk=record.pk).first()


def revised_fields(record: Publishable, stored: Publishable | None) -> list[str]:
    """The figures a change alters in a published observation: a revision if any."""
    if not isinstance(record, Observation) or stored is None or not stored.is_published:
        return []
    return [
        name for name in Observation.FIGURE_FIELDS if getattr(record, name) != getattr(stored, name)
    ]


def check_write(record: Publishable, user, *, revision_reason: str = "") -> bool:
    """Refuse what `user` may not save of `record` as it now stands; say whether the
    change is a revision of a published figure."""
    stored = stored_version(record)
    kind = record._meta.verbose_name
    was = stored.state if stored is not None else None
    if was == State.WITHDRAWN:
        raise ValidationError(
            f"This {kind} was withdrawn and cannot be changed: enter a new one instead."
        )
    if record.state == State.WITHDRAWN:
        raise ValidationError(
            {"state": f"Withdraw a published {kind} with its Withdraw button, giving the reason."}
        )
    allowed = may_publish(user, type(record))
    if was == State.PUBLISHED and not allowed:
        raise PermissionDenied(f"This {kind} is published: only an approver can change it.")
    if record.state == State.PUBLISHED and was != State.PUBLISHED and not allowed:
        raise PermissionDenied("Only an approver can publish. Save it as a draft.")
    if was == State.PUBLISHED and record.state == State.DRAFT:
        raise ValidationError(
            {
                "state": f"A published {kind} cannot go back to draft: withdraw it, with a "
                "reason, so that readers are told."
            }
        )
    revision = bool(revised_fields(record, stored))
    if revision and not revision_reason.strip():
        raise ValidationError({"revision_reason": "Say why this published figure is changing."})
    return revision


def record_edit(record: Publishable, user) -> None:
    """Stamp a record about to be saved by `user` with who and when."""
    if record.pk is None:
        record.created_by = user
    record.updated_by = user
    if record.state == State.PUBLISHED and record.published_at is None:
        record.published_at = timezone.now()
        record.published_by = user
    elif record.state == State.DRAFT:
        record.published_at = None
        record.published_by = None
    # The history names the user even where no request does (imports, commands).
    record._history_user = user


@transaction.atomic
def save_record(
    record: Publishable, user, *, revision_reason: str = "", change_reason: str = ""
) -> bool:
    """Save an officer's change to `record`, as `check_write` allows: stamped,
    validated and with its reason in the history. Returns whether it was a revision."""
    revision = check_write(record, user, revision_reason=revision_reason)
    record_edit(record, user)
    if revision:
        record.revised = True
        change_reason = revision_reason
    if change_reason:
        record._change_reason = history_reason(change_reason)
    record.full_clean()
    record.save()
    return revision


@transaction.atomic
def publish(records: Iterable[Publishable], user) -> list[Publishable]:
    """Publish the drafts among `records`, all or none; returns those published.

    A draft that no longer passes the rules (its target was corrected after it was
    entered) stops the whole batch with a ValidationError naming it.
    """
    published = []
    for record in records:
        if not may_publish(user, type(record)):
            raise PermissionDenied(f"Only an approver can publish {record._meta.verbose_name}s.")
        if not record.is_draft:
            continue
        record.state = State.PUBLISHED
        try:
            save_record(record, user, change_reason="Published")
        except ValidationError as error:
            problems = "; ".join(error.messages)
            raise ValidationError(f"{record} cannot be published: {problems}") from error
        published.append(record)
    return published


@transaction.atomic
def withdraw(records: Iterable[Publishable], user, reason: str) -> list[Publishable]:
    """Take published records out of the public series and the status, all or none,
    keeping them with the reason, which the target's page shows. Returns those withdrawn."""
    reason = " ".join(reason.split())
    records = list(records)
    for record in records:
        kind = record._meta.verbose_name
        if not may_publish(user, type(record)):
            raise PermissionDenied(f"Only an approver can withdraw a published {kind}.")
        if not record.is_published:
            raise ValidationError(
                f"{record} is not published: only published records are withdrawn"
                + ("; a draft is deleted." if record.is_draft else ".")
            )
    if not reason:
        raise ValidationError(
            {"withdrawal_reason": "Say why it is withdrawn: readers see the reason."}
        )
    length = Publishable._meta.get_field("withdrawal_reason").max_length
    if len(reason) > length:
        raise ValidationError(
            {"withdrawal_reason": f"Keep the reason to {length} characters or fewer."}
        )
    now = timezone.now()
    for record in records:
        record.state = State.WITHDRAWN
        record.withdrawn_at = now
        record.withdrawn_by = user
        record.withdrawal_reason = reason
        record.updated_by = user
        record._history_user = user
        record._change_reason = history_reason(f"Withdrawn: {reason}")
        record.save()
    return records


@transaction.atomic
def delete_drafts(records: Iterable[Publishable], user) -> int:
    """Delete drafts, all or none: a published record is withdrawn instead, so that
    readers are told; a withdrawn one stays on record."""
    records = list(records)
    for record in records:
        if not record.is_draft:
            kind = record._meta.verbose_name
            raise ValidationError(
                f"{record} is {record.get_state_display().lower()}: only drafts are deleted. "
                + (
                    f"Withdraw a published {kind} instead, giving the reason."
                    if record.is_published
                    else "A withdrawn record stays on record."
                )
            )
    for record in records:
        record._history_user = user
        record.delete()
    return len(records)


def history_reason(text: str) -> str:
    """A reason short enough for the history; the record keeps the whole text."""
    if len(text) <= HISTORY_REASON_LENGTH:
        return text
    return text[: HISTORY_REASON_LENGTH - 1] + "…"
