"""How progress against a target is measured: METHODOLOGY.md in code.

A pure module: no Django, no database, no clock. Values are Decimals from the caller and
every computation is exact (Fractions); the caller passes in today's date. The admin,
the pages and the API all call `assess()`, so they cannot disagree.

Words, one name per idea, as docs/methodology.md ("Words") defines them:
- Observation: one published figure for one period (here a `Level`).
- Published assessment: what the LEP published about a target (here a `Statement`).
- Baseline, Target date: where progress starts and when it is judged.
- Verdict: what `assess()` gives for a target on a day (`Verdict`); the site asks for it
  with `targets.standings.verdict_for`.
- Standing: a verdict kept with the target's latest figure for the lists
  (`targets.standings.Standing`).
- Summary: a standing in the words a page shows (`targets.summaries.TargetSummary`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

INCREASE = "increase"
REACH_VALUE = "reach_value"
SHARE_OF_CHANGE = "share_of_change"
CLOSE_GAP = "close_gap"
REDUCE_GAP = "reduce_gap"
GAP_KINDS = (CLOSE_GAP, REDUCE_GAP)

DIFFERENCE = "difference"
RATIO = "ratio"

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
MET = "met"
NOT_MET = "not_met"
NOT_ASSESSED = "not_assessed"
STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, MET, NOT_MET, NOT_ASSESSED)
STATUS_WORDS = {
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    MET: "Met",
    NOT_MET: "Not met",
    NOT_ASSESSED: "Not assessed",
}

OBSERVATION = "observation"
ASSESSMENT = "assessment"
BASES = (OBSERVATION, ASSESSMENT)


@dataclass(frozen=True)
class Rule:
    """What a target asks for. `parameter` is A, V, S or F by kind (1 for close_gap)."""

    kind: str
    parameter: Decimal
    baseline_date: datetime.date | None
    target_date: datetime.date | None
    higher_is_better: bool = True
    gap_measure: str = DIFFERENCE
    tolerance: Decimal = Decimal("0.10")


@dataclass(frozen=True)
class Level:
    """A published observation: the levels for one period."""

    period_end: datetime.date
    value: Decimal
    comparator_value: Decimal | None = None
    subset_value: Decimal | None = None
    period_label: str = ""
    source: str = ""
    provisional: bool = False
    key: object = None  # the caller's own reference (e.g. the database id)
    release: str = ""  # the release or vintage, for the pages to name
    released_on: datetime.date | None = None


@dataclass(frozen=True)
class Statement:
    """A published assessment: what a publication said, with its headline figure r."""

    period_end: datetime.date
    figure: Decimal | None
    publication: str
    published_on: datetime.date | None = None
    period_label: str = ""
    period_end_assumed: bool = False
    judgement: str = ""
    key: object = None


@dataclass(frozen=True)
class Point:
    """One record's progress: `progress` is None when the rules leave it undefined."""

    period_end: datetime.date
    basis: str  # OBSERVATION or ASSESSMENT
    record: Level | Statement
    progress: Fraction | None
    expected: Fraction
    elapsed: Fraction
    undefined_reason: str = ""
    gap: Fraction | None = None


@dataclass(frozen=True)
class Baseline:
    period_end: datetime.date
    value: Decimal
    comparator_value: Decimal | None
    subset_value: Decimal | None
    gap: Fraction | None


@dataclass(frozen=True)
class Verdict:
    status: str
    status_reason: str
    status_basis: str | None
    latest: Point | None
    progress: Fraction | None
    expected_progress: Fraction | None
    projected_progress: Fraction | None
    baseline: Baseline | None
    target_value: Fraction | None
    points: tuple[Point, ...] = field(default=())
    # Past the target date with no outcome record: the status is provisional, and
    # `status_reason` begins by saying so; `status_detail` is the reason without that.
    final_figure_awaited: bool = False
    status_detail: str = ""


def as_decimal(value: Fraction | None, places: int = 4) -> Decimal | None:
    """A Fraction rounded half-even to `places` decimals, exactly, for the API."""
    if value is None:
        return None
    return Decimal(round(value * 10**places)).scaleb(-places)


