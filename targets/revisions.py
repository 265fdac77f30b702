"""Revisions of published figures, read from the observations' history.

A revision is a change to the figures of an observation that was published before and
after the change; publishing a draft is not one.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from targets.models import Observation, Target


@dataclass(frozen=True)
class Revision:
    period_end: datetime.date
    period_label: str
    revised_at: datetime.datetime
    reason: str
    before: dict[str, Decimal | None]
    after: dict[str, Decimal | None]


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
