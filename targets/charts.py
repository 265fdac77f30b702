"""A target's charts as Vega-Lite specifications, and the rows behind them.

The page's HTML table and the chart are built from the same rows, so a reader who cannot
see the chart gets every number it shows. vl-convert renders the specifications to SVG
and PNG on the server: no JavaScript and no hand-drawn geometry.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from fractions import Fraction

import vl_convert

from targets import figures, progress
from targets.models import Observation, Target

LEVELS = "levels"
GAP = "gap"
CHART_NAMES = (LEVELS, GAP)

# GOV.UK Frontend's palette; each series also has its own dash and point shape, so
# colour is never the only way to tell them apart.
REGION_COLOUR = "#1d70b8"
COMPARATOR_COLOUR = "#505a5f"
SUBSET_COLOUR = "#00703c"
TRAJECTORY_COLOUR = "#0b0c0c"


@dataclass(frozen=True)
class ChartPoint:
    series: str
    period_end: datetime.date
    period_label: str
    text: str  # the figure with its unit, for sentences and the chart's labels
    cell: str  # the figure as the table shows it, under a heading that gives the unit
    value: float  # only for drawing: the table and the summary use the text
    # False for a figure for another kind of period than the baseline's (Oct-Sep beside
    # calendar years): drawn as a point of its own, never joined to the line.
    on_series: bool = True


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    summary: str
    y_title: str
    unit_heading: str  # the unit, for the table's column headings
    points: tuple[ChartPoint, ...]
    trajectory: tuple[ChartPoint, ...]
    zero: bool = True  # whether the y-axis starts at zero

    @property
    def series(self) -> list[str]:
        return list(dict.fromkeys(point.series for point in self.points))

    def table(self) -> list[dict]:
        """One row per period: the period, then each series' figure ("" where none)."""
        rows: dict[datetime.date, dict] = {}
        for point in self.points:
            row = rows.setdefault(
                point.period_end, {"period_label": point.period_label, "figures": {}}
            )
            row["figures"][point.series] = point.cell
            row["on_series"] = point.on_series
        series = self.series  # once, not once a row: it walks every point
        return [
            {
                "period_end": period,
                "period_label": row["period_label"],
                "on_series": row["on_series"],
                "figures": [row["figures"].get(name, "") for name in series],
            }
            for period, row in sorted(rows.items())
        ]

    @property
    def has_other_periods(self) -> bool:
        return any(not point.on_series for point in self.points)


def area_label(target: Target) -> str:
    """The strategy's area, as the chart's legend names it: “North East LEP area”."""
    return target.strategy.area.name if target.strategy.area else "The area"


def _point(target: Target, series: str, observation: Observation, value) -> ChartPoint:
    return ChartPoint(
        series=series,
        period_end=observation.period_end,
        period_label=observation.period_label,
        text=target.figure(value),
        cell=figures.number(value, target.value_type),
        value=float(value),
        on_series=target.is_series_period(observation.period_end),
    )


def _ends(items: list, is_on_series) -> tuple:
    """The first and last of the series proper, or of everything when none is on it."""
    kept = [item for item in items if is_on_series(item)] or items
    return kept[0], kept[-1]


def _other_period_note(target: Target, observations: list[Observation], text) -> str:
    """The newest figure for another kind of period, when it is newer than the series."""
    latest = observations[-1]
    if target.is_series_period(latest.period_end):
        return ""
    return f"; the latest 12-month figure, for {latest.period_label}, is {text(latest)}"