def elapsed_share(rule: Rule, when: datetime.date) -> Fraction:
    """f(d): the share of the time from baseline to target date, clamped to [0, 1]."""
    span = (rule.target_date - rule.baseline_date).days
    share = Fraction((when - rule.baseline_date).days, span)
    return min(max(share, Fraction(0)), Fraction(1))


def expected_progress(rule: Rule, when: datetime.date) -> Fraction:
    """The straight-line trajectory; a share of the change must hold all along."""
    if rule.kind == SHARE_OF_CHANGE:
        return Fraction(1)
    return elapsed_share(rule, when)


def gap(rule: Rule, value: Decimal, comparator: Decimal) -> Fraction:
    """How far the region is behind the comparator; positive when behind."""
    v, c = Fraction(value), Fraction(comparator)
    if rule.gap_measure == RATIO:
        return 1 - v / c if rule.higher_is_better else v / c - 1
    return c - v if rule.higher_is_better else v - c


class _Undefined(Exception):
    """The rules leave progress undefined for this record; the message says why."""


def _level_progress(rule: Rule, level: Level, base: Level) -> tuple[Fraction, Fraction | None]:
    """p for an observation against the baseline observation, and its gap if any."""
    parameter = Fraction(rule.parameter)
    v, v_b = Fraction(level.value), Fraction(base.value)
    if rule.kind == INCREASE:
        change = v - v_b if rule.higher_is_better else v_b - v
        return change / parameter, None
    if rule.kind == REACH_VALUE:
        if parameter == v_b:
            raise _Undefined("the target value equals the baseline value")
        return (v - v_b) / (parameter - v_b), None
    if rule.kind == SHARE_OF_CHANGE:
        if level.subset_value is None or base.subset_value is None:
            raise _Undefined("the figures do not say how much of the change counts")
        if v - v_b <= 0:
            raise _Undefined(
                "the total has not risen since the baseline, so the share of the new "
                "ones cannot be worked out"
            )
        share = (Fraction(level.subset_value) - Fraction(base.subset_value)) / (v - v_b)
        return share / parameter, None
    # The gap kinds.
    if level.comparator_value is None or base.comparator_value is None:
        raise _Undefined("the comparator's figure is missing")
    if rule.gap_measure == RATIO and (level.comparator_value == 0 or base.comparator_value == 0):
        raise _Undefined("the comparator's figure is zero")
    g_b = gap(rule, base.value, base.comparator_value)
    g = gap(rule, level.value, level.comparator_value)
    if g_b <= 0:
        raise _Undefined("there was no gap to close at the baseline")
    return (g_b - g) / (parameter * g_b), g


def statement_progress(rule: Rule, statement: Statement) -> Fraction:
    """p for a published assessment with a figure (METHODOLOGY, "Published assessments")."""
    r = Fraction(statement.figure)
    if rule.kind == REACH_VALUE:
        return r  # the figure is already the share of the way
    if rule.kind == INCREASE and not rule.higher_is_better:
        return -r / Fraction(rule.parameter)  # a fall is the change sought
    return r / Fraction(rule.parameter)


def _baseline_level(rule: Rule, levels: list[Level]) -> Level | None:
    return next((lv for lv in levels if lv.period_end == rule.baseline_date), None)


def _baseline(rule: Rule, base: Level | None) -> Baseline | None:
    if base is None:
        return None
    measurable = base.comparator_value is not None and not (
        rule.gap_measure == RATIO and base.comparator_value == 0
    )
    return Baseline(
        period_end=base.period_end,
        value=base.value,
        comparator_value=base.comparator_value,
        subset_value=base.subset_value,
        gap=gap(rule, base.value, base.comparator_value)
        if rule.kind in GAP_KINDS and measurable
        else None,
    )


