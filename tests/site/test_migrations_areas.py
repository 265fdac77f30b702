"""The migration to areas keeps what a database held as strings: a strategy's area name
and local authority codes, and a target's comparator with the codes imports used."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from strategy.models import Area, Strategy
from targets.models import Observation, Target

BEFORE = [("strategy", "0009_site_administrator_group"), ("targets", "0006_text_limits")]
AUTHORITIES = "E06000047 E08000037"


def old_models():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    return executor.loader.project_state(BEFORE).apps


@pytest.fixture
def strings_then_areas(transactional_db):
    """A database as it was before areas, with one strategy and two gap targets (one
    whose comparator was given codes, one not), then migrated to the latest."""
    apps = old_models()
    strategy = apps.get_model("strategy", "Strategy").objects.create(
        slug="plan",
        title="Plan",
        kind="economic_plan",
        publisher="LEP",
        status="published",
        summary="A plan.",
        area_name="North East LEP area (E37000025)",
        area_codes=AUTHORITIES,
    )
    old_target = apps.get_model("targets", "Target")
    for slug, codes in (("rate", "E92000001 -E12000007"), ("gva", "")):
        target = old_target.objects.create(
            strategy=strategy,
            slug=slug,
            title=slug,
            kind="close_gap",
            parameter=Decimal(1),
            indicator="Rate",
            unit="%",
            value_type="percentage",
            comparator="England excluding London",
            comparator_codes=codes,
            gap_measure="difference",
            source="ONS",
        )
        apps.get_model("targets", "Observation").objects.create(
            target=target,
            period_end=datetime.date(2014, 12, 31),
            period_label="2014",
            value=Decimal(70),
            comparator_value=Decimal(75),
            source="ONS",
        )
    call_command("migrate", interactive=False, verbosity=0)
    yield
    call_command("migrate", interactive=False, verbosity=0)


@pytest.mark.usefixtures("strings_then_areas")
def test_the_strings_become_areas_with_their_codes_and_come_back_on_reversal():
    strategy = Strategy.objects.get(slug="plan")
    assert (strategy.area.name, strategy.area.code, strategy.area.kind) == (
        "North East LEP area",
        "E37000025",
        "lep_area",
    )
    assert strategy.area_code_list == ["E06000047", "E08000037"]
    assert [part.name for part in strategy.area.parts.all()] == ["County Durham", "Gateshead"]
    comparators = {target.comparator for target in Target.objects.all()}
    assert len(comparators) == 1
    (comparator,) = comparators
    assert (comparator.name, comparator.kind, comparator.code_terms) == (
        "England excluding London",
        Area.Kind.DERIVED,
        "E92000001 -E12000007",
    )
    assert set(Observation.objects.values_list("area__code", flat=True)) == {"E37000025"}

    apps = old_models()

    old_strategy = apps.get_model("strategy", "Strategy").objects.get(slug="plan")
    assert (old_strategy.area_name, old_strategy.area_codes) == (
        "North East LEP area (E37000025)",
        AUTHORITIES,
    )
    assert set(
        apps.get_model("targets", "Target").objects.values_list("comparator", "comparator_codes")
    ) == {("England excluding London", "E92000001 -E12000007")}
