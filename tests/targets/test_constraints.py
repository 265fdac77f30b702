"""The database refuses bad targets and figures even when `clean()` is bypassed."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from strategy.models import Strategy
from targets.models import Observation, Target

SEPTEMBER_2019 = datetime.date(2019, 9, 30)

# SQLite names the columns of a broken unique constraint, PostgreSQL names the constraint.
DUPLICATE_PERIOD = (
    r"observation_one_per_target_and_period"
    r"|UNIQUE constraint failed: targets_observation\.target_id, targets_observation\.period_end"
)


def create_observation(target, **fields):
    values = {
        "target": target,
        "period_end": SEPTEMBER_2019,
        "period_label": "Oct 2018-Sep 2019",
        "value": Decimal(1000),
        "source": "Annual Population Survey",
    }
    values.update(fields)
    return Observation.objects.create(**values)


@pytest.fixture
def target(make_target):
    return make_target()


def test_a_second_figure_for_the_same_target_and_period_is_refused(target):
    create_observation(target)

    with pytest.raises(IntegrityError, match=DUPLICATE_PERIOD), transaction.atomic():
        create_observation(target, value=Decimal(2000))

    assert Observation.objects.count() == 1


def test_a_negative_figure_is_refused(target):
    with (
        pytest.raises(IntegrityError, match="observation_value_not_negative"),
        transaction.atomic(),
    ):
        create_observation(target, value=Decimal(-1))

    assert not Observation.objects.exists()


def test_a_negative_comparator_figure_is_refused(rate_target):
    with (
        pytest.raises(IntegrityError, match="observation_comparator_not_negative"),
        transaction.atomic(),
    ):
        create_observation(rate_target, comparator_value=Decimal("-0.1"))

    assert not Observation.objects.exists()


def test_a_subset_above_the_figure_is_refused(target):
    with (
        pytest.raises(IntegrityError, match="observation_subset_within_value"),
        transaction.atomic(),
    ):
        create_observation(target, value=Decimal(1000), subset_value=Decimal(1001))

    assert not Observation.objects.exists()


def test_a_negative_subset_is_refused(target):
    with (
        pytest.raises(IntegrityError, match="observation_subset_within_value"),
        transaction.atomic(),
    ):
        create_observation(target, subset_value=Decimal(-1))

    assert not Observation.objects.exists()


def test_a_published_figure_without_its_publication_time_is_refused(target):
    with (
        pytest.raises(IntegrityError, match="observation_published_has_date"),
        transaction.atomic(),
    ):
        create_observation(target, state=Observation.State.PUBLISHED, published_at=None)

    assert not Observation.objects.exists()


def test_a_published_figure_with_its_publication_time_is_stored(target):
    create_observation(target, state=Observation.State.PUBLISHED, published_at=timezone.now())

    assert Observation.objects.published().count() == 1


def test_a_share_above_1_is_refused(make_target):
    with pytest.raises(IntegrityError, match="target_share_between_0_and_1"), transaction.atomic():
        make_target(kind=Target.Kind.SHARE_OF_CHANGE, parameter=Decimal("1.01"))

    assert not Target.objects.exists()


def test_a_share_of_0_is_refused(make_target):
    with pytest.raises(IntegrityError, match="target_share_between_0_and_1"), transaction.atomic():
        make_target(kind=Target.Kind.SHARE_OF_CHANGE, parameter=Decimal(0))

    assert not Target.objects.exists()


def test_a_share_of_exactly_1_is_stored(make_target):
    make_target(kind=Target.Kind.SHARE_OF_CHANGE, parameter=Decimal(1))

    assert Target.objects.get().parameter == Decimal(1)


def test_closing_the_gap_with_a_parameter_other_than_1_is_refused(
    make_target, england_excluding_london
):
    with (
        pytest.raises(IntegrityError, match="target_close_gap_fraction_is_1"),
        transaction.atomic(),
    ):
        make_target(
            kind=Target.Kind.CLOSE_GAP,
            parameter=Decimal("0.5"),
            comparator=england_excluding_london,
            gap_measure=Target.GapMeasure.DIFFERENCE,
        )

    assert not Target.objects.exists()


def test_reducing_the_gap_by_more_than_the_whole_gap_is_refused(
    make_target, england_excluding_london
):
    with (
        pytest.raises(IntegrityError, match="target_gap_fraction_between_0_and_1"),
        transaction.atomic(),
    ):
        make_target(
            kind=Target.Kind.REDUCE_GAP,
            parameter=Decimal("1.5"),
            comparator=england_excluding_london,
            gap_measure=Target.GapMeasure.RATIO,
        )

    assert not Target.objects.exists()


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-100)])
def test_an_increase_of_nothing_or_less_is_refused(make_target, amount):
    with (
        pytest.raises(IntegrityError, match="target_increase_amount_positive"),
        transaction.atomic(),
    ):
        make_target(kind=Target.Kind.INCREASE, parameter=amount)

    assert not Target.objects.exists()


@pytest.mark.parametrize("target_date", [datetime.date(2010, 3, 31), datetime.date(2014, 3, 31)])
def test_a_target_date_not_after_the_baseline_is_refused(make_target, target_date):
    with pytest.raises(IntegrityError, match="target_date_after_baseline"), transaction.atomic():
        make_target(baseline_date=datetime.date(2014, 3, 31), target_date=target_date)

    assert not Target.objects.exists()


def test_a_gap_target_without_a_comparator_is_refused(make_target):
    with (
        pytest.raises(IntegrityError, match="target_gap_needs_comparator_and_measure"),
        transaction.atomic(),
    ):
        make_target(
            kind=Target.Kind.CLOSE_GAP,
            parameter=Decimal(1),
            comparator=None,
            gap_measure=Target.GapMeasure.DIFFERENCE,
        )

    assert not Target.objects.exists()


def test_a_gap_target_without_a_gap_measure_is_refused(make_target, england_excluding_london):
    with (
        pytest.raises(IntegrityError, match="target_gap_needs_comparator_and_measure"),
        transaction.atomic(),
    ):
        make_target(
            kind=Target.Kind.CLOSE_GAP,
            parameter=Decimal(1),
            comparator=england_excluding_london,
            gap_measure="",
        )

    assert not Target.objects.exists()


def test_a_target_that_is_not_a_gap_target_with_a_gap_measure_is_refused(make_target):
    with (
        pytest.raises(IntegrityError, match="target_gap_needs_comparator_and_measure"),
        transaction.atomic(),
    ):
        make_target(kind=Target.Kind.INCREASE, gap_measure=Target.GapMeasure.DIFFERENCE)

    assert not Target.objects.exists()


@pytest.mark.parametrize("tolerance", [Decimal("1.0001"), Decimal("-0.01")])
def test_a_tolerance_outside_0_to_1_is_refused(make_target, tolerance):
    with (
        pytest.raises(IntegrityError, match="target_tolerance_between_0_and_1"),
        transaction.atomic(),
    ):
        make_target(tolerance=tolerance)

    assert not Target.objects.exists()


def test_a_strategy_with_targets_cannot_be_deleted(plan, target):
    with pytest.raises(ProtectedError) as error:
        plan.delete()

    assert error.value.protected_objects == {target}
    assert list(Strategy.objects.all()) == [plan]
    assert list(Target.objects.all()) == [target]


def test_a_target_with_figures_cannot_be_deleted(target):
    figure = create_observation(target)

    with pytest.raises(ProtectedError) as error:
        target.delete()

    assert error.value.protected_objects == {figure}
    assert list(Target.objects.all()) == [target]
    assert list(Observation.objects.all()) == [figure]