def _target_value(rule: Rule, baseline: Baseline | None) -> Fraction | None:
    parameter = Fraction(rule.parameter)
    if rule.kind == REACH_VALUE:
        return parameter
    if rule.kind == SHARE_OF_CHANGE:
        return parameter
    if baseline is None:
        return None
    if rule.kind == INCREASE:
        v_b = Fraction(baseline.value)
        return v_b + parameter if rule.higher_is_better else v_b - parameter
    if baseline.gap is None:
        return None
    return (1 - parameter) * baseline.gap


def _points(
    rule: Rule, base: Level | None, levels: list[Level], statements: list[Statement]
) -> list[Point]:
    """Every eligible record after the baseline, one per period; an observation wins a
    period over an assessment, and counts only when the baseline observation exists."""
    by_period: dict[datetime.date, Point] = {}
    for statement in statements:
        if statement.figure is None or statement.period_end <= rule.baseline_date:
            continue
        by_period[statement.period_end] = Point(
            period_end=statement.period_end,
            basis=ASSESSMENT,
            record=statement,
            progress=statement_progress(rule, statement),
            expected=expected_progress(rule, statement.period_end),
            elapsed=elapsed_share(rule, statement.period_end),
        )
    if base is not None:
        for level in levels:
            if level.period_end <= rule.baseline_date:
                continue
            try:
                progress, level_gap = _level_progress(rule, level, base)
                reason = ""
            except _Undefined as undefined:
                progress, level_gap, reason = None, None, str(undefined)
            by_period[level.period_end] = Point(
                period_end=level.period_end,
                basis=OBSERVATION,
                record=level,
                progress=progress,
                expected=expected_progress(rule, level.period_end),
                elapsed=elapsed_share(rule, level.period_end),
                undefined_reason=reason,
                gap=level_gap,
            )
    return [by_period[period] for period in sorted(by_period)]


def projected_progress(rule: Rule, points: list[Point]) -> Fraction | None:
    """The least-squares line through (0, 0) and each record up to the target date, at f = 1.

    It needs at least two records after the baseline that give a progress.
    """
    if rule.kind == SHARE_OF_CHANGE:
        return None
    measured = [p for p in points if p.progress is not None]
    fitted = [(p.elapsed, p.progress) for p in measured if p.period_end <= rule.target_date]
    if len(measured) < 2 or not fitted:
        return None
    xs = [Fraction(0)] + [x for x, _ in fitted]
    ys = [Fraction(0)] + [y for _, y in fitted]
    n = len(xs)
    sum_x, sum_y = sum(xs), sum(ys)
    sum_xx = sum(x * x for x in xs)
    sum_xy = sum(x * y for x, y in zip(xs, ys, strict=True))
    denominator = n * sum_xx - sum_x * sum_x
    if denominator == 0:
        return None
    slope = (n * sum_xy - sum_x * sum_y) / denominator
    intercept = (sum_y - slope * sum_x) / n
    return slope + intercept


def assess(
    rule: Rule,
    levels: Iterable[Level],
    statements: Iterable[Statement],
    today: datetime.date,
) -> Verdict:
    """The status of a target from its published records, with the reason in words."""
    levels = sorted(levels, key=lambda lv: lv.period_end)
    statements = sorted(statements, key=lambda st: st.period_end)
    if rule.baseline_date is None or rule.target_date is None:
        if rule.baseline_date is None and rule.target_date is None:
            missing = "neither a baseline date nor a target date"
        else:
            missing = "no baseline date" if rule.baseline_date is None else "no target date"
        return _not_assessed(
            f"The strategy sets {missing}, so progress cannot be measured.",
            target_value=_target_value(rule, None),
        )
    base = _baseline_level(rule, levels)
    baseline = _baseline(rule, base)
    target_value = _target_value(rule, baseline)
    points = _points(rule, base, levels, statements)
    projection = projected_progress(rule, points)
    if not points:
        reason = "No published figure since the baseline."
        if base is None and any(lv.period_end > rule.baseline_date for lv in levels):
            reason = (
                "No published figure since the baseline that progress can be measured from: "
                f"there is no figure for the baseline period ending {_day(rule.baseline_date)}."
            )
        return _not_assessed(reason, baseline=baseline, target_value=target_value)

    outcome = next((p for p in points if p.period_end >= rule.target_date), None)
    latest = outcome or points[-1]
    awaited = outcome is None and today > rule.target_date
    common = {
        "status_basis": latest.basis,
        "latest": latest,
        "progress": latest.progress,
        "expected_progress": latest.expected,
        # Once the outcome is held there is nothing left to project.
        "projected_progress": None if outcome is not None else projection,
        "baseline": baseline,
        "target_value": target_value,
        "points": tuple(points),
        "final_figure_awaited": awaited,
    }
    where = _where(latest)
    if latest.progress is None:
        return _with_reason(
            NOT_ASSESSED,
            f"Progress cannot be worked out: {latest.undefined_reason}{where}.",
            common,
        )
    if outcome is not None:
        status = MET if latest.progress >= 1 else NOT_MET
        return _with_reason(status, _outcome_reason(rule, latest, where), common)

    tolerance = Fraction(rule.tolerance)
    if latest.progress >= latest.expected:
        status = ON_TRACK
    elif latest.progress >= latest.expected - tolerance:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return _with_reason(status, _trajectory_reason(rule, latest, where), common)


