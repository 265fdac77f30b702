"""Properties that METHODOLOGY.md's rules must keep for any target and any figures.

Every figure is built from Decimals so that the progress it should give is exact.
"""

import dataclasses
import datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from targets.progress import (
    AT_RISK,
    CLOSE_GAP,
    DIFFERENCE,
    INCREASE,
    MET,
    NOT_MET,
    OFF_TRACK,
    ON_TRACK,
    RATIO,
    REACH_VALUE,
    REDUCE_GAP,
    SHARE_OF_CHANGE,
    Level,
    Rule,
    Statement,
    assess,
    projected_progress,
)

PROPERTY = settings(max_examples=200, deadline=None)

KINDS = (INCREASE, REACH_VALUE, SHARE_OF_CHANGE, CLOSE_GAP, REDUCE_GAP)
TRAJECTORY = (OFF_TRACK, AT_RISK, ON_TRACK)  # worst first
OUTCOME = (NOT_MET, MET)


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals with two places, as the statistics are published."""
    return st.integers(low, high).map(lambda n: Decimal(n) / 100)


@st.composite
def periods(draw) -> tuple[datetime.date, datetime.date]:
    """A baseline date and a target date between one month and twelve years later."""
    baseline = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)))
    return baseline, baseline + datetime.timedelta(days=draw(st.integers(30, 4400)))


def make_rule(kind, parameter, period, **fields) -> Rule:
    baseline_date, target_date = period
    return Rule(
        kind=kind,
        parameter=parameter,
        baseline_date=baseline_date,
        target_date=target_date,
        **fields,
    )


def days_after(when: datetime.date, days: int) -> datetime.date:
    return when + datetime.timedelta(days=days)


@st.composite
def targets_with_figures(draw, kind: str):
    """A rule, its baseline observation, and the figures of a later period that put the
    region back at its baseline (p = 0) and exactly on its target (p = 1)."""
    period = draw(periods())
    higher = draw(st.booleans())
    if kind == INCREASE:
        a = draw(cents(1, 10**8))
        v_b = draw(cents(0, 10**8)) + a  # leaves room for a fall by A
        rule = make_rule(kind, a, period, higher_is_better=higher)
        base = {"value": v_b}
        # the documented choice: when lower is better, A is a fall
        at_target = {"value": v_b + a if higher else v_b - a}
        at_baseline = {"value": v_b}
    elif kind == REACH_VALUE:
        v_b, goal = draw(st.lists(cents(0, 10**8), min_size=2, max_size=2, unique=True))
        rule = make_rule(kind, goal, period, higher_is_better=goal > v_b)
        base = {"value": v_b}
        at_target = {"value": goal}
        at_baseline = {"value": v_b}
    elif kind == SHARE_OF_CHANGE:
        share = draw(cents(1, 100))
        v_b, u_b = draw(st.integers(0, 10**7)), draw(st.integers(0, 10**7))
        change = draw(st.integers(1, 10**6))
        rule = make_rule(kind, share, period)
        base = {"value": Decimal(v_b + u_b), "subset_value": Decimal(u_b)}
        # the new jobs that count: u - u_b = S (v - v_b), or none of them
        at_target = {
            "value": Decimal(v_b + u_b + change),
            "subset_value": u_b + share * change,
        }
        at_baseline = {"value": Decimal(v_b + u_b + change), "subset_value": Decimal(u_b)}
    else:
        fraction = Decimal(1) if kind == CLOSE_GAP else draw(cents(1, 100))
        measure = draw(st.sampled_from((DIFFERENCE, RATIO)))
        rule = make_rule(kind, fraction, period, higher_is_better=higher, gap_measure=measure)
        # a gap to close: behind means below the comparator when higher is better
        c_b = draw(cents(1, 10**6))
        behind_by = draw(cents(1, 10**6))
        v_b = c_b - behind_by if higher else c_b + behind_by
        base = {"value": v_b, "comparator_value": c_b}
        if measure == DIFFERENCE:
            # g = ±(c - v) = (1 - F) g_b  <=>  v = c - (1 - F)(c_b - v_b), either direction
            c = draw(cents(1, 10**6))
            at_target = {"value": c - (1 - fraction) * (c_b - v_b), "comparator_value": c}
            at_baseline = {"value": c - (c_b - v_b), "comparator_value": c}
        else:
            # with c = m c_b: g = ±(1 - v/c) = (1 - F) g_b  <=>  v = m (F c_b + (1 - F) v_b)
            m = draw(cents(1, 1000))
            c = m * c_b
            at_target = {
                "value": m * (fraction * c_b + (1 - fraction) * v_b),
                "comparator_value": c,
            }
            at_baseline = {"value": m * v_b, "comparator_value": c}
    return rule, base, at_baseline, at_target


def levels_at(rule: Rule, base: dict, later: dict, days: int) -> list[Level]:
    return [
        Level(period_end=rule.baseline_date, **base),
        Level(period_end=days_after(rule.baseline_date, days), **later),
    ]


@st.composite
def cases_inside_the_period(draw):
    kind = draw(st.sampled_from(KINDS))
    rule, base, at_baseline, at_target = draw(targets_with_figures(kind))
    span = (rule.target_date - rule.baseline_date).days
    return rule, base, at_baseline, at_target, draw(st.integers(1, span - 1))


@PROPERTY
@given(cases_inside_the_period())
def test_progress_is_one_exactly_on_the_target_for_every_kind(case):
    rule, base, _, at_target, days = case

    verdict = assess(rule, levels_at(rule, base, at_target, days), [], rule.target_date)

    assert verdict.progress == 1
    assert verdict.status == ON_TRACK


@PROPERTY
@given(cases_inside_the_period())
def test_progress_is_zero_back_at_the_baseline_for_every_kind(case):
    rule, base, at_baseline, _, days = case

    verdict = assess(rule, levels_at(rule, base, at_baseline, days), [], rule.target_date)

    assert verdict.progress == 0


def improved(rule: Rule, figures: dict, step: Decimal) -> dict:
    """The same figures with the region's value moved `step` in the better direction."""
    better = figures["value"] + step if rule.higher_is_better else figures["value"] - step
    return {**figures, "value": better}


