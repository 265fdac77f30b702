"""Importing figures: what an import would do, and doing it, all or nothing.

The management command and the admin page both call `read_file` and `plan_file` to
show the preview and `apply_import` to write it, so they cannot disagree. Every row that
could be read is checked by `Observation.full_clean()`, the rules the admin applies to a
figure typed in by hand, while the rows that could not be read are reported with them:
the officer sees every problem in the file at once.

An import never publishes: new figures are drafts. A published figure that the file
changes is revised in place, stays published and is marked revised with the release in
its history; only those who may publish may do that.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from targets.models import Observation, Target
from targets.publishing import history_reason, may_publish, save_record
from targets.statistics_import import (
    NOMIS_KIND,
    PLAIN_COLUMNS,
    PLAIN_KIND,
    ImportProblem,
    ImportProblems,
    ImportRow,
    ParsedFile,
    month_end,
    parse_nomis_csv,
    parse_plain_csv,
    twelve_months_label,
)

# What decides whether a stored figure is the file's figure; the source and notes of a
# figure that has not changed are left as they are.
COMPARED_FIELDS = (*Observation.FIGURE_FIELDS, "provisional")
# What a changed figure takes from the file, besides its figures.
COPIED_FIELDS = (*COMPARED_FIELDS, "period_label", "source", "notes", "derived")


class FileFormat(StrEnum):
    NOMIS = "nomis"
    PLAIN = "plain"

    @property
    def label(self) -> str:
        return {"nomis": NOMIS_KIND, "plain": PLAIN_KIND}[self.value]


class Action(StrEnum):
    CREATE = "create"
    CHANGE = "change"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class FigureChange:
    field: str
    old: Decimal | bool | None
    new: Decimal | bool | None

    def __str__(self) -> str:
        return f"{self.field}: {format_figure(self.old)} → {format_figure(self.new)}"


@dataclass(frozen=True)
class PlannedRow:
    """One row of the file and what importing it would do.

    `observation` is the figure as it would be saved: new, or the stored one with the
    file's values already copied in (unsaved until `apply_import`).
    """

    row: ImportRow
    action: Action
    observation: Observation
    changes: tuple[FigureChange, ...] = ()

    @property
    def is_revision(self) -> bool:
        return self.action == Action.CHANGE and self.observation.is_published


@dataclass(frozen=True)
class ImportPlan:
    """`cells` are the file's rows as written, by line (see `ParsedFile`)."""

    rows: tuple[PlannedRow, ...]
    problems: tuple[ImportProblem, ...] = ()
    cells: Mapping[int, Mapping[str, str]] = field(default_factory=dict)

    def count(self, action: Action) -> int:
        return sum(1 for planned in self.rows if planned.action == action)

    @property
    def revisions(self) -> int:
        return sum(1 for planned in self.rows if planned.is_revision)

    @property
    def writes_anything(self) -> bool:
        return any(planned.action != Action.UNCHANGED for planned in self.rows)

    def summary(self) -> str:
        """e.g. "2 to create, 1 to change (1 published, to be revised), 5 unchanged"."""
        changes = f"{self.count(Action.CHANGE)} to change"
        if self.revisions:
            changes += f" ({self.revisions} published, to be revised)"
        return (
            f"{self.count(Action.CREATE)} to create, {changes}, "
            f"{self.count(Action.UNCHANGED)} unchanged"
        )


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    changed: int = 0
    revised: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        counts = {
            "created": self.created,
            "changed": self.changed,
            "revised": self.revised,
            "unchanged": self.unchanged,
        }
        parts = [f"{count} {word}" for word, count in counts.items() if count]
        return f"Imported: {', '.join(parts) or 'nothing'}."


class TargetNames:
    """The targets a file may name: by slug, title or short title, in any case and with
    any spaces around, since officers write what the strategy calls them."""

    def __init__(self, targets: Iterable[Target]):
        self.slugs: dict[str, Target] = {}
        self.titles: dict[str, list[Target]] = {}
        # Every name by its key, as written on the target, to suggest for a near miss.
        self.spellings: dict[str, str] = {}
        for target in targets:
            self.slugs[_name_key(target.slug)] = target
            self.spellings[_name_key(target.slug)] = target.slug
            for title in (target.title, target.short_title):
                key = _name_key(title)
                if key and target not in self.titles.setdefault(key, []):
                    self.titles[key].append(target)
                    self.spellings.setdefault(key, title)

    def find(self, name: str) -> tuple[Target | None, str]:
        """The target `name` names, or None and why not."""
        key = _name_key(name)
        if key in self.slugs:
            return self.slugs[key], ""
        named = self.titles.get(key, [])
        if len(named) == 1:
            return named[0], ""
        if named:
            slugs = ", ".join(target.slug for target in named)
            return None, f"“{name}” names {len(named)} targets: give the slug of one ({slugs})."
        nearest = difflib.get_close_matches(key, self.spellings, n=1)
        if nearest:
            return (
                None,
                f"There is no target “{name}”: did you mean “{self.spellings[nearest[0]]}”?",
            )
        return None, f"There is no target “{name}”: give a target's slug or title."