AWAITED = "Final figure awaited"


def _with_reason(status: str, detail: str, common: dict) -> Verdict:
    """The reason, led by the word that the final figure is awaited when it is, so that
    no reader takes a status from older figures for the verdict."""
    reason = f"{AWAITED}. {detail}" if common["final_figure_awaited"] else detail
    return Verdict(status=status, status_reason=reason, status_detail=detail, **common)


def _not_assessed(reason: str, **fields) -> Verdict:
    values = {
        "status_basis": None,
        "latest": None,
        "progress": None,
        "expected_progress": None,
        "projected_progress": None,
        "baseline": None,
        "target_value": None,
        "points": (),
    }
    values.update(fields)
    values["points"] = tuple(values["points"])
    return Verdict(status=NOT_ASSESSED, status_reason=reason, status_detail=reason, **values)


def _percent(value: Fraction) -> str:
    return f"{as_decimal(value * 100, 0):,}%"


def _day(when: datetime.date) -> str:
    return f"{when.day} {when:%B %Y}"


def _month(when: datetime.date) -> str:
    return f"{when:%B %Y}"


def _period(point: Point) -> str:
    return point.record.period_label or _month(point.period_end)


def _where(point: Point) -> str:
    """Which record the figure comes from, and whether its period was assumed."""
    record = point.record
    if isinstance(record, Statement):
        text = f", as reported in {record.publication}"
        if record.published_on:
            text += f", {_day(record.published_on)}"
        if record.period_end_assumed:
            # The label is ours, not the publication's: say so once, with the assumption.
            return text + (
                f", for a period it does not state (taken to end {_day(point.period_end)})"
            )
        return text + f", for {_period(point)}"
    source = f"{record.source} " if record.source else "official "
    provisional = ", provisional" if record.provisional else ""
    return f", computed from {source}figures for {_period(point)}{provisional}"


def _trajectory_reason(rule: Rule, point: Point, where: str) -> str:
    if rule.kind == SHARE_OF_CHANGE:
        return _share_sentence(rule, point, where)
    behind = " (further from it than at the baseline)" if point.progress < 0 else ""
    return (
        f"{_percent(point.progress)} of the way to the target{behind} with "
        f"{_percent(point.elapsed)} of the time elapsed{where}."
    )


def _share_sentence(rule: Rule, point: Point, where: str) -> str:
    share = point.progress * Fraction(rule.parameter)
    return (
        f"The part that counts is {_percent(share)} of the change since the baseline, "
        f"against the {_percent(Fraction(rule.parameter))} the target needs{where}."
    )


def _outcome_reason(rule: Rule, point: Point, where: str) -> str:
    """The status itself is shown beside the reason, so the reason does not repeat it."""
    if rule.kind == SHARE_OF_CHANGE:
        return _share_sentence(rule, point, where)
    return f"{_percent(point.progress)} of the way to the target by the target date{where}."
