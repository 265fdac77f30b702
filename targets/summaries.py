"""What the public pages say about a target, worded from its verdict.

The verdict (progress.py) decides; this module only puts its numbers into words and
whole percentages, so the home page's card and the target's own page say the same.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction

from targets import figures, progress
from targets.models import Target
from targets.standings import Standing

# Word and colour together: GOV.UK Frontend's tag colours meet contrast rules.
STATUS_TAG_CLASSES = {
    progress.ON_TRACK: "govuk-tag--green",
    progress.MET: "govuk-tag--green",
    progress.AT_RISK: "govuk-tag--yellow",
    progress.OFF_TRACK: "govuk-tag--red",
    progress.NOT_MET: "govuk-tag--red",
    progress.NOT_ASSESSED: "govuk-tag--grey",
}


@dataclass(frozen=True)
class TargetSummary:
    target: Target
    verdict: progress.Verdict
    status_word: str
    status_tag_class: str
    progress_text: str  # “62% of the way”, or “” when not measured
    expected_text: str  # “85% expected by now”
    progress_bar: int | None  # 0-100, for the bar; None hides it
    expected_bar: int | None
    latest_text: str  # the latest published figure, with its period
    latest_period: str
    target_text: str  # what the target asks for, as a figure
    baseline_text: str  # the baseline figure, or "" when none is published
    projection_text: str
    last_updated: datetime.datetime | None


def _bar(share: Fraction | None) -> int | None:
    if share is None:
        return None
    return int(min(max(round(share * 100), 0), 100))


def parameter_is_whole(target: Target) -> bool:
    return Fraction(target.parameter) == 1


def target_text(target: Target, verdict: progress.Verdict) -> str:
    value = verdict.target_value
    if target.kind == Target.Kind.SHARE_OF_CHANGE:
        subset = target.subset_indicator.split(":")[0] or "the part that counts"
        return f"{figures.percent(Fraction(target.parameter))} of the change: {subset.lower()}"
    if target.needs_comparator and value is None:
        if parameter_is_whole(target):
            return f"No gap with {target.comparator}"
        return (
            f"A gap with {target.comparator} {figures.percent(Fraction(target.parameter))} "
            "smaller than at the baseline"
        )
    if value is None:
        return "Not known until the baseline figure is published"
    if target.needs_comparator:
        if value == 0:
            return f"No gap with {target.comparator}"
        gap = target.gap_figure(value)
        return f"A gap of {gap} with {target.comparator}"
    return target.figure(value)


def latest_text(target: Target, observation: progress.Level | None) -> str:
    if observation is None:
        return "No official figure held here yet"
    text = target.figure(observation.value)
    if target.needs_comparator and observation.comparator_value is not None:
        comparator = target.figure(observation.comparator_value)
        text += f", against {comparator} for {target.comparator}"
    if target.needs_subset and observation.subset_value is not None:
        subset = target.figure(observation.subset_value)
        text += f", of which {subset} count"
    return text


def baseline_text(target: Target, verdict: progress.Verdict) -> str:
    baseline = verdict.baseline
    if baseline is None:
        return ""
    text = target.figure(baseline.value)
    if target.needs_comparator and baseline.comparator_value is not None:
        comparator = target.figure(baseline.comparator_value)
        text += f", against {comparator} for {target.comparator}"
        if baseline.gap is not None:
            gap = target.gap_figure(baseline.gap)
            text += f": a gap of {gap}"
    return text


def projection_text(target: Target, verdict: progress.Verdict) -> str:
    if verdict.projected_progress is None:
        if target.kind == Target.Kind.SHARE_OF_CHANGE:
            return "No projection: the share of the change must hold at every date."
        return "No projection: it needs at least two published figures since the baseline."
    when = target.target_date.year if target.target_date else "the target date"
    projected = verdict.projected_progress
    share = figures.percent(projected)
    if projected >= 1:
        outcome = f"the target would be met by {when} ({share} of the way)"
    elif projected >= 0:
        outcome = f"it would be {share} of the way to the target by {when}, short of it"
    else:
        outcome = (
            f"it would be further from the target in {when} than at the baseline "
            f"({share} of the way)"
        )
    return f"If the trend since the baseline went on, {outcome}."


def summarise(target: Target, standing: Standing) -> TargetSummary:
    verdict = standing.verdict
    latest = standing.latest_observation
    if verdict.progress is None:
        progress_text = expected_text = ""
        bar = expected_bar = None
    elif target.kind == Target.Kind.SHARE_OF_CHANGE:
        needed = Fraction(target.parameter)
        share = verdict.progress * needed
        progress_text = f"{figures.percent(share)} of the change counts"
        expected_text = f"{figures.percent(needed)} needed"
        bar, expected_bar = _bar(share), _bar(needed)
    else:
        progress_text = f"{figures.percent(verdict.progress)} of the way"
        expected_text = f"{figures.percent(verdict.expected_progress)} expected by then"
        bar, expected_bar = _bar(verdict.progress), _bar(verdict.expected_progress)
    return TargetSummary(
        target=target,
        verdict=verdict,
        status_word=progress.STATUS_WORDS[verdict.status],
        status_tag_class=STATUS_TAG_CLASSES[verdict.status],
        progress_text=progress_text,
        expected_text=expected_text,
        progress_bar=bar,
        expected_bar=expected_bar,
        latest_text=latest_text(target, latest),
        latest_period=latest.period_label if latest else "",
        target_text=target_text(target, verdict),
        baseline_text=baseline_text(target, verdict),
        projection_text=projection_text(target, verdict),
        last_updated=standing.last_updated,
    )


def how_measured(target: Target) -> list[str]:
    """The rule book (METHODOLOGY.md) for this target, in plain English."""
    indicator = target.indicator[:1].lower() + target.indicator[1:]
    baseline = f"{target.baseline_date:%B %Y}" if target.baseline_date else "no baseline date"
    target_date = f"{target.target_date:%B %Y}" if target.target_date else "no target date"
    parameter = Fraction(target.parameter)
    kind = target.kind
    if kind == Target.Kind.INCREASE:
        rule = (
            f"Progress is the change in {indicator} since the baseline as a share of the "
            f"{target.figure(parameter)} the target asks for."
        )
    elif kind == Target.Kind.REACH_VALUE:
        rule = (
            f"Progress is how far {indicator} has moved from its baseline figure towards "
            f"{target.figure(parameter)}, as a share of the way."
        )
    elif kind == Target.Kind.SHARE_OF_CHANGE:
        subset = (target.subset_indicator.split(":")[0] or "the part that counts").lower()
        rule = (
            f"Of the change in {indicator} since the baseline, {figures.percent(parameter)} must "
            f"be {subset}. The share is measured at every date, so it must hold all along: "
            "there is no straight line to follow, and no projection."
        )
    else:
        measure = (
            "as a share of the comparator’s figure"
            if target.gap_measure == Target.GapMeasure.RATIO
            else "as the difference between the two figures"
        )
        how_much = "all of the gap" if parameter == 1 else f"{figures.percent(parameter)} of it"
        rule = (
            f"The gap is how far the area is behind {target.comparator} in {indicator}, "
            f"{measure}. The target is to close {how_much} by the target date; progress is "
            "the share of that closing done so far."
        )
    paragraphs = [
        rule,
        f"The baseline is the period ending {baseline}; the target date is {target_date}.",
    ]
    if kind != Target.Kind.SHARE_OF_CHANGE:
        paragraphs.append(
            "Progress is compared with a straight line from the baseline to the target date: "
            "on track when at or above the line, at risk when less than "
            f"{figures.percent(Fraction(target.tolerance))} of the way below it, and off track "
            "below that. Once a figure covers the target date, the target is met or not met."
        )
    if target.baseline_date_assumed:
        paragraphs.append(
            "The source does not say which period the baseline covers: the baseline date "
            "above is the working assumption."
        )
    paragraphs.append(
        "Only published figures count. Where the LEP published its own assessment for a "
        "later period than any official figure held here, the status comes from that "
        "assessment, and the reason says so."
    )
    return paragraphs