def levels_chart(
    target: Target, observations: list[Observation], verdict: progress.Verdict
) -> Chart | None:
    """The region's figures (and the comparator's, or the part that counts) over time,
    with the straight line to the target where the target is a level."""
    if not observations:
        return None
    area = area_label(target)
    points = []
    for observation in observations:
        points.append(_point(target, area, observation, observation.value))
        if target.needs_comparator and observation.comparator_value is not None:
            points.append(
                _point(target, target.comparator.name, observation, observation.comparator_value)
            )
        if target.needs_subset and observation.subset_value is not None:
            label = target.subset_indicator.split(":")[0] or "The part that counts"
            points.append(_point(target, label, observation, observation.subset_value))
    trajectory: tuple[ChartPoint, ...] = ()
    baseline = verdict.baseline
    level_kinds = (Target.Kind.INCREASE, Target.Kind.REACH_VALUE)
    if target.kind in level_kinds and baseline is not None and verdict.target_value is not None:
        trajectory = _trajectory(
            target,
            baseline.value,
            verdict.target_value,
            target.figure,
            lambda value: figures.number(value, target.value_type),
        )
    first, last = _ends(observations, lambda o: target.is_series_period(o.period_end))
    summary = (
        f"{area}: {target.figure(first.value)} for {first.period_label} and "
        f"{target.figure(last.value)} for {last.period_label}"
    )
    if target.needs_comparator and last.comparator_value is not None:
        summary += f"; {target.comparator}: {target.figure(last.comparator_value)} for "
        summary += last.period_label
    summary += _other_period_note(target, observations, lambda o: target.figure(o.value))
    if trajectory:
        summary += (
            f". The straight line to the target runs from {trajectory[0].text} for "
            f"{trajectory[0].period_label} to {trajectory[1].text} for "
            f"{trajectory[1].period_label}"
        )
    return Chart(
        name=LEVELS,
        title=f"{target.indicator}, {observations[0].period_label} to {observations[-1].period_label}",
        summary=summary + ".",
        y_title=target.unit[:1].upper() + target.unit[1:],
        unit_heading=target.unit,
        points=tuple(points),
        trajectory=trajectory,
        # Levels change little against their size: start the axis near the figures.
        zero=False,
    )


def gap_chart(
    target: Target, observations: list[Observation], verdict: progress.Verdict
) -> Chart | None:
    """How far the region is behind the comparator, with the straight line from the
    baseline's gap to the gap the target asks for."""
    if not target.needs_comparator:
        return None
    rule = target.rule()
    with_comparator = [
        observation
        for observation in observations
        if observation.comparator_value is not None
        and not (
            target.gap_measure == Target.GapMeasure.RATIO and observation.comparator_value == 0
        )
    ]
    if not with_comparator:
        return None

    ratio = target.gap_measure == Target.GapMeasure.RATIO

    def gap_cell(value) -> str:
        if ratio:
            return figures.percent(value, 1)
        return figures.number(value, target.value_type)

    def gap_value(value: Fraction) -> float:
        return float(value * 100) if target.gap_measure == Target.GapMeasure.RATIO else float(value)

    points = []
    for observation in with_comparator:
        value = progress.gap(rule, observation.value, observation.comparator_value)
        points.append(
            ChartPoint(
                series="Gap",
                period_end=observation.period_end,
                period_label=observation.period_label,
                text=target.gap_figure(value),
                cell=gap_cell(value),
                value=gap_value(value),
                on_series=target.is_series_period(observation.period_end),
            )
        )
    trajectory: tuple[ChartPoint, ...] = ()
    baseline = verdict.baseline
    if baseline is not None and baseline.gap is not None and verdict.target_value is not None:
        trajectory = _trajectory(
            target, baseline.gap, verdict.target_value, target.gap_figure, gap_cell, gap_value
        )
    first, last = _ends(points, lambda point: point.on_series)
    summary = (
        f"The gap with {target.comparator} was {first.text} for {first.period_label} and "
        f"{last.text} for {last.period_label}"
    )
    if not points[-1].on_series:
        summary += (
            f"; for the latest 12-month figure, {points[-1].period_label}, it is {points[-1].text}"
        )
    if trajectory:
        summary += f"; the target is {trajectory[1].text} by {trajectory[1].period_label}"
    unit = "percentage points" if target.unit.startswith("%") else target.unit
    return Chart(
        name=GAP,
        title=(
            f"The gap with {target.comparator}, {points[0].period_label} to "
            f"{points[-1].period_label}"
        ),
        summary=summary + ".",
        y_title=f"% below {target.comparator}" if ratio else f"Gap ({unit})",
        unit_heading=f"% of {target.comparator}’s figure" if ratio else unit,
        points=tuple(points),
        trajectory=trajectory,
    )


def _trajectory(target, start_value, end_value, text, cell, number=float) -> tuple[ChartPoint, ...]:
    return tuple(
        ChartPoint(
            series="Straight line to the target",
            period_end=when,
            period_label=f"{when:%B %Y}",
            text=text(value),
            cell=cell(value),
            value=number(Fraction(value)),
        )
        for when, value in ((target.baseline_date, start_value), (target.target_date, end_value))
    )


