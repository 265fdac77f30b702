"""A target's comparator is an area with GSS codes, not a name and a string of codes; a
figure says which area it is for.

The conversion builds each comparator from the codes the imports used ("E92000001
-E12000007" is England less London, a derived area), keeps the name the target gave it,
and puts every figure in its strategy's area.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

# A migration never changes once written, so this one may reuse the strategy app's.
strategy_areas = importlib.import_module("strategy.migrations.0010_areas")

TARGET_HISTORIES = ("target", "historicaltarget")


def comparator_area(apps, name: str, code_terms: str):
    Area = apps.get_model("strategy", "Area")
    terms = code_terms.split()
    added = [strategy_areas.area_with_code(apps, t) for t in terms if not t.startswith("-")]
    taken = [strategy_areas.area_with_code(apps, t[1:]) for t in terms if t.startswith("-")]
    if len(added) == 1 and not taken:
        return added[0]
    area = Area.objects.filter(kind="derived", name=name).first()
    if area is None:
        area = Area.objects.create(kind="derived", name=name)
    if added and not area.parts.exists():
        area.parts.set(added)
        area.excluding.set(taken)
    return area


def areas_from_codes(apps, schema_editor):
    for model_name in TARGET_HISTORIES:
        model = apps.get_model("targets", model_name)
        pairs = model.objects.exclude(comparator="").values_list("comparator", "comparator_codes")
        # A comparator that some target gave codes is built from them for all its targets.
        for name, code_terms in sorted(set(pairs), key=lambda pair: not pair[1]):
            area = comparator_area(apps, name, code_terms)
            model.objects.filter(comparator=name, comparator_codes=code_terms).update(
                comparator_area=area
            )
    Observation = apps.get_model("targets", "Observation")
    Target = apps.get_model("targets", "Target")
    for target in Target.objects.exclude(strategy__area=None).select_related("strategy"):
        Observation.objects.filter(target=target).update(area=target.strategy.area_id)


def codes_from_areas(apps, schema_editor):
    Area = apps.get_model("strategy", "Area")
    for model_name in TARGET_HISTORIES:
        model = apps.get_model("targets", model_name)
        for area in Area.objects.filter(pk__in=model.objects.values("comparator_area")):
            added = [part.code for part in area.parts.all()] or [area.code]
            taken = [f"-{other.code}" for other in area.excluding.all()]
            model.objects.filter(comparator_area=area).update(
                comparator=area.name, comparator_codes=" ".join([*added, *taken])
            )


def area_field(**options):
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.PROTECT,
        to="strategy.area",
        **options,
    )


def historical_area_field(**options):
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="strategy.area",
        **options,
    )


COMPARATOR_HELP = (
    "The area compared with, for gap targets, e.g. England excluding London. Imports build "
    "its figures from its parts' GSS codes."
)
AREA_HELP = "The area the figure is for, as the release names it. Left blank, it is the strategy's area."


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0010_areas"),
        ("targets", "0006_text_limits"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="target", name="target_gap_needs_comparator_and_measure"),
        migrations.AddField(
            model_name="target",
            name="comparator_area",
            field=area_field(related_name="compared_targets"),
        ),
        migrations.AddField(model_name="historicaltarget", name="comparator_area", field=historical_area_field()),
        migrations.AddField(
            model_name="observation",
            name="area",
            field=area_field(help_text=AREA_HELP, related_name="observations"),
        ),
        migrations.AddField(
            model_name="historicalobservation",
            name="area",
            field=historical_area_field(help_text=AREA_HELP),
        ),
        migrations.RunPython(areas_from_codes, codes_from_areas),
        migrations.RemoveField(model_name="target", name="comparator"),
        migrations.RemoveField(model_name="target", name="comparator_codes"),
        migrations.RemoveField(model_name="historicaltarget", name="comparator"),
        migrations.RemoveField(model_name="historicaltarget", name="comparator_codes"),
        migrations.RenameField(model_name="target", old_name="comparator_area", new_name="comparator"),
        migrations.RenameField(model_name="historicaltarget", old_name="comparator_area", new_name="comparator"),
        migrations.AlterField(
            model_name="target",
            name="comparator",
            field=area_field(help_text=COMPARATOR_HELP, related_name="compared_targets"),
        ),
        migrations.AlterField(
            model_name="historicaltarget",
            name="comparator",
            field=historical_area_field(help_text=COMPARATOR_HELP),
        ),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind__in", ["close_gap", "reduce_gap"]),
                        ("comparator__isnull", False),
                        models.Q(("gap_measure", ""), _negated=True),
                    ),
                    models.Q(models.Q(("kind__in", ["close_gap", "reduce_gap"]), _negated=True), ("gap_measure", "")),
                    _connector="OR",
                ),
                name="target_gap_needs_comparator_and_measure",
                violation_error_message="A gap target needs a comparator and a gap measure; other targets have no gap measure.",
            ),
        ),
    ]