@st.composite
def a_figure_and_a_better_one(draw):
    """Any target but a share, its baseline, a later period (inside the target period or
    not), and two figures for it: the second one better by `step` than the first."""
    kind = draw(st.sampled_from((INCREASE, REACH_VALUE, CLOSE_GAP, REDUCE_GAP)))
    rule, base, at_baseline, at_target = draw(targets_with_figures(kind))
    rule = dataclasses.replace(rule, tolerance=draw(cents(0, 50)))
    span = (rule.target_date - rule.baseline_date).days
    days = draw(st.integers(1, span + 400))
    # somewhere between going backwards and overshooting
    worse = draw(st.sampled_from((at_baseline, at_target)))
    worse = improved(rule, worse, draw(cents(-(10**6), 10**6)))
    better = improved(rule, worse, draw(cents(1, 10**6)))
    return rule, base, worse, better, days


@PROPERTY
@given(a_figure_and_a_better_one())
def test_a_better_latest_figure_never_makes_the_status_worse(case):
    rule, base, worse, better, days = case
    today = days_after(rule.target_date, 500)

    before = assess(rule, levels_at(rule, base, worse, days), [], today)
    after = assess(rule, levels_at(rule, base, better, days), [], today)

    ladder = OUTCOME if days >= (rule.target_date - rule.baseline_date).days else TRAJECTORY
    assert ladder.index(after.status) >= ladder.index(before.status)
    assert after.progress > before.progress


@st.composite
def records_on_a_line(draw):
    """An increase by A = the number of days in the period, and records whose change is
    a * (days since the baseline), so that p = a * f exactly; some are assessments."""
    period = draw(periods())
    span = (period[1] - period[0]).days
    slope = draw(cents(-300, 300))
    rule = make_rule(INCREASE, Decimal(span), period)
    v_b = Decimal(10**6)
    offsets = draw(st.lists(st.integers(1, span), min_size=2, max_size=6, unique=True))
    levels = [Level(period_end=period[0], value=v_b)]
    statements = []
    for offset in offsets:
        when = days_after(period[0], offset)
        change = slope * offset
        if draw(st.booleans()):
            levels.append(Level(period_end=when, value=v_b + change))
        else:
            statements.append(Statement(period_end=when, figure=change, publication="LEP"))
    if draw(st.booleans()):
        # a figure after the target date, off the line: it must be left out of the fit
        late = days_after(period[1], draw(st.integers(1, 400)))
        levels.append(Level(period_end=late, value=v_b + draw(cents(-(10**8), 10**8))))
    return rule, levels, statements, Fraction(slope)


@PROPERTY
@given(records_on_a_line())
def test_records_on_a_straight_line_project_its_value_at_the_target_date(case):
    rule, levels, statements, slope = case

    verdict = assess(rule, levels, statements, days_after(rule.target_date, 500))

    assert projected_progress(rule, list(verdict.points)) == slope
    outcome_held = any(point.period_end >= rule.target_date for point in verdict.points)
    assert verdict.projected_progress == (None if outcome_held else slope)


@st.composite
def one_assessment_and_a_later_one(draw):
    kind = draw(st.sampled_from(KINDS))
    parameter = Decimal(1) if kind == CLOSE_GAP else draw(cents(1, 100))
    rule = make_rule(kind, parameter, draw(periods()))
    span = (rule.target_date - rule.baseline_date).days
    first = draw(st.integers(1, 3 * span))
    second = first + draw(st.integers(0, span))
    figure = draw(cents(-100, 200))
    return rule, first, second, figure


@PROPERTY
@given(one_assessment_and_a_later_one())
def test_expected_progress_is_a_share_that_never_falls_with_the_date(case):
    rule, first, second, figure = case
    today = days_after(rule.baseline_date, second + 1)

    def expected_for(days):
        when = days_after(rule.baseline_date, days)
        return assess(rule, [], [Statement(when, figure, "LEP")], today).expected_progress

    earlier, later = expected_for(first), expected_for(second)
    assert 0 <= earlier <= later <= 1
    if rule.kind == SHARE_OF_CHANGE:
        assert earlier == later == 1


@PROPERTY
@given(one_assessment_and_a_later_one())
def test_the_time_elapsed_is_the_share_of_days_clamped_to_one(case):
    rule, first, _, figure = case
    when = days_after(rule.baseline_date, first)

    verdict = assess(rule, [], [Statement(when, figure, "LEP")], when)

    span = (rule.target_date - rule.baseline_date).days
    assert verdict.latest.elapsed == min(Fraction(first, span), Fraction(1))
