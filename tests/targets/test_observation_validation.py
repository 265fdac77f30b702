"""What `Observation.full_clean()` tells an officer, field by field."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from targets.models import Observation, Target

SEPTEMBER_2019 = datetime.date(2019, 9, 30)


def observation(target, **fields):
    """An unsaved figure for `target`; the defaults are valid for a count target."""
    values = {
        "target": target,
        "period_end": SEPTEMBER_2019,
        "period_label": "Oct 2018-Sep 2019",
        "value": Decimal(1_150_000),
        "source": "Annual Population Survey",
    }
    values.update(fields)
    return Observation(**values)


def errors_of(candidate):
    with pytest.raises(ValidationError) as error:
        candidate.full_clean()
    return error.value.message_dict


@pytest.fixture
def count_target(make_target):
    return make_target()


@pytest.fixture
def share_target(make_target):
    return make_target(
        slug="better-jobs",
        title="70% of the new jobs to be better jobs",
        short_title="Better jobs",
        kind=Target.Kind.SHARE_OF_CHANGE,
        parameter=Decimal("0.70"),
        subset_indicator="better jobs",
    )


def test_a_rate_above_100_is_refused_on_the_value(rate_target):
    candidate = observation(rate_target, value=Decimal(120), comparator_value=Decimal("74.5"))

    assert errors_of(candidate) == {"value": ["A rate cannot be above 100%."]}


def test_a_comparator_rate_above_100_is_refused_on_the_comparator_value(rate_target):
    candidate = observation(rate_target, value=Decimal("70.1"), comparator_value=Decimal("100.5"))

    assert errors_of(candidate) == {"comparator_value": ["A rate cannot be above 100%."]}


def test_a_rate_of_exactly_100_is_allowed(rate_target):
    observation(rate_target, value=Decimal(100), comparator_value=Decimal(100)).full_clean()


def test_a_negative_count_is_refused_on_the_value(count_target):
    candidate = observation(count_target, value=Decimal(-5))

    assert errors_of(candidate) == {"value": ["A figure in jobs cannot be negative."]}


def test_a_fractional_count_is_refused_on_the_value(count_target):
    candidate = observation(count_target, value=Decimal("1150000.5"))

    assert errors_of(candidate) == {"value": ["A count of jobs must be a whole number."]}


def test_a_whole_count_with_decimal_places_is_allowed(count_target):
    observation(count_target, value=Decimal("1150000.000000")).full_clean()


def test_a_period_ending_in_the_future_is_refused_on_the_period_end(count_target):
    today = timezone.localdate()
    candidate = observation(count_target, period_end=today + datetime.timedelta(days=1))

    assert errors_of(candidate) == {
        "period_end": [f"The period cannot end in the future (today is {today.day} {today:%B %Y})."]
    }


def test_a_period_ending_today_is_allowed(count_target):
    observation(count_target, period_end=timezone.localdate()).full_clean()


def test_a_second_figure_for_the_same_period_is_refused_on_the_period_end(count_target):
    observation(count_target).save()
    candidate = observation(count_target, value=Decimal(1_160_000))

    assert errors_of(candidate) == {
        "period_end": [
            (
                "More jobs already has a figure for the period ending 30 September 2019: "
                "change that one instead."
            )
        ]
    }


def test_a_saved_figure_does_not_clash_with_itself(count_target):
    saved = observation(count_target)
    saved.save()

    saved.value = Decimal(1_160_000)
    saved.full_clean()


def test_the_same_period_is_allowed_for_another_target(count_target, share_target):
    observation(count_target).save()

    observation(share_target, subset_value=Decimal(1000)).full_clean()


def test_a_gap_target_needs_the_comparator_value(rate_target):
    candidate = observation(rate_target, value=Decimal("70.1"), comparator_value=None)

    assert errors_of(candidate) == {
        "comparator_value": [
            (
                "This target is measured against England excluding London: enter its figure "
                "for the same period."
            )
        ]
    }


def test_a_share_of_change_target_needs_the_subset_value(share_target):
    candidate = observation(share_target, subset_value=None)

    assert errors_of(candidate) == {
        "subset_value": ["This target needs the part that counts (better jobs)."]
    }


def test_a_share_of_change_target_without_a_subset_indicator_names_it_subset(make_target):
    target = make_target(
        slug="share",
        kind=Target.Kind.SHARE_OF_CHANGE,
        parameter=Decimal("0.70"),
        subset_indicator="",
    )

    assert errors_of(observation(target)) == {
        "subset_value": ["This target needs the part that counts (subset)."]
    }


def test_a_subset_larger_than_the_value_is_refused_on_the_subset_value(share_target):
    candidate = observation(share_target, value=Decimal(1000), subset_value=Decimal(1001))

    assert errors_of(candidate) == {
        "subset_value": ["The part that counts cannot be larger than the figure."]
    }


def test_a_subset_equal_to_the_value_is_allowed(share_target):
    observation(share_target, value=Decimal(1000), subset_value=Decimal(1000)).full_clean()


def test_every_problem_is_reported_at_once(rate_target):
    today = timezone.localdate()
    candidate = observation(
        rate_target,
        period_end=today + datetime.timedelta(days=1),
        value=Decimal(101),
        comparator_value=None,
    )

    assert errors_of(candidate) == {
        "period_end": [
            f"The period cannot end in the future (today is {today.day} {today:%B %Y})."
        ],
        "value": ["A rate cannot be above 100%."],
        "comparator_value": [
            (
                "This target is measured against England excluding London: enter its figure "
                "for the same period."
            )
        ],
    }