def read_file(
    text: str, file_format: FileFormat, *, target: Target | None = None, source: str = ""
) -> ParsedFile:
    """The file's figures and problems. A Nomis download measures one target, which says
    what to read (its variable) and how to add up the area and the comparator."""
    if file_format == FileFormat.PLAIN:
        return parse_plain_csv(text, default_source=source)
    if target is None:
        raise ValueError("A Nomis download is read for a target.")
    if not target.nomis_variable:
        return ParsedFile(
            problems=(
                ImportProblem(None, "", f"{target} has no Nomis variable: set it on the target."),
            )
        )
    return parse_nomis_csv(
        text,
        target.nomis_variable,
        " ".join(target.strategy.area_code_list),
        target.comparator.code_terms if target.comparator else "",
        target=target.slug,
        source=source or target.source,
    )


def plan_file(parsed: ParsedFile, user) -> ImportPlan:
    """`plan_import` for the rows of a file that could be read, with the problems of
    those that could not: every problem in the file, in the order of its lines."""
    plan = plan_import(parsed.rows, user)
    problems = sorted([*parsed.problems, *plan.problems], key=_file_order)
    return replace(plan, problems=tuple(problems), cells=parsed.cells)


def plan_import(rows: Iterable[ImportRow], user) -> ImportPlan:
    """What importing `rows` as `user` would create, change or leave alone, and every
    reason it cannot be done. Reads the database; writes nothing."""
    rows = list(rows)
    names = TargetNames(Target.objects.all())
    found = {row.target: names.find(row.target) for row in rows}
    targets = {target.slug: target for target, _ in found.values() if target is not None}
    stored = {
        (observation.target.slug, observation.period_end): observation
        for observation in Observation.objects.select_related("target")
        .filter(target__slug__in=list(targets), period_end__in={row.period_end for row in rows})
        .exclude(state=Observation.State.WITHDRAWN)
    }
    user_may_publish = _may_revise(user)
    planned: list[PlannedRow] = []
    problems: list[ImportProblem] = []
    first_lines: dict[tuple[str, datetime.date], int] = {}
    for row in rows:
        target, unknown = found[row.target]
        if target is None:
            problems.append(ImportProblem(row.line, "target", unknown))
            continue
        key = (target.slug, row.period_end)
        if key in first_lines:
            problems.append(
                ImportProblem(
                    row.line,
                    "period_end",
                    f"Line {first_lines[key]} already has {target.slug} for the period ending "
                    f"{row.period_end.isoformat()}.",
                )
            )
            continue
        first_lines[key] = row.line
        existing = stored.get(key)
        if existing is None:
            row_plan = _plan_new(row, target)
        else:
            row_plan = _plan_existing(row, existing, user_may_publish, problems)
        if row_plan is None:
            continue
        if row_plan.action != Action.UNCHANGED:
            problems.extend(_validate(row_plan.observation, row.line))
        planned.append(row_plan)
    return ImportPlan(rows=tuple(planned), problems=tuple(problems))


@transaction.atomic
def apply_import(plan: ImportPlan, user, release: str) -> ImportResult:
    """Write the plan, all or nothing, through `targets.publishing.save_record`: new
    figures as drafts, changed drafts in place, changed published figures revised "in
    `release`". A figure saved by someone else since the plan stops it all."""
    if plan.problems:
        raise ImportProblems(plan.problems)
    if plan.revisions and not _may_revise(user):
        raise PermissionDenied("Only an approver can revise published figures.")
    created = changed = revised = 0
    for planned in plan.rows:
        if planned.action == Action.UNCHANGED:
            continue
        observation = planned.observation
        if release:
            observation.release = release
        try:
            if planned.is_revision:
                save_record(
                    observation,
                    user,
                    revision_reason=history_reason(f"Revised in {release or 'an import'}"),
                )
                revised += 1
            else:
                save_record(observation, user, change_reason=f"Imported from {release or 'a file'}")
                if planned.action == Action.CREATE:
                    created += 1
                else:
                    changed += 1
        except ValidationError as error:
            raise ImportProblems(_problems(error, planned.row.line)) from error
    return ImportResult(
        created=created,
        changed=changed,
        revised=revised,
        unchanged=plan.count(Action.UNCHANGED),
    )


