"""What the public pages say about a target, worded from its verdict.

The verdict (progress.py) decides; this module only puts its numbers into words and
whole percentages, so the home page's card and the target's own page say the same.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction

from strategy.models import DatePrecision, Strategy, format_partial_date
from targets import figures, progress
from targets.models import Target
from targets.standings import Standing, standings_for

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
    awaited_text: str  # past the target date without an outcome: which release is awaited
    basis_text: str  # the record the status rests on, with its period
    released_text: str  # when that record was published, as its source dates it
    newer_text: str  # a newer figure that the status cannot rest on, and why
    target_text: str  # what the target asks for, as a figure
    baseline_text: str  # the baseline figure, or "" when none is published
    projection_text: str


def _bar(share: Fraction | None) -> int | None:
    if share is None:
        return None
    return int(min(max(round(share * 100), 0), 100))


def parameter_is_whole(target: Target) -> bool:
    return Fraction(target.parameter) == 1


def target_text(target: Target, verdict: progress.Verdict) -> str:
    value = verdict.target_value
    if target.kind == Target.Kind.SHARE_OF_CHANGE:
        subset = (target.subset_indicator.split(":")[0] or "the part that counts").lower()
        indicator = target.indicator[:1].lower() + target.indicator[1:]
        return (
            f"{figures.percent(Fraction(target.parameter))} of the change in {indicator} "
            f"to be {subset}"
        )
    if target.needs_comparator and value is None:
        if parameter_is_whole(target):
            return f"No gap with {target.comparator}"
        return (
            f"A gap with {target.comparator} {figures.percent(Fraction(target.parameter))} "
            "smaller than at the baseline"
        )
    if value is None and target.kind == Target.Kind.INCREASE:
        return f"{target.figure(Fraction(target.parameter))} more than at the baseline"
    if value is None:
        return "Not known until the baseline figure is published"
    if target.needs_comparator:
        if value == 0:
            return f"No gap with {target.comparator}"
        gap = target.gap_figure(value)
        return f"A gap of {gap} with {target.comparator}"
    return target.figure(value)


def level_text(target: Target, observation: progress.Level) -> str:
    """An observation's figures in words: “70.6%, against 75.8% for England excluding London”."""
    text = target.figure(observation.value)
    if target.needs_comparator and observation.comparator_value is not None:
        comparator = target.figure(observation.comparator_value)
        text += f", against {comparator} for {target.comparator}"
    if target.needs_subset and observation.subset_value is not None:
        subset = target.figure(observation.subset_value)
        text += f", of which {subset} count"
    return text


def basis_text(target: Target, verdict: progress.Verdict) -> str:
    """The record the status rests on, so that no figure from another period stands
    beside the verdict."""
    point = verdict.latest
    if point is None:
        return "No published figure since the baseline"
    record = point.record
    period = record.period_label or f"the period ending {point.period_end:%B %Y}"
    if isinstance(record, progress.Level):
        return f"{level_text(target, record)}, for {period}"
    if record.period_end_assumed:
        return (
            f"{record.publication}, for a period it does not state (taken to end "
            f"{point.period_end:%B %Y})"
        )
    return f"{record.publication}, for {period}"


def released_text(verdict: progress.Verdict) -> str:
    """When the record behind the status was published: the data's date, not the day it
    was entered here."""
    point = verdict.latest
    if point is None:
        return ""
    record = point.record
    if isinstance(record, progress.Level):
        if record.released_on:
            return format_partial_date(record.released_on, DatePrecision.DAY)
        return record.release
    if record.published_on:
        return format_partial_date(record.published_on, DatePrecision.DAY)
    return "The publication gives no date"


def newer_text(verdict: progress.Verdict, latest: progress.Level | None) -> str:
    """A newer official figure than the one behind the status, which progress cannot be
    measured from, and why."""
    point = verdict.latest
    if latest is None or point is None or latest.period_end <= point.period_end:
        return ""
    if verdict.baseline is None:
        why = "there is no official figure for the baseline period to measure it from"
    else:
        why = "progress cannot be measured from it"
    return f"A newer figure, for {latest.period_label}, is held, but {why}."


def awaited_text(target: Target, verdict: progress.Verdict) -> str:
    """“Final figure awaited: the figures for January to December 2024 (ONS, April 2025)
    are not yet held here.” Needs the target's prefetched `awaited_releases`."""
    if not verdict.final_figure_awaited:
        return ""
    release = target.final_release()
    if release is None:
        return (
            f"{progress.AWAITED}: no figure for the period ending "
            f"{target.target_date:%B %Y} is held here yet."
        )
    return (
        f"{progress.AWAITED}: the figures for {release.period_label} ({release.publisher}, "
        f"{release.expected_on:%B %Y}) are not yet held here."
    )


def release_sentences(target: Target, today: datetime.date) -> list[str]:
    """Each awaited release in a sentence: out and not yet held here, or expected."""
    sentences = []
    for release in target.awaited_releases:
        what = f"{release.title} ({release.publisher}), with the figures for {release.period_label}"
        if release.expected_on < today:
            sentences.append(f"{what}: published {release.expected_text}, not yet held here.")
        else:
            sentences.append(f"{what}: expected {release.expected_text}.")
    return sentences


