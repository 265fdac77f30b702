"""Revisions and withdrawals of published records: what the target's page tells readers
about figures that changed or went after they were published.

A revision is a change to the figures of an observation that was published before and
after the change; publishing a draft is not one. A withdrawal takes a published
observation or assessment out of the public series, with the approver's reason.
"""

import datetime
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
    period_end: datetime.date
    period_label: str
    revised_at: datetime.datetime
    reason: str
    before: dict[str, Decimal | None]
    after: dict[str, Decimal | None]

    kind = "revision"


def revisions_for(target: Target) -> list[Revision]:
    """Every revision of the target's figures, newest first."""
    history = Observation.history.filter(target_id=target.pk).order_by("id", "history_date")
    revisions = []
    previous = None
    for record in history:
        if previous is not None and previous.id == record.id:
            before = figures(previous)
            after = figures(record)
            published_both = previous.state == record.state == Observation.State.PUBLISHED
            if published_both and before != after:
                revisions.append(
                    Revision(
                        period_end=record.period_end,
                        period_label=record.period_label,
                        revised_at=record.history_date,
                        reason=record.history_change_reason or "",
                        before=before,
                        after=after,
                    )
                )
        previous = record
    return sorted(revisions, key=lambda revision: revision.revised_at, reverse=True)


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
