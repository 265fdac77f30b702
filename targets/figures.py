"""How a target's figures are written for people: in its unit, rounded as the source
would round them. Pure functions, so the pages, the chart summaries and the tests agree."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

COUNT = "count"
PERCENTAGE = "percentage"
AMOUNT = "amount"
RATIO = "ratio"


def _decimal(value: Decimal | Fraction | int) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value)


def _rounded(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_EVEN):,}"


def number(value: Decimal | Fraction | int, value_type: str) -> str:
    """The number alone: whole counts; two decimals for money, ratios and rates (a whole
    rate, such as a target of 35%, without them), so that a column of figures lines up."""
    value = _decimal(value)
    if value_type == COUNT:
        return _rounded(value, 0)
    if value_type == PERCENTAGE and value == value.to_integral_value():
        return _rounded(value, 0)
    return _rounded(value, 2)


def _as_written(value: Decimal | Fraction | int, value_type: str) -> str:
    """The number as a sentence writes it: no more than two decimals, and no trailing
    zeros that the source did not give (70.6%, not 70.60%)."""
    text = number(value, value_type)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def figure(value: Decimal | Fraction | int, unit: str, value_type: str) -> str:
    """A value with its unit: “884,400 jobs”, “71.8%”, “£36.11 per hour worked”."""
    text = _as_written(value, value_type)
    if unit.startswith("%"):
        return f"{text}{unit}"
    if unit.startswith("£"):
        rest = unit[1:].strip()
        return f"£{text} {rest}".strip()
    return f"{text} {unit}".strip()


def percent(share: Fraction | Decimal, places: int = 0) -> str:
    """A share as a percentage, “62%”, rounded half-even as METHODOLOGY.md says."""
    return f"{_rounded(_decimal(share) * 100, places)}%"


def gap(gap_value: Fraction | Decimal, unit: str, value_type: str, gap_measure: str) -> str:
    """A gap as the rules measure it: in the indicator's unit (percentage points for
    rates), or as a share of the comparator's figure."""
    if gap_measure == "ratio":
        return f"{percent(gap_value, 1)} of the comparator’s figure"
    if unit.startswith("%"):
        return f"{number(gap_value, value_type)} percentage points"
    return figure(gap_value, unit, value_type)