def uncertainty_notes(target: Target, observations) -> dict[int, str]:
    """For survey estimates held with their 95% confidence interval: the interval, and
    whether the change from the year before is within the survey's margin of error (half
    the interval's width). Keyed by observation id, for the sources table."""
    notes: dict[int, str] = {}
    previous = None
    for observation in observations:
        same_kind = target.is_series_period(observation.period_end)
        half = observation.confidence_half_width
        if half is not None:
            text = (
                f"95% confidence interval: {target.figure(observation.confidence_lower)} to "
                f"{target.figure(observation.confidence_upper)}."
            )
            if previous is not None and same_kind:
                change = observation.value - previous.value
                size = figures.number(abs(change), target.value_type)
                unit = " points" if target.unit.startswith("%") else f" {target.unit}"
                movement = "up" if change > 0 else "down" if change < 0 else "unchanged"
                words = f"{movement} {size}{unit}" if change else movement
                within = "within" if abs(change) <= half else "beyond"
                text += (
                    f" Since {previous.period_label}: {words}, {within} the survey’s margin "
                    "of error."
                )
            notes[observation.pk] = text
        if same_kind:
            previous = observation
    return notes


def share_words(target: Target, share: Fraction) -> str:
    """“Better jobs were 121% of the change”: the part that counts, named."""
    subset = target.subset_indicator.split(":")[0] or "The part that counts"
    return f"{subset[:1].upper()}{subset[1:]} were {figures.percent(share)} of the change"


def assessment_meaning(target: Target, assessment) -> str:
    """What a published assessment's headline figure counts for, in words: the figure
    the rules take from the statement, and the share of the way it gives."""
    if assessment.figure is None:
        return "A judgement only: it does not count towards the status."
    if target.target_date is None or target.baseline_date is None:
        return "Not counted: the target has no baseline date or target date."
    share_of_way = progress.statement_progress(target.rule(), assessment.as_statement())
    way = f"{figures.percent(share_of_way)} of the way"
    figure = Fraction(assessment.figure)
    if target.kind == Target.Kind.INCREASE:
        direction = "more" if figure >= 0 else "fewer"
        amount = target.figure(abs(figure))
        return f"{amount} {direction} than at the baseline: {way}."
    if target.kind == Target.Kind.REACH_VALUE:
        return f"{way}."
    if target.kind == Target.Kind.SHARE_OF_CHANGE:
        needed = figures.percent(Fraction(target.parameter))
        return f"{share_words(target, figure)}, against {needed} needed."
    if figure >= 0:
        return f"The gap narrowed by {figures.percent(figure)} of its baseline size: {way}."
    return f"The gap widened by {figures.percent(-figure)} of its baseline size: {way}."


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
    if verdict.status in (progress.MET, progress.NOT_MET):
        return ""  # the outcome is held: there is nothing to project
    if target.baseline_date is None or target.target_date is None:
        return ""  # nothing is measured, so nothing is projected
    if verdict.projected_progress is None:
        if target.kind == Target.Kind.SHARE_OF_CHANGE:
            return "No projection: the share of the change must hold at every date."
        return "No projection: it needs at least two published figures since the baseline."
    when = target.target_date.year if target.target_date else "the target date"
    projected = verdict.projected_progress
    share = figures.percent(projected)
    if verdict.final_figure_awaited:
        return (
            f"The trend since the baseline points to about {share} of the way for {when}: "
            "an estimate of the awaited figure, not a measurement."
        )
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


def summaries_of(strategy: Strategy) -> list[TargetSummary]:
    """Each of the strategy's targets with where it stands, in the dashboard's order."""
    targets = list(Target.objects.for_dashboard().filter(strategy=strategy))
    return [
        summarise(target, standing)
        for target, standing in zip(targets, standings_for(targets), strict=True)
    ]


def summarise(target: Target, standing: Standing) -> TargetSummary:
    verdict = standing.verdict
    if verdict.progress is None:
        progress_text = expected_text = ""
        bar = expected_bar = None
    elif target.kind == Target.Kind.SHARE_OF_CHANGE:
        needed = Fraction(target.parameter)
        share = verdict.progress * needed
        progress_text = share_words(target, share)
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
        awaited_text=awaited_text(target, verdict),
        basis_text=basis_text(target, verdict),
        released_text=released_text(verdict),
        newer_text=newer_text(verdict, standing.latest_observation),
        target_text=target_text(target, verdict),
        baseline_text=baseline_text(target, verdict),
        projection_text=projection_text(target, verdict),
    )


def dates_text(target: Target) -> str:
    baseline, target_date = target.baseline_date, target.target_date
    if baseline and target_date:
        return (
            f"The baseline is the period ending {baseline:%B %Y}; the target date is "
            f"{target_date:%B %Y}."
        )
    if target_date:
        return (
            f"The strategy sets no baseline date, only the target date ({target_date:%B %Y}), "
            "so progress cannot be measured yet."
        )
    if baseline:
        return (
            f"The baseline is the period ending {baseline:%B %Y}; the strategy sets no target "
            "date, so progress cannot be measured yet."
        )
    return "The strategy sets neither a baseline date nor a target date, so progress cannot be measured yet."


def how_measured(target: Target) -> list[str]:
    """The rule book (METHODOLOGY.md) for this target, in plain English."""
    indicator = target.indicator[:1].lower() + target.indicator[1:]
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
    paragraphs = [rule, dates_text(target)]
    measurable = target.baseline_date is not None and target.target_date is not None
    if measurable and kind != Target.Kind.SHARE_OF_CHANGE:
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
