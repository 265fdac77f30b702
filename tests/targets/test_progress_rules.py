"""METHODOLOGY.md, worked by hand: each row is a case with its arithmetic in a comment.

Most rows use a 100-day target period (2020-01-01 to 2020-04-10), so that the share of
time elapsed at day n is exactly n/100; the rows whose ids start with "sep" use the LEP's
own figures.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from unittest.mock import ANY

import pytest

from targets.progress import (
    ASSESSMENT,
    AT_RISK,
    CLOSE_GAP,
    DIFFERENCE,
    INCREASE,
    MET,
    NOT_ASSESSED,
    NOT_MET,
    OBSERVATION,
    OFF_TRACK,
    ON_TRACK,
    RATIO,
    REACH_VALUE,
    REDUCE_GAP,
    SHARE_OF_CHANGE,
    Level,
    Rule,
    Statement,
    as_decimal,
    assess,
    projected_progress,
)

BASE = datetime.date(2020, 1, 1)
TARGET = datetime.date(2020, 4, 10)  # BASE + 100 days: Jan 31 + Feb 29 + Mar 31 + 9
ONS = "ONS Annual Population Survey"


def day(n: int) -> datetime.date:
    return BASE + datetime.timedelta(days=n)


def rule(
    kind: str,
    parameter: str | int,
    *,
    higher_is_better: bool = True,
    gap_measure: str = DIFFERENCE,
    tolerance: str = "0.10",
    baseline_date: datetime.date = BASE,
    target_date: datetime.date = TARGET,
) -> Rule:
    return Rule(
        kind=kind,
        parameter=Decimal(parameter),
        baseline_date=baseline_date,
        target_date=target_date,
        higher_is_better=higher_is_better,
        gap_measure=gap_measure,
        tolerance=Decimal(tolerance),
    )


def level(
    when: int | datetime.date,
    value: str | int,
    comparator: str | int | None = None,
    subset: str | int | None = None,
    label: str = "",
) -> Level:
    return Level(
        period_end=day(when) if isinstance(when, int) else when,
        value=Decimal(value),
        comparator_value=None if comparator is None else Decimal(comparator),
        subset_value=None if subset is None else Decimal(subset),
        period_label=label,
        source=ONS,
    )


def statement(
    when: int | datetime.date,
    figure: str | int | None,
    publication: str = "North East LEP, Our progress",
    *,
    assumed: bool = False,
    label: str = "",
) -> Statement:
    period_end = day(when) if isinstance(when, int) else when
    return Statement(
        period_end=period_end,
        figure=None if figure is None else Decimal(figure),
        publication=publication,
        published_on=period_end + datetime.timedelta(days=90),
        period_label=label,
        period_end_assumed=assumed,
    )


def today_after(levels, statements) -> datetime.date:
    """A month after the latest record: when someone would look at the dashboard."""
    ends = [record.period_end for record in (*levels, *statements)]
    return max(ends, default=BASE) + datetime.timedelta(days=30)


# Rules used by many rows: increase by A = 1,000 from v_b = 5,000, and so on.
PLUS_1000 = rule(INCREASE, 1000)
JOBS_BASE = level(0, 5000)
MINUS_1000 = rule(INCREASE, 1000, higher_is_better=False)
REACH_80 = rule(REACH_VALUE, 80)
RATE_BASE = level(0, 70)
REACH_40 = rule(REACH_VALUE, 40, higher_is_better=False)
SHARE_70 = rule(SHARE_OF_CHANGE, "0.70")
SHARE_BASE = level(0, 1000, subset=400)
CLOSE = rule(CLOSE_GAP, 1)
CLOSE_LOWER = rule(CLOSE_GAP, 1, higher_is_better=False)
CLOSE_RATIO = rule(CLOSE_GAP, 1, gap_measure=RATIO)
HALVE = rule(REDUCE_GAP, "0.5")
HALVE_LOWER = rule(REDUCE_GAP, "0.5", higher_is_better=False)
HALVE_RATIO = rule(REDUCE_GAP, "0.5", gap_measure=RATIO)
HALVE_RATIO_LOWER = rule(REDUCE_GAP, "0.5", gap_measure=RATIO, higher_is_better=False)

# The SEP's own targets (METHODOLOGY.md, "The six SEP targets"), with sep-*.csv figures.
SEP_JOBS = rule(
    INCREASE,
    100000,
    baseline_date=datetime.date(2014, 3, 31),
    target_date=datetime.date(2024, 3, 31),
)
SEP_JOBS_BASE = level(datetime.date(2014, 3, 31), 811300, label="Apr 2013-Mar 2014")
SEP_BETTER_JOBS = rule(
    SHARE_OF_CHANGE,
    "0.70",
    baseline_date=datetime.date(2014, 3, 31),
    target_date=datetime.date(2024, 3, 31),
)
SEP_ACTIVITY = rule(
    REDUCE_GAP,
    "0.5",
    baseline_date=datetime.date(2014, 12, 31),
    target_date=datetime.date(2024, 12, 31),
)
SEP_GVA = rule(
    REDUCE_GAP,
    "0.5",
    gap_measure=RATIO,
    baseline_date=datetime.date(2014, 12, 31),
    target_date=datetime.date(2024, 12, 31),
)
SEP_GVA_BASE = level(datetime.date(2014, 12, 31), "27.36", comparator="29.67", label="2014")
FINAL_REPORT = statement(
    datetime.date(2024, 3, 31),
    82900,
    "Evidence Hub, Strategic Economic Plan targets (final report)",
    assumed=True,
    label="2024 (final report)",
)


@dataclass(frozen=True)
class Expected:
    status: str
    progress: Fraction | None
    expected: Fraction | None
    basis: str | None
    period_end: datetime.date | None  # of `latest`, the record the status comes from


def on(progress, expected, basis, period_end):
    return Expected(ON_TRACK, progress, expected, basis, period_end)


def at_risk(progress, expected, basis, period_end):
    return Expected(AT_RISK, progress, expected, basis, period_end)


def off(progress, expected, basis, period_end):
    return Expected(OFF_TRACK, progress, expected, basis, period_end)


def met(progress, basis, period_end):
    return Expected(MET, progress, Fraction(1), basis, period_end)


def not_met(progress, basis, period_end):
    return Expected(NOT_MET, progress, Fraction(1), basis, period_end)


# Nothing after the baseline gives a progress: nothing to point at.
NO_DATA = Expected(NOT_ASSESSED, None, ANY, None, None)


def undefined(period_end):
    """The latest record's progress is undefined (rule 3) or the outcome's is (rule 2)."""
    return Expected(NOT_ASSESSED, None, ANY, ANY, period_end)


O, A = OBSERVATION, ASSESSMENT
F = Fraction

STATUS_CASES = [
    # --- increase by A = 1,000 from v_b = 5,000; day 60 so e = 60/100 = 3/5, e - t = 1/2.
    pytest.param(
        # p = (5,600 - 5,000) / 1,000 = 3/5 = e
        PLUS_1000, [JOBS_BASE, level(60, 5600)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="increase exactly on the straight line is on track",
    ),
    pytest.param(
        # p = 599/1,000 < 3/5 = e, and >= 1/2 = e - t
        PLUS_1000, [JOBS_BASE, level(60, 5599)], [], at_risk(F(599, 1000), F(3, 5), O, day(60)),
        id="increase just below the line is at risk",
    ),
    pytest.param(
        # p = 500/1,000 = 1/2 = e - t
        PLUS_1000, [JOBS_BASE, level(60, 5500)], [], at_risk(F(1, 2), F(3, 5), O, day(60)),
        id="increase exactly on the line less the tolerance is at risk",
    ),
    pytest.param(
        # p = 499/1,000 < 1/2 = e - t
        PLUS_1000, [JOBS_BASE, level(60, 5499)], [], off(F(499, 1000), F(3, 5), O, day(60)),
        id="increase just below the line less the tolerance is off track",
    ),
    pytest.param(
        # day 30: e = 3/10; p = 800/1,000 = 4/5
        PLUS_1000, [JOBS_BASE, level(30, 5800)], [], on(F(4, 5), F(3, 10), O, day(30)),
        id="increase ahead of the line is on track",
    ),
    pytest.param(
        # lower is better, A is a fall: p = (5,000 - 4,400) / 1,000 = 3/5 = e
        MINUS_1000, [JOBS_BASE, level(60, 4400)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="increase lower-is-better falling on the line is on track",
    ),
    pytest.param(
        # p = (5,000 - 5,100) / 1,000 = -1/10
        MINUS_1000, [JOBS_BASE, level(60, 5100)], [], off(F(-1, 10), F(3, 5), O, day(60)),
        id="increase lower-is-better rising is off track",
    ),
    # --- tolerance other than 0.10: t = 1/4, so e - t = 3/5 - 1/4 = 7/20 at day 60.
    pytest.param(
        # p = 350/1,000 = 7/20 = e - t
        rule(INCREASE, 1000, tolerance="0.25"), [JOBS_BASE, level(60, 5350)], [],
        at_risk(F(7, 20), F(3, 5), O, day(60)),
        id="tolerance 0.25 exactly on the line less the tolerance is at risk",
    ),
    pytest.param(
        # p = 349/1,000 < 7/20
        rule(INCREASE, 1000, tolerance="0.25"), [JOBS_BASE, level(60, 5349)], [],
        off(F(349, 1000), F(3, 5), O, day(60)),
        id="tolerance 0.25 just below the line less the tolerance is off track",
    ),
    pytest.param(
        # p = 2/5: below 1/2 (off track at t = 0.10) but >= 7/20
        rule(INCREASE, 1000, tolerance="0.25"), [JOBS_BASE, level(60, 5400)], [],
        at_risk(F(2, 5), F(3, 5), O, day(60)),
        id="tolerance 0.25 keeps at risk what 0.10 would call off track",
    ),
    pytest.param(
        # t = 0: p = 599/1,000 < 3/5 = e = e - t
        rule(INCREASE, 1000, tolerance="0"), [JOBS_BASE, level(60, 5599)], [],
        off(F(599, 1000), F(3, 5), O, day(60)),
        id="tolerance 0 makes anything below the line off track",
    ),
    # --- reach_value, rising V = 80 from v_b = 70.
    pytest.param(
        # p = (76 - 70) / (80 - 70) = 3/5
        REACH_80, [RATE_BASE, level(60, 76)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="reach rising value exactly on the line is on track",
    ),
    pytest.param(
        # p = 5/10 = 1/2 = e - t
        REACH_80, [RATE_BASE, level(60, 75)], [], at_risk(F(1, 2), F(3, 5), O, day(60)),
        id="reach rising value exactly on the line less the tolerance is at risk",
    ),
    pytest.param(
        # p = 4.9/10 = 49/100
        REACH_80, [RATE_BASE, level(60, "74.9")], [], off(F(49, 100), F(3, 5), O, day(60)),
        id="reach rising value below the line less the tolerance is off track",
    ),
    # --- reach_value, falling V = 40 from v_b = 50.
    pytest.param(
        # p = (44 - 50) / (40 - 50) = 3/5
        REACH_40, [level(0, 50), level(60, 44)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="reach falling value exactly on the line is on track",
    ),
    pytest.param(
        # p = (44.1 - 50) / -10 = 59/100
        REACH_40, [level(0, 50), level(60, "44.1")], [],
        at_risk(F(59, 100), F(3, 5), O, day(60)),
        id="reach falling value just short of the line is at risk",
    ),
    pytest.param(
        # p = (52 - 50) / -10 = -1/5
        REACH_40, [level(0, 50), level(60, 52)], [], off(F(-1, 5), F(3, 5), O, day(60)),
        id="reach falling value moving away is off track",
    ),
    # --- share_of_change, S = 0.70 from v_b = 1,000 jobs of which u_b = 400; e = 1 always.
    pytest.param(
        # p = ((470 - 400) / (1,100 - 1,000)) / 0.7 = (7/10) / (7/10) = 1 = e
        SHARE_70, [SHARE_BASE, level(60, 1100, subset=470)], [], on(F(1), F(1), O, day(60)),
        id="share exactly at S is on track",
    ),
    pytest.param(
        # p = (63/100) / (7/10) = 9/10 = e - t
        SHARE_70, [SHARE_BASE, level(60, 1100, subset=463)], [],
        at_risk(F(9, 10), F(1), O, day(60)),
        id="share exactly at S less the tolerance is at risk",
    ),
    pytest.param(
        # p = (62/100) / (7/10) = 31/35 < 9/10
        SHARE_70, [SHARE_BASE, level(60, 1100, subset=462)], [],
        off(F(31, 35), F(1), O, day(60)),
        id="share below S less the tolerance is off track",
    ),
    pytest.param(
        # day 10, but e = 1 for a share: p = (69/100) / (7/10) = 69/70 < 1
        SHARE_70, [SHARE_BASE, level(10, 1100, subset=469)], [],
        at_risk(F(69, 70), F(1), O, day(10)),
        id="share must hold from the start so early shortfalls are at risk",
    ),
    pytest.param(
        # v - v_b = 0: undefined
        SHARE_70, [SHARE_BASE, level(60, 1000, subset=420)], [], undefined(day(60)),
        id="share with no new jobs is not assessed",
    ),
    pytest.param(
        # v - v_b = -10: undefined
        SHARE_70, [SHARE_BASE, level(60, 990, subset=420)], [], undefined(day(60)),
        id="share with fewer jobs is not assessed",
    ),
    pytest.param(
        # day 30 gives p = 1, but the latest (day 60) is undefined and decides
        SHARE_70, [SHARE_BASE, level(30, 1100, subset=470), level(60, 1000, subset=420)], [],
        undefined(day(60)),
        id="share whose latest record is undefined is not assessed",
    ),
    # --- close_gap, difference, higher is better: g_b = 75 - 70 = 5.
    pytest.param(
        # g = 76 - 74 = 2; p = (5 - 2) / 5 = 3/5
        CLOSE, [level(0, 70, 75), level(60, 74, 76)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="close gap difference on the line is on track",
    ),
    pytest.param(
        # g = 76 - 77 = -1 (closed past zero); p = (5 + 1) / 5 = 6/5
        CLOSE, [level(0, 70, 75), level(60, 77, 76)], [], on(F(6, 5), F(3, 5), O, day(60)),
        id="close gap closed past zero goes beyond one",
    ),
    pytest.param(
        # g = 76 - 69 = 7 (widened); p = (5 - 7) / 5 = -2/5
        CLOSE, [level(0, 70, 75), level(60, 69, 76)], [], off(F(-2, 5), F(3, 5), O, day(60)),
        id="close gap widening goes below zero and is off track",
    ),
    # --- close_gap, difference, lower is better: g = v - c, g_b = 8 - 5 = 3.
    pytest.param(
        # g = 6.2 - 5 = 1.2; p = (3 - 1.2) / 3 = 3/5
        CLOSE_LOWER, [level(0, 8, 5), level(60, "6.2", 5)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="close gap lower-is-better difference on the line is on track",
    ),
    pytest.param(
        # g = 1.5; p = 1.5 / 3 = 1/2 = e - t
        CLOSE_LOWER, [level(0, 8, 5), level(60, "6.5", 5)], [],
        at_risk(F(1, 2), F(3, 5), O, day(60)),
        id="close gap lower-is-better difference on the line less the tolerance is at risk",
    ),
    # --- close_gap, ratio, higher is better: g_b = 1 - 30/40 = 1/4.
    pytest.param(
        # g = 1 - 36/40 = 1/10; p = (1/4 - 1/10) / (1/4) = 3/5
        CLOSE_RATIO, [level(0, 30, 40), level(60, 36, 40)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="close gap ratio on the line is on track",
    ),
    # --- reduce_gap by F = 0.5, difference, higher is better: g_b = 80 - 70 = 10.
    pytest.param(
        # g = 7; p = (10 - 7) / (0.5 * 10) = 3/5
        HALVE, [level(0, 70, 80), level(60, 73, 80)], [], on(F(3, 5), F(3, 5), O, day(60)),
        id="reduce gap difference on the line is on track",
    ),
    pytest.param(
        # g = 7.5; p = 2.5 / 5 = 1/2 = e - t
        HALVE, [level(0, 70, 80), level(60, "72.5", 80)], [], at_risk(F(1, 2), F(3, 5), O, day(60)),
        id="reduce gap difference on the line less the tolerance is at risk",
    ),
    pytest.param(
        # g = 7.6; p = 2.4 / 5 = 12/25 < 1/2
        HALVE, [level(0, 70, 80), level(60, "72.4", 80)], [], off(F(12, 25), F(3, 5), O, day(60)),
        id="reduce gap difference below the line less the tolerance is off track",
    ),
    # --- reduce_gap by F = 0.5, difference, lower is better: g_b = 9 - 5 = 4.
    pytest.param(
        # the comparator improved, the region did not: g = 9 - 4 = 5; p = (4 - 5) / 2 = -1/2
        HALVE_LOWER, [level(0, 9, 5), level(60, 9, 4)], [], off(F(-1, 2), F(3, 5), O, day(60)),
        id="reduce gap lower-is-better difference widening is off track",
    ),
    # --- reduce_gap by F = 0.5, ratio: higher is better g_b = 1 - 30/40 = 1/4.
    pytest.param(
        # g = 1 - 36.30/44.00 = 1 - 33/40 = 7/40; p = (1/4 - 7/40) / (1/8) = (3/40) * 8 = 3/5
        HALVE_RATIO, [level(0, 30, 40), level(60, "36.30", "44.00")], [],
        on(F(3, 5), F(3, 5), O, day(60)),
        id="reduce gap ratio on the line is on track",
    ),
    pytest.param(
        # lower is better: g_b = 12/10 - 1 = 1/5; g = 11.4/10 - 1 = 7/50;
        # p = (1/5 - 7/50) / (1/10) = (3/50) * 10 = 3/5
        HALVE_RATIO_LOWER, [level(0, 12, 10), level(60, "11.4", 10)], [],
        on(F(3, 5), F(3, 5), O, day(60)),
        id="reduce gap lower-is-better ratio on the line is on track",
    ),
    # --- g_b <= 0: progress undefined.
    pytest.param(
        # g_b = 75 - 76 = -1: the region was ahead at the baseline
        CLOSE, [level(0, 76, 75), level(60, 77, 76)], [], undefined(day(60)),
        id="close gap with the region ahead at the baseline is not assessed",
    ),
    pytest.param(
        # g_b = 75 - 75 = 0
        HALVE, [level(0, 75, 75), level(60, 76, 76)], [], undefined(day(60)),
        id="reduce gap with no gap at the baseline is not assessed",
    ),
    pytest.param(
        # lower is better: g_b = 9/10 - 1 = -1/10
        HALVE_RATIO_LOWER, [level(0, 9, 10), level(60, 9, 10)], [], undefined(day(60)),
        id="reduce gap ratio with a negative baseline gap is not assessed",
    ),
    # --- the target date: the outcome.
    pytest.param(
        # day 100 = D_T: p = 1,000/1,000 = 1
        PLUS_1000, [JOBS_BASE, level(100, 6000)], [], met(F(1), O, TARGET),
        id="exactly on the target on the target date is met",
    ),
    pytest.param(
        # p = 999/1,000 < 1
        PLUS_1000, [JOBS_BASE, level(100, 5999)], [], not_met(F(999, 1000), O, TARGET),
        id="just short of the target on the target date is not met",
    ),
    pytest.param(
        # p = 1,500/1,000 = 3/2
        PLUS_1000, [JOBS_BASE, level(100, 6500)], [], met(F(3, 2), O, TARGET),
        id="beyond the target on the target date is met",
    ),
    pytest.param(
        # day 90 p = 1 is before D_T; the earliest at or after D_T is day 110 (p = 9/10),
        # not day 120 (p = 6/5)
        PLUS_1000, [JOBS_BASE, level(90, 6000), level(110, 5900), level(120, 6200)], [],
        not_met(F(9, 10), O, day(110)),
        id="the earliest record after the target date is the outcome not the latest",
    ),
    pytest.param(
        # day 110 p = 1 decides; day 120 (p = 0) comes too late to matter
        PLUS_1000, [JOBS_BASE, level(120, 5000), level(110, 6000)], [], met(F(1), O, day(110)),
        id="a later fall does not undo an outcome that was met",
    ),
    pytest.param(
        # r / A = 1,000 / 1,000 = 1
        PLUS_1000, [JOBS_BASE], [statement(100, 1000)], met(F(1), A, TARGET),
        id="an assessment on the target date decides the outcome",
    ),
    pytest.param(
        # g = 76 - 77 = -1: p = 6/5
        CLOSE, [level(0, 70, 75), level(100, 77, 76)], [], met(F(6, 5), O, TARGET),
        id="close gap closed past zero on the target date is met",
    ),
    pytest.param(
        # g = 80 - 75 = 5 = (1 - F) g_b: p = 5 / 5 = 1
        HALVE, [level(0, 70, 80), level(100, 75, 80)], [], met(F(1), O, TARGET),
        id="reduce gap difference exactly on the target gap is met",
    ),
    pytest.param(
        # g = 5.1: p = 4.9 / 5 = 49/50
        HALVE, [level(0, 70, 80), level(100, "74.9", 80)], [], not_met(F(49, 50), O, TARGET),
        id="reduce gap difference just short of the target gap is not met",
    ),
    pytest.param(
        # g = 1 - 35/40 = 1/8 = (1 - F) * 1/4: p = 1
        HALVE_RATIO, [level(0, 30, 40), level(100, 35, 40)], [], met(F(1), O, TARGET),
        id="reduce gap ratio exactly on the target gap is met",
    ),
    pytest.param(
        # the outcome record has v - v_b = 0: undefined
        SHARE_70, [SHARE_BASE, level(100, 1000, subset=450)], [], undefined(TARGET),
        id="share undefined at the outcome is not assessed",
    ),
    # --- which records count.
    pytest.param(
        PLUS_1000, [level(60, 5600)], [], NO_DATA,
        id="observations without a baseline observation give no progress",
    ),
    pytest.param(
        # the day -1 level is not at D_b, so it is no baseline
        PLUS_1000, [level(-1, 5000), level(60, 5600)], [], NO_DATA,
        id="an observation before the baseline date is not the baseline",
    ),
    pytest.param(
        # the day 60 level gives nothing; r / A = 500/1,000 = 1/2 = e at day 50
        PLUS_1000, [level(60, 5600)], [statement(50, 500)], on(F(1, 2), F(1, 2), A, day(50)),
        id="assessments still give progress without a baseline observation",
    ),
    pytest.param(
        # no baseline observation, so the day 60 level is not eligible: r / A = 1/10
        PLUS_1000, [level(60, 5600)], [statement(60, 100)], off(F(1, 10), F(3, 5), A, day(60)),
        id="an assessment stands alone when the observation has no baseline",
    ),
    pytest.param(
        # r / A = 600/1,000
        PLUS_1000, [], [statement(60, 600)], on(F(3, 5), F(3, 5), A, day(60)),
        id="increase assessment is the change over A",
    ),
    pytest.param(
        # r = 0.55 of the way
        REACH_80, [], [statement(60, "0.55")], at_risk(F(11, 20), F(3, 5), A, day(60)),
        id="reach assessment is the share of the way",
    ),
    pytest.param(
        # r / S = 0.78 / 0.70 = 39/35
        SHARE_70, [], [statement(60, "0.78")], on(F(39, 35), F(1), A, day(60)),
        id="share assessment is the share over S",
    ),
    pytest.param(
        # r / F = 0.25 / 1
        CLOSE, [], [statement(60, "0.25")], off(F(1, 4), F(3, 5), A, day(60)),
        id="close gap assessment is the part of the gap closed",
    ),
    pytest.param(
        # "reduced by 30%": r / F = 0.3 / 0.5 = 3/5
        HALVE, [], [statement(60, "0.30")], on(F(3, 5), F(3, 5), A, day(60)),
        id="reduce gap assessment is the part of the gap closed over F",
    ),
    pytest.param(
        # "widened by 40%": r / F = -0.4 / 0.5 = -4/5
        HALVE, [], [statement(60, "-0.40")], off(F(-4, 5), F(3, 5), A, day(60)),
        id="reduce gap assessment of a widening is below zero",
    ),
    pytest.param(
        # the figure-less day 60 statement is ignored: day 40 p = 2/5 = e
        PLUS_1000, [JOBS_BASE, level(40, 5400)], [statement(60, None)],
        on(F(2, 5), F(2, 5), O, day(40)),
        id="an assessment without a figure plays no part",
    ),
    pytest.param(
        PLUS_1000, [JOBS_BASE], [statement(60, None)], NO_DATA,
        id="only assessments without a figure is not assessed",
    ),
    pytest.param(
        # the level (p = 3/5) wins over the statement (r / A = 1/10) for day 60
        PLUS_1000, [JOBS_BASE, level(60, 5600)], [statement(60, 100)],
        on(F(3, 5), F(3, 5), O, day(60)),
        id="the observation beats the assessment for the same period",
    ),
    pytest.param(
        # the observation wins day 60 even though its share is undefined (v = v_b)
        SHARE_70, [SHARE_BASE, level(60, 1000, subset=420)], [statement(60, "0.70")],
        undefined(day(60)),
        id="the observation beats the assessment for the same period even when undefined",
    ),
    pytest.param(
        # day 80: r / A = 1/2, e = 4/5, e - t = 7/10
        PLUS_1000, [JOBS_BASE, level(60, 5600)], [statement(80, 500)],
        off(F(1, 2), F(4, 5), A, day(80)),
        id="a later assessment beats an earlier observation",
    ),
    pytest.param(
        # day 60 level: p = 1/2 = e - t
        PLUS_1000, [JOBS_BASE, level(60, 5500)], [statement(40, 900)],
        at_risk(F(1, 2), F(3, 5), O, day(60)),
        id="a later observation beats an earlier assessment",
    ),
    pytest.param(
        # day 60 is the latest whatever the order: p = 3/5
        PLUS_1000, [level(60, 5600), JOBS_BASE, level(30, 5100)], [],
        on(F(3, 5), F(3, 5), O, day(60)),
        id="the latest period wins whatever the order of the records",
    ),
    pytest.param(
        PLUS_1000, [level(-30, 9000), JOBS_BASE], [statement(0, 900), statement(-10, 800)],
        NO_DATA,
        id="records at or before the baseline are ignored",
    ),
    pytest.param(
        # the day -30 level changes nothing: p = 3/5
        PLUS_1000, [level(-30, 9000), JOBS_BASE, level(60, 5600)], [],
        on(F(3, 5), F(3, 5), O, day(60)),
        id="an observation before the baseline does not affect progress",
    ),
    # --- the SEP's figures.
    pytest.param(
        # p = (884,400 - 811,300) / 100,000 = 731/1,000;
        # 2014-03-31 to 2019-09-30 = 1,826 + 183 = 2,009 days of 3,653 (2016, 2020, 2024 leap)
        SEP_JOBS, [SEP_JOBS_BASE, level(datetime.date(2019, 9, 30), 884400)], [],
        on(F(731, 1000), F(2009, 3653), O, datetime.date(2019, 9, 30)),
        id="sep jobs in 2019 are on track",
    ),
    pytest.param(
        # the final report covers D_T: r / A = 82,900 / 100,000 = 829/1,000 < 1
        SEP_JOBS, [SEP_JOBS_BASE, level(datetime.date(2019, 9, 30), 884400)], [FINAL_REPORT],
        not_met(F(829, 1000), A, datetime.date(2024, 3, 31)),
        id="sep jobs final report is not met",
    ),
    pytest.param(
        # r / S = 0.78 / 0.70 = 39/35
        SEP_BETTER_JOBS, [], [statement(datetime.date(2018, 6, 30), "0.78")],
        on(F(39, 35), F(1), A, datetime.date(2018, 6, 30)),
        id="sep better jobs in 2018 are on track",
    ),
    pytest.param(
        # "widened by 40%": r / F = -4/5; 2014-12-31 to 2023-06-30 = 2,922 + 181 = 3,103 days
        SEP_ACTIVITY,
        [],
        [statement(datetime.date(2022, 6, 30), None), statement(datetime.date(2023, 6, 30), "-0.40")],
        off(F(-4, 5), F(3103, 3653), A, datetime.date(2023, 6, 30)),
        id="sep economic activity widening in 2023 is off track",
    ),
    pytest.param(
        # g_b = 1 - 27.36/29.67 = 2.31/29.67 = 77/989; g = 1 - 32.64/36.80 = 4.16/36.80 = 13/115;
        # p = (77/989 - 13/115) / (77/1,978) = (8,855 - 12,857)/113,735 * 1,978/77 = -348/385;
        # 2014-12-31 to 2021-12-31 = 7 * 365 + 2 = 2,557 days
        SEP_GVA, [SEP_GVA_BASE, level(datetime.date(2021, 12, 31), "32.64", "36.80")], [],
        off(F(-348, 385), F(2557, 3653), O, datetime.date(2021, 12, 31)),
        id="sep gva per hour in 2021 is off track",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "levels", "statements", "expected"), STATUS_CASES)
def test_the_status_follows_the_rule_book(rule, levels, statements, expected):
    verdict = assess(rule, levels, statements, today_after(levels, statements))

    latest = None if verdict.latest is None else verdict.latest.period_end
    got = Expected(
        verdict.status,
        verdict.progress,
        verdict.expected_progress,
        verdict.status_basis,
        latest,
    )
    assert got == expected


@pytest.mark.parametrize(("rule", "levels", "statements", "expected"), STATUS_CASES)
def test_the_latest_point_is_the_record_the_status_comes_from(rule, levels, statements, expected):
    verdict = assess(rule, levels, statements, today_after(levels, statements))

    if expected.period_end is None:
        assert verdict.latest is None
        return
    records = levels if verdict.latest.basis == OBSERVATION else statements
    [record] = [r for r in records if r.period_end == expected.period_end]
    assert verdict.latest.record == record
    assert verdict.latest.progress == expected.progress


TARGET_VALUE_CASES = [
    # v_b + A = 5,000 + 1,000
    pytest.param(PLUS_1000, [JOBS_BASE], F(6000), id="increase shows the baseline plus A"),
    # A is a fall when lower is better: v_b - A, the level where p = 1
    pytest.param(MINUS_1000, [JOBS_BASE], F(4000), id="increase lower-is-better shows v_b less A"),
    pytest.param(PLUS_1000, [], None, id="increase without a baseline shows no target value"),
    pytest.param(REACH_80, [RATE_BASE], F(80), id="reach shows V rising"),
    pytest.param(REACH_40, [level(0, 50)], F(40), id="reach shows V falling"),
    pytest.param(REACH_80, [], F(80), id="reach shows V without a baseline"),
    pytest.param(SHARE_70, [SHARE_BASE], F(7, 10), id="share shows S"),
    pytest.param(SHARE_70, [], F(7, 10), id="share shows S without a baseline"),
    # (1 - 1) * 5
    pytest.param(CLOSE, [level(0, 70, 75)], F(0), id="close gap shows a gap of zero"),
    # (1 - 0.5) * (80 - 70)
    pytest.param(HALVE, [level(0, 70, 80)], F(5), id="reduce gap difference shows half the gap"),
    # (1 - 0.5) * (1 - 30/40) = 1/8
    pytest.param(HALVE_RATIO, [level(0, 30, 40)], F(1, 8), id="reduce gap ratio shows half the gap"),
    # (1 - 0.5) * (12/10 - 1) = 1/10
    pytest.param(
        HALVE_RATIO_LOWER, [level(0, 12, 10)], F(1, 10),
        id="reduce gap lower-is-better ratio shows half the gap",
    ),
    pytest.param(HALVE, [], None, id="reduce gap without a baseline shows no target value"),
    # (1 - 0.5) * 77/989
    pytest.param(SEP_GVA, [SEP_GVA_BASE], F(77, 1978), id="sep gva per hour shows half the gap"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "levels", "target_value"), TARGET_VALUE_CASES)
def test_the_target_value_is_what_the_dashboard_shows(rule, levels, target_value):
    verdict = assess(rule, levels, [], TARGET)

    assert verdict.target_value == target_value


PROJECTION_CASES = [
    # (0, 0), (1/5, 1/10), (2/5, 1/5) lie on p = f/2
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(20, 5100), level(40, 5200)], [], F(1, 2),
        id="two records on a line through the baseline project along it",
    ),
    # (0, 0), (1/5, 2/5), (2/5, 2/5): mean f = 1/5, mean p = 4/15;
    # Sfp = (-1/5)(-4/15) + 0 + (1/5)(2/15) = 6/75, Sff = 2/25: slope 1, intercept 1/15;
    # at f = 1: 16/15 (a line forced through the origin would give 6/5)
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(20, 5400), level(40, 5400)], [], F(16, 15),
        id="the least-squares line fits an intercept through the baseline point",
    ),
    # (0, 0), (1/4, 1/2), (1/2, 1/2), (3/4, 3/2): means 3/8, 5/8; Sfp = 36/64, Sff = 20/64;
    # slope 9/5, intercept 5/8 - 27/40 = -1/20; at f = 1: 7/4
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(25, 5500), level(50, 5500), level(75, 6500)], [], F(7, 4),
        id="three records project along their least-squares line",
    ),
    # (0, 0), (1/2, 1/2), (1, 3/5): means 1/2, 11/30; Sfp = 11/60 + 7/60 = 3/10, Sff = 1/2;
    # slope 3/5, intercept 1/15; at f = 1: 2/3 (without the D_T record it would be 1)
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(50, 5500), level(100, 5600)], [], F(2, 3),
        id="a record on the target date is part of the fit",
    ),
    # day 120 (p = 4) is after D_T: the fit uses (0, 0), (1/5, 1/10), (2/5, 1/5)
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(20, 5100), level(40, 5200), level(120, 9000)], [], F(1, 2),
        id="records after the target date are left out of the fit",
    ),
    # the day 20 level (p = 1/10) beats the statement (p = 9/10); day 40 r / A = 1/5
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(20, 5100)], [statement(20, 900), statement(40, 200)],
        F(1, 2),
        id="the fit uses assessments and the observation wins a shared period",
    ),
    pytest.param(
        PLUS_1000, [], [statement(20, 100), statement(40, 200)], F(1, 2),
        id="assessments project without a baseline observation",
    ),
    # close gap, g_b = 5: day 25 g = 4 so p = 1/5; day 50 g = 3 so p = 2/5: p = 4f/5
    pytest.param(
        CLOSE, [level(0, 70, 75), level(25, 71, 75), level(50, 72, 75)], [], F(4, 5),
        id="a gap target projects from its gaps",
    ),
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(20, 5100)], [], None,
        id="one record gives no projection",
    ),
    pytest.param(PLUS_1000, [JOBS_BASE], [], None, id="no record gives no projection"),
    # two records give a progress, but only day 50 (p = 1/2) is up to D_T: the line
    # through (0, 0) and (1/2, 1/2) is p = f, so 1 at the target date
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(50, 5500), level(120, 9000)], [], F(1),
        id="a record after the target date counts towards the two but is not fitted",
    ),
    # the level has no baseline so gives no progress: one record remains
    pytest.param(
        PLUS_1000, [level(20, 5100)], [statement(40, 200)], None,
        id="records that give no progress do not count towards the two",
    ),
    pytest.param(
        PLUS_1000, [JOBS_BASE, level(20, 5100)], [statement(40, None)], None,
        id="assessments without a figure do not count towards the two",
    ),
    pytest.param(
        SHARE_70,
        [SHARE_BASE, level(20, 1100, subset=470), level(40, 1200, subset=540)],
        [statement(60, "0.7")],
        None,
        id="a share is never projected",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "levels", "statements", "projected"), PROJECTION_CASES)
def test_the_projection_is_the_least_squares_line_at_the_target_date(
    rule, levels, statements, projected
):
    """The fit itself; the verdict carries it only while no outcome is held (below)."""
    verdict = assess(rule, levels, statements, today_after(levels, statements))

    assert projected_progress(rule, list(verdict.points)) == projected
    if verdict.status not in (MET, NOT_MET):
        assert verdict.projected_progress == projected


def test_there_is_no_projection_once_the_outcome_is_held():
    levels = [JOBS_BASE, level(50, 5500), level(100, 5600)]

    verdict = assess(PLUS_1000, levels, [], day(120))

    assert verdict.status == NOT_MET
    assert verdict.projected_progress is None
    assert not verdict.final_figure_awaited


def test_past_the_target_date_without_an_outcome_the_reason_first_says_the_final_figure_is_awaited():
    levels = [JOBS_BASE, level(25, 5250), level(50, 5500)]

    verdict = assess(PLUS_1000, levels, [], day(120))

    assert verdict.final_figure_awaited
    assert verdict.status == ON_TRACK
    assert verdict.status_reason == f"Final figure awaited. {verdict.status_detail}"
    assert verdict.status_detail.startswith("50% of the way to the target")
    assert verdict.projected_progress == 1


def test_before_the_target_date_nothing_is_awaited():
    verdict = assess(PLUS_1000, [JOBS_BASE, level(50, 5500)], [], day(60))

    assert not verdict.final_figure_awaited
    assert verdict.status_reason == verdict.status_detail


def test_the_figures_are_exact_fractions():
    levels = [JOBS_BASE, level(20, 5100), level(30, 5333)]

    verdict = assess(PLUS_1000, levels, [], day(60))

    # p = 333/1,000, e = 3/10; the fit through (0, 0), (1/5, 1/10), (3/10, 333/1,000)
    assert verdict.progress == F(333, 1000)
    assert verdict.expected_progress == F(3, 10)
    for figure in (
        verdict.progress,
        verdict.expected_progress,
        verdict.projected_progress,
        verdict.target_value,
    ):
        assert isinstance(figure, Fraction)


def test_the_points_are_the_eligible_records_in_period_order_one_per_period():
    base = JOBS_BASE
    early, later = level(20, 5100), level(60, 5600)
    beaten, assessed = statement(20, 900), statement(40, 300)
    ignored = [statement(70, None), statement(-5, 100), statement(0, 200)]

    verdict = assess(
        PLUS_1000, [later, base, early], [assessed, beaten, *ignored], datetime.date(2020, 3, 31)
    )

    assert [
        (point.record, point.basis, point.progress, point.elapsed, point.expected)
        for point in verdict.points
    ] == [
        (early, OBSERVATION, F(1, 10), F(1, 5), F(1, 5)),  # (5,100 - 5,000) / 1,000
        (assessed, ASSESSMENT, F(3, 10), F(2, 5), F(2, 5)),  # 300 / 1,000
        (later, OBSERVATION, F(3, 5), F(3, 5), F(3, 5)),  # (5,600 - 5,000) / 1,000
    ]
    assert [point.period_end for point in verdict.points] == [day(20), day(40), day(60)]


def test_the_points_leave_out_observations_when_there_is_no_baseline():
    stranded = level(20, 5100)
    assessed = statement(40, 300)

    verdict = assess(PLUS_1000, [stranded], [assessed], day(60))

    assert [(point.record, point.basis) for point in verdict.points] == [(assessed, ASSESSMENT)]
    assert verdict.baseline is None


def test_a_point_after_the_target_date_has_all_the_time_elapsed():
    verdict = assess(PLUS_1000, [JOBS_BASE, level(150, 5900)], [], day(200))

    [point] = verdict.points
    assert (point.elapsed, point.expected, point.progress) == (F(1), F(1), F(9, 10))


def test_a_share_point_expects_the_whole_share_while_time_elapses():
    verdict = assess(SHARE_70, [SHARE_BASE, level(60, 1100, subset=470)], [], day(90))

    [point] = verdict.points
    assert (point.elapsed, point.expected, point.progress) == (F(3, 5), F(1), F(1))


def test_an_undefined_point_says_why():
    verdict = assess(SHARE_70, [SHARE_BASE, level(60, 1000, subset=420)], [], day(90))

    [point] = verdict.points
    assert point.progress is None
    assert point.undefined_reason


@pytest.mark.parametrize(
    ("rule", "levels", "baseline_gap", "gap"),
    [
        # g_b = 75 - 70; g = 76 - 74
        pytest.param(CLOSE, [level(0, 70, 75), level(60, 74, 76)], F(5), F(2), id="difference"),
        # g_b = 8 - 5; g = 6.2 - 5
        pytest.param(
            CLOSE_LOWER, [level(0, 8, 5), level(60, "6.2", 5)], F(3), F(6, 5),
            id="difference lower-is-better",
        ),
        # g_b = 1 - 30/40; g = 1 - 36.30/44.00
        pytest.param(
            HALVE_RATIO, [level(0, 30, 40), level(60, "36.30", "44.00")], F(1, 4), F(7, 40),
            id="ratio",
        ),
        # g_b = 12/10 - 1; g = 11.4/10 - 1
        pytest.param(
            HALVE_RATIO_LOWER, [level(0, 12, 10), level(60, "11.4", 10)], F(1, 5), F(7, 50),
            id="ratio lower-is-better",
        ),
    ],
)  # fmt: skip
def test_the_gap_is_kept_on_the_baseline_and_on_each_point(rule, levels, baseline_gap, gap):
    verdict = assess(rule, levels, [], day(90))

    assert verdict.baseline.gap == baseline_gap
    assert [point.gap for point in verdict.points] == [gap]


def test_the_baseline_carries_the_baseline_observation():
    verdict = assess(SHARE_70, [SHARE_BASE, level(60, 1100, subset=470)], [], day(90))

    baseline = verdict.baseline
    assert (baseline.period_end, baseline.value, baseline.comparator_value) == (
        BASE,
        Decimal(1000),
        None,
    )
    assert baseline.subset_value == Decimal(400)


def test_there_is_no_baseline_without_an_observation_at_the_baseline_date():
    verdict = assess(CLOSE, [level(-1, 70, 75), level(1, 70, 75)], [], day(90))

    assert verdict.baseline is None


def test_the_status_depends_on_the_period_covered_not_on_today():
    levels = [JOBS_BASE, level(60, 5500)]

    verdicts = [assess(PLUS_1000, levels, [], today) for today in (day(61), day(99), day(400))]

    assert {(v.status, v.progress, v.expected_progress) for v in verdicts} == {
        (AT_RISK, F(1, 2), F(3, 5))
    }


@pytest.mark.parametrize(
    ("value", "status", "progress_words"),
    [
        # day 85: e = 85/100; p = 900/1,000 = 90%
        pytest.param(5900, ON_TRACK, "90%", id="on track"),
        # p = 80% >= 75%
        pytest.param(5800, AT_RISK, "80%", id="at risk"),
        # p = 62% < 75%
        pytest.param(5620, OFF_TRACK, "62%", id="off track"),
    ],
)
def test_the_reason_gives_progress_and_time_elapsed_as_whole_percentages(
    value, status, progress_words
):
    verdict = assess(PLUS_1000, [JOBS_BASE, level(85, value)], [], day(95))

    assert verdict.status == status
    assert progress_words in verdict.status_reason
    assert "85%" in verdict.status_reason


def test_the_reason_names_the_publication_when_the_status_comes_from_an_assessment():
    publication = "North East LEP, Our progress (data to March 2020)"

    verdict = assess(PLUS_1000, [JOBS_BASE], [statement(60, 600, publication)], day(90))

    assert verdict.status_basis == ASSESSMENT
    assert f"as reported in {publication}" in verdict.status_reason


def test_the_reason_says_when_the_period_covered_is_assumed():
    verdict = assess(PLUS_1000, [JOBS_BASE], [statement(60, 600, assumed=True)], day(90))

    assert "for a period it does not state (taken to end" in verdict.status_reason


def test_the_reason_for_an_outcome_says_when_the_period_covered_is_assumed():
    verdict = assess(SEP_JOBS, [SEP_JOBS_BASE], [FINAL_REPORT], datetime.date(2025, 6, 1))

    assert verdict.status == NOT_MET
    assert "for a period it does not state (taken to end" in verdict.status_reason
    assert f"as reported in {FINAL_REPORT.publication}" in verdict.status_reason


@pytest.mark.parametrize(
    ("rule", "levels", "status"),
    [
        # day 90: p = 9/10 = e, so rule 3 still gives on track from the latest record
        pytest.param(
            PLUS_1000,
            [JOBS_BASE, level(90, 5900, label="Jan-Mar 2020")],
            ON_TRACK,
            id="on track",
        ),
        # day 90: v - v_b = 0, so the latest record's share is undefined
        pytest.param(
            SHARE_70,
            [SHARE_BASE, level(90, 1000, subset=420, label="Jan-Mar 2020")],
            NOT_ASSESSED,
            id="undefined",
        ),
    ],
)
def test_the_reason_first_says_the_final_figure_is_awaited_and_names_the_latest_period(
    rule, levels, status
):
    verdict = assess(rule, levels, [], day(150))

    assert verdict.status == status
    assert verdict.final_figure_awaited
    assert verdict.status_reason.startswith("Final figure awaited. ")
    assert "Jan-Mar 2020" in verdict.status_detail


def test_the_reason_says_there_is_no_figure_since_the_baseline():
    verdict = assess(PLUS_1000, [JOBS_BASE], [statement(60, None)], day(90))

    assert verdict.status == NOT_ASSESSED
    assert "No published figure since the baseline" in verdict.status_reason


@pytest.mark.parametrize(
    ("rule", "levels"),
    [
        pytest.param(SHARE_70, [SHARE_BASE, level(60, 990, subset=420)], id="share"),
        pytest.param(CLOSE, [level(0, 76, 75), level(60, 77, 76)], id="gap"),
    ],
)
def test_the_reason_explains_an_undefined_progress(rule, levels):
    verdict = assess(rule, levels, [], day(90))

    assert verdict.status == NOT_ASSESSED
    assert verdict.status_reason
    assert "No published figure since the baseline" not in verdict.status_reason


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        pytest.param(F(1, 3), 4, "0.3333", id="a third"),
        pytest.param(F(2, 3), 4, "0.6667", id="two thirds"),
        pytest.param(F(1, 2), 4, "0.5000", id="a half keeps four places"),
        pytest.param(F(3), 4, "3.0000", id="a whole number"),
        pytest.param(F(-348, 385), 4, "-0.9039", id="a negative progress"),
        pytest.param(F(5, 100000), 4, "0.0000", id="half to even rounds down"),
        pytest.param(F(15, 100000), 4, "0.0002", id="half to even rounds up"),
        pytest.param(F(-1, 8), 2, "-0.12", id="half to even below zero"),
        pytest.param(F(3, 8), 2, "0.38", id="two places"),
        pytest.param(F(1, 2) + F(1, 10**20), 0, "1", id="the exact value not a float decides"),
    ],
)
def test_as_decimal_rounds_half_to_even(value, places, expected):
    assert str(as_decimal(value, places)) == expected


def test_as_decimal_rounds_to_four_places_by_default():
    assert as_decimal(F(2009, 3653)) == Decimal("0.5500")


def test_as_decimal_of_nothing_is_nothing():
    assert as_decimal(None) is None


def test_an_assessment_of_a_fall_counts_as_progress_when_lower_is_better():
    """The figure is the change since the baseline: a fall of 600 is 3/5 of a 1,000 fall,
    as the same fall in the levels would be."""
    falling = rule(INCREASE, 1000, higher_is_better=False)

    from_statement = assess(falling, [], [statement(50, -600)], day(60))
    from_levels = assess(falling, [level(0, 5000), level(50, 4400)], [], day(60))

    assert from_statement.progress == F(3, 5)
    assert from_levels.progress == F(3, 5)