# How many rows the example file gives.
EXAMPLE_FIGURES = 2


def example_rows(target: Target) -> list[ImportRow]:
    """Two rows of a plain CSV for `target` that import without a problem: its latest
    published figures, which importing leaves as they are, and for periods without a
    figure, made-up ones (said so in their notes) for the last that have ended."""
    published = target.observations.published().order_by("-period_end")[:EXAMPLE_FIGURES]
    rows = [
        ImportRow(
            line=0,
            target=target.slug,
            period_end=observation.period_end,
            period_label=observation.period_label,
            value=observation.value,
            comparator_value=observation.comparator_value,
            subset_value=observation.subset_value,
            source=observation.source,
            provisional=observation.provisional,
        )
        for observation in published
    ]
    taken = set(target.observations.values_list("period_end", flat=True))
    for period_end in _ended_periods(target):
        if len(rows) == EXAMPLE_FIGURES:
            break
        if period_end not in taken:
            rows.append(
                ImportRow(
                    line=0,
                    target=target.slug,
                    period_end=period_end,
                    period_label=twelve_months_label(period_end),
                    value=Decimal(50),
                    comparator_value=Decimal(60) if target.needs_comparator else None,
                    subset_value=Decimal(25) if target.needs_subset else None,
                    source=target.source,
                    notes="Example figures: put the release's figures in their place.",
                )
            )
    return sorted(rows, key=lambda row: row.period_end)


def plain_csv(rows: Iterable[ImportRow]) -> str:
    """`rows` as a plain CSV with every column, as `parse_plain_csv` reads it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(PLAIN_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.target,
                row.period_end.isoformat(),
                row.period_label,
                *(
                    "" if getattr(row, name) is None else format_figure(getattr(row, name))
                    for name in Observation.FIGURE_FIELDS
                ),
                row.source,
                format_figure(row.provisional),
                row.notes,
            ]
        )
    return out.getvalue()


def format_figure(value: Decimal | bool | None) -> str:
    """A figure as an officer would write it: 71.5, not 71.500000."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value.normalize():f}"


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _file_order(problem: ImportProblem) -> tuple[bool, int]:
    # Problems with the whole file come first, then each line's in the file's order.
    return (problem.line is not None, problem.line or 0)


def _ended_periods(target: Target) -> Iterable[datetime.date]:
    """The ends of the 12-month periods of the target's series (those of its baseline)
    that have ended, latest first."""
    series_end = target.baseline_date or target.target_date or datetime.date(2000, 12, 31)
    today = timezone.localdate()
    for year in range(today.year, today.year - 100, -1):
        period_end = month_end(year, series_end.month)
        if period_end <= today:
            yield period_end


def _plan_new(row: ImportRow, target: Target) -> PlannedRow:
    observation = Observation(target=target, period_end=row.period_end)
    _copy(row, observation)
    return PlannedRow(row=row, action=Action.CREATE, observation=observation)


def _plan_existing(
    row: ImportRow,
    observation: Observation,
    user_may_publish: bool,
    problems: list[ImportProblem],
) -> PlannedRow | None:
    changes = tuple(
        FigureChange(name, getattr(observation, name), getattr(row, name))
        for name in COMPARED_FIELDS
        if getattr(observation, name) != getattr(row, name)
    )
    if not changes:
        return PlannedRow(row=row, action=Action.UNCHANGED, observation=observation)
    if observation.is_published and not user_may_publish:
        problems.append(
            ImportProblem(
                row.line,
                changes[0].field,
                f"The figure for {observation.period_label} is published: "
                "only an approver can revise it.",
            )
        )
        return None
    _copy(row, observation)
    return PlannedRow(row=row, action=Action.CHANGE, observation=observation, changes=changes)


def _copy(row: ImportRow, observation: Observation) -> None:
    for name in COPIED_FIELDS:
        setattr(observation, name, getattr(row, name))


def _validate(observation: Observation, line: int) -> list[ImportProblem]:
    try:
        observation.full_clean()
    except ValidationError as error:
        return _problems(error, line)
    return []


def _problems(error: ValidationError, line: int) -> list[ImportProblem]:
    if not hasattr(error, "error_dict"):
        return [ImportProblem(line, "", message) for message in error.messages]
    return [
        ImportProblem(line, "" if name == NON_FIELD_ERRORS else name, message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _may_revise(user) -> bool:
    return user is not None and may_publish(user)
