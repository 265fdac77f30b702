"""Areas with their GSS codes replace the strategy's area name and code list.

The conversion reads the codes the strings held; an area is named as ONS names it where
it is one the seed uses, or else by its code until an officer names it.
"""

import re

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

CODE = re.compile(r"\b([EKNSW]\d{8})\b")
ONS_NAMES = {
    "E92000001": "England",
    "E12000007": "London",
    "E12000001": "North East",
    "E37000025": "North East LEP area",
    "E47000014": "North East combined authority area",
    "E06000047": "County Durham",
    "E08000037": "Gateshead",
    "E08000021": "Newcastle upon Tyne",
    "E08000022": "North Tyneside",
    "E06000057": "Northumberland",
    "E08000023": "South Tyneside",
    "E08000024": "Sunderland",
}
KINDS = {
    "E06": "local_authority",
    "E07": "local_authority",
    "E08": "local_authority",
    "E09": "local_authority",
    "W06": "local_authority",
    "S12": "local_authority",
    "N09": "local_authority",
    "E37": "lep_area",
    "E47": "combined_authority_area",
    "E12": "region",
}


def kind_of(code: str) -> str:
    if code[:3] in KINDS:
        return KINDS[code[:3]]
    return "nation" if code[1:3] == "92" or code[0] == "K" else "region"


def area_with_code(apps, code: str, name: str = ""):
    Area = apps.get_model("strategy", "Area")
    area = Area.objects.filter(code=code).first()
    if area is None:
        name = name or ONS_NAMES.get(code, code)
        area = Area.objects.create(code=code, name=name, kind=kind_of(code))
    return area


def areas_from_codes(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    Area = apps.get_model("strategy", "Area")
    for strategy in Strategy.objects.exclude(area_name="", area_codes=""):
        parts = [area_with_code(apps, code) for code in strategy.area_codes.split()]
        found = CODE.search(strategy.area_name)
        name = strategy.area_name.split(" (")[0].strip() or "The strategy's area"
        if found:
            area = area_with_code(apps, found.group(1), name)
        else:
            area = Area.objects.filter(kind="derived", name=name).first() or Area.objects.create(
                name=name, kind="derived"
            )
        if parts and not area.parts.exists():
            area.parts.set(parts)
        strategy.area = area
        strategy.save(update_fields=["area"])


def codes_from_areas(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    for strategy in Strategy.objects.exclude(area=None).select_related("area"):
        area = strategy.area
        strategy.area_name = f"{area.name} ({area.code})" if area.code else area.name
        strategy.area_codes = " ".join(part.code for part in area.parts.all())
        strategy.save(update_fields=["area_name", "area_codes"])


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0009_site_administrator_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="Area",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="As ONS names it, e.g. “Gateshead”.", max_length=200)),
                (
                    "code",
                    models.CharField(
                        blank=True,
                        help_text="The ONS code, e.g. E06000047 for County Durham. Empty only for a derived area, which has none.",
                        max_length=9,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[EKNSW][0-9]{8}\\Z",
                                "A GSS code is a letter (E, K, N, S or W) and eight digits, e.g. E06000047.",
                            )
                        ],
                        verbose_name="GSS code",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("local_authority", "Local authority"),
                            ("lep_area", "Local enterprise partnership area"),
                            ("combined_authority_area", "Combined authority area"),
                            ("region", "Region"),
                            ("nation", "Nation"),
                            ("derived", "Derived from other areas"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "excluding",
                    models.ManyToManyField(
                        blank=True,
                        help_text="For a derived area: the areas taken away from its parts, e.g. London.",
                        related_name="excluded_from",
                        to="strategy.area",
                    ),
                ),
                (
                    "parts",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The areas whose figures add up to this one: an area's local authorities, or England for England excluding London. Imports of official statistics add them up.",
                        related_name="part_of",
                        to="strategy.area",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("code", ""), _negated=True),
                        fields=("code",),
                        name="area_code_unique",
                        violation_error_message="Another area has this GSS code.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("code", ""), ("kind", "derived")),
                            models.Q(models.Q(("kind", "derived"), _negated=True), models.Q(("code", ""), _negated=True)),
                            _connector="OR",
                        ),
                        name="area_code_unless_derived",
                        violation_error_message="Every area has a GSS code except a derived one, which has none.",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="strategy",
            name="area",
            field=models.ForeignKey(
                blank=True,
                help_text="The area the strategy covers, e.g. the North East LEP area. Its parts are the local authorities whose figures imports add up.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="strategies",
                to="strategy.area",
            ),
        ),
        migrations.RunPython(areas_from_codes, codes_from_areas),
        migrations.RemoveField(model_name="strategy", name="area_codes"),
        migrations.RemoveField(model_name="strategy", name="area_name"),
    ]
