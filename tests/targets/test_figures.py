"""Figures written for people, in the target's unit (targets/figures.py)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from targets import figures


@pytest.mark.parametrize(
    ("value", "unit", "value_type", "expected"),
    [
        (Decimal(880800), "jobs", "count", "880,800 jobs"),
        (Decimal("880800.4"), "jobs", "count", "880,800 jobs"),
        (Decimal("71.8"), "%", "percentage", "71.8%"),
        (Decimal("71.55"), "%", "percentage", "71.55%"),
        (Decimal(35), "% of GVA", "percentage", "35% of GVA"),
        (Decimal("36.11"), "£ per hour worked", "amount", "£36.11 per hour worked"),
        (Decimal("0.6"), "jobs per resident", "ratio", "0.6 jobs per resident"),
        (Fraction(911300), "jobs", "count", "911,300 jobs"),
    ],
)
def test_a_figure_is_written_in_its_unit(value, unit, value_type, expected):
    assert figures.figure(value, unit, value_type) == expected


def test_rounding_is_half_even_as_the_rules_say():
    assert figures.percent(Fraction(125, 1000), 1) == "12.5%"
    assert figures.percent(Fraction(625, 10000), 1) == "6.2%"
    assert figures.percent(Fraction(635, 10000), 1) == "6.4%"


@pytest.mark.parametrize(
    ("gap", "unit", "value_type", "measure", "expected"),
    [
        (Fraction("3.97"), "%", "percentage", "difference", "3.97 percentage points"),
        (
            Fraction("0.078"),
            "£ per hour worked",
            "amount",
            "ratio",
            "7.8% of the comparator’s figure",
        ),
        (Fraction("0.05"), "jobs per resident", "ratio", "difference", "0.05 jobs per resident"),
    ],
)
def test_a_gap_is_written_as_the_rules_measure_it(gap, unit, value_type, measure, expected):
    assert figures.gap(gap, unit, value_type, measure) == expected
