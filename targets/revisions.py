"""Revisions and withdrawals of published records: what the target's page tells readers
about figures that changed or went after they were published.

A revision is a change to the figures of an observation that was published before and
after the change; publishing a draft is not one. A withdrawal takes a published
observation or assessment out of the public series, with the approver's reason.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from targets.models import Observation, PublishedAssessment, Target


@dataclass(frozen=True)
class Withdrawal:
    period_label: str
    withdrawn_at: datetime.datetime
    reason: str
    # The observation's figures, or None for an assessment.
    figures: dict[str, Decimal | None] | None = None
    publication: str = ""

    kind = "withdrawal"


@dataclass(frozen=True)
class Revision:
    observation_id: int
    period_end: datetime.date
    period_label: str
    revised_at: datetime.datetime
    reason: str
    before: dict[str, Decimal | None]
    after: dict[str, Decimal | None]

    kind = "revision"


def revisions_for(target: Target) -> list[Revision]:
    """Every revision of the target's figures, newest first."""
    return revisions_in(Observation.history.filter(target_id=target.pk))


def revisions_by_observation(ids: Iterable[int]) -> dict[int, list[Revision]]:
    """Each observation's revisions, newest first, from one query over the history: for a
    page of observations at once rather than one query each."""
    ids = list(ids)
    by_observation: dict[int, list[Revision]] = {pk: [] for pk in ids}
    for revision in revisions_in(Observation.history.filter(id__in=ids)):
        by_observation[revision.observation_id].append(revision)
    return by_observation


def revisions_in(history) -> list[Revision]:
    """The revisions that the versions in `history` (observations' historical records)
    show, newest first: each change of figures between two versions of an observation
    that were both published."""
    revisions = []
    previous = None
    versions = history.only(*VERSION_FIELDS).order_by("id", "history_date", "history_id")
    for record in versions:
        if previous is not None and previous.id == record.id:
            before = figures(previous)
            after = figures(record)
            published_both = previous.state == record.state == Observation.State.PUBLISHED
            if published_both and before != after:
                revisions.append(
                    Revision(
                        observation_id=record.id,
                        period_end=record.period_end,
                        period_label=record.period_label,
                        revised_at=record.history_date,
                        reason=record.history_change_reason or "",
                        before=before,
                        after=after,
                    )
                )
        previous = record
    # Reversed first, so that two revisions saved in the same instant come newest first.
    revisions.reverse()
    revisions.sort(key=lambda revision: revision.revised_at, reverse=True)
    return revisions


# What a version needs to tell a revision.
VERSION_FIELDS = (
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "state",
    "period_end",
    "period_label",
    *Observation.FIGURE_FIELDS,
)


def figures(record) -> dict[str, Decimal | None]:
    return {field: getattr(record, field) for field in Observation.FIGURE_FIELDS}


def withdrawals_for(target: Target) -> list[Withdrawal]:
    """Every published record of the target that was withdrawn, newest first."""
    withdrawals = [
        Withdrawal(
            period_label=observation.period_label,
            withdrawn_at=observation.withdrawn_at,
            reason=observation.withdrawal_reason,
            figures=figures(observation),
        )
        for observation in Observation.objects.withdrawn().filter(target=target)
    ] + [
        Withdrawal(
            period_label=assessment.period_label,
            withdrawn_at=assessment.withdrawn_at,
            reason=assessment.withdrawal_reason,
            publication=assessment.publication,
        )
        for assessment in PublishedAssessment.objects.withdrawn().filter(target=target)
    ]
    return sorted(withdrawals, key=lambda withdrawal: withdrawal.withdrawn_at, reverse=True)


def changes_after_publication(target: Target) -> list[Revision | Withdrawal]:
    """Revisions and withdrawals together, newest first, as the target's page lists them."""
    changes = [*revisions_for(target), *withdrawals_for(target)]
    return sorted(changes, key=when, reverse=True)


def when(change: Revision | Withdrawal) -> datetime.datetime:
    return change.revised_at if isinstance(change, Revision) else change.withdrawn_at