def charts_for(
    target: Target, observations: list[Observation], verdict: progress.Verdict
) -> list[Chart]:
    return [
        chart
        for chart in (
            levels_chart(target, observations, verdict),
            gap_chart(target, observations, verdict),
        )
        if chart is not None
    ]


def _values(chart: Chart, points) -> list[dict]:
    return [
        {
            "period": point.period_end.isoformat(),
            "series": point.series,
            "value": point.value,
            # Vega writes this into each point's aria-label in the SVG.
            "description": f"{point.series}, {point.period_label}: {point.text}",
        }
        for point in points
    ]


def _period_axis(chart: Chart) -> dict:
    periods = sorted({point.period_end for point in chart.points + chart.trajectory})
    if len(periods) > 14:
        # Too many to name: tick the line's own periods, the other ones are marked points.
        line = chart.trajectory + tuple(point for point in chart.points if point.on_series)
        periods = sorted({point.period_end for point in line})
    axis = {"format": "%b %Y", "labelAngle": -60, "labelAlign": "right", "labelOverlap": False}
    if len(periods) <= 14:
        axis["values"] = [period.isoformat() for period in periods]
        # Each tick is named as the table names its period ("Jan-Dec 2014"), not by the
        # month it ends in; the straight line's ends keep their month.
        labels = {p.period_end: p.period_label for p in chart.points}
        cases = "".join(
            f"timeFormat(datum.value, '%Y-%m-%d') == '{period.isoformat()}' ? "
            f"{json.dumps(labels[period])} : "
            for period in periods
            if period in labels
        )
        axis["labelExpr"] = f"{cases}datum.label"
    return axis


def specification(chart: Chart) -> dict:
    """One line per series, the straight line to the target among them, so that the
    legend names every line."""
    series = chart.series
    colours = [REGION_COLOUR, COMPARATOR_COLOUR, SUBSET_COLOUR][: len(series)]
    shapes = ["circle", "square", "triangle-up"][: len(series)]
    dashes = [[1, 0], [6, 3], [2, 2]][: len(series)]
    if chart.trajectory:
        series = [*series, chart.trajectory[0].series]
        colours.append(TRAJECTORY_COLOUR)
        shapes.append("diamond")
        dashes.append([8, 4])
    line = tuple(point for point in chart.points if point.on_series) + chart.trajectory
    apart = tuple(point for point in chart.points if not point.on_series)
    layers = [
        {
            "data": {"values": _values(chart, line)},
            "mark": {"type": "line", "point": {"filled": True, "size": 60}, "strokeWidth": 3},
            "encoding": {
                "x": {
                    "field": "period",
                    "type": "temporal",
                    "title": "Period",
                    # Ticks at the periods' ends, named by month, so that a year's figure
                    # ending in December is not read as the next year's.
                    "axis": _period_axis(chart),
                },
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": chart.y_title,
                    # Room above and below the figures, so no mark is cut at the edge.
                    "scale": {"zero": chart.zero, "padding": 12},
                },
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": series, "range": colours},
                },
                "shape": {"field": "series", "scale": {"domain": series, "range": shapes}},
                "strokeDash": {"field": "series", "scale": {"domain": series, "range": dashes}},
                "description": {"field": "description"},
            },
        }
    ]
    if apart:
        # Figures for other 12-month periods: hollow points of the same series, unjoined.
        encoding = {
            name: value
            for name, value in layers[0]["encoding"].items()
            if name not in ("strokeDash",)
        }
        layers.append(
            {
                "data": {"values": _values(chart, apart)},
                "mark": {"type": "point", "filled": False, "size": 90, "strokeWidth": 2},
                "encoding": encoding,
            }
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": chart.title, "anchor": "start", "fontSize": 16},
        "description": chart.summary,
        "width": 640,
        "height": 320,
        "background": "white",
        "config": {
            "font": "DejaVu Sans, Arial, sans-serif",
            "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelColor": "#0b0c0c"},
            "legend": {"orient": "bottom", "labelFontSize": 13, "labelLimit": 400},
        },
        "layer": layers,
    }


def render_svg(chart: Chart) -> str:
    return vl_convert.vegalite_to_svg(json.dumps(specification(chart)))


def render_png(chart: Chart) -> bytes:
    return vl_convert.vegalite_to_png(json.dumps(specification(chart)), scale=2)
