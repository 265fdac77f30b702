"""Load the seed strategy (fixtures/seed.json) without ever overwriting an officer's work.

`loaddata` writes every record of a fixture as it is in the file, so a second load puts
back what officers changed or deleted. This command loads the seed into a database that
holds no strategy; into one that does, it lists what the seed would change and changes
it only when told to (`--force`), writing a history row for each record it changes.
`make run` calls it with `--if-empty`, so that starting the site again changes nothing.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from strategy.models import Strategy

FIXTURE = "seed"
HISTORY_REASON = "Loaded again from the seed strategy (manage.py seed --force)"
FIRST_HISTORY_REASON = "Loaded from the seed strategy"


@dataclass
class SeedDifference:
    """How the database differs from the seed: records the seed would add back or change."""

    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    # (model, primary key) of each record the seed would write, for their history rows.
    written: list[tuple[type[models.Model], object]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.changed)


def seed_objects():
    """The seed's records, as `loaddata` would save them, without its history rows."""
    path = settings.FIXTURE_DIRS[0] / f"{FIXTURE}.json"
    with open(path, encoding="utf-8") as fixture:
        for deserialized in serializers.deserialize("json", fixture):
            if not deserialized.object._meta.model_name.startswith("historical"):
                yield deserialized


def start_histories() -> None:
    """Give every record that keeps a history exactly one version, the seeded record, so
    that an officer's first edit shows what it changed.

    The seed holds the first version of its targets and figures. `loaddata` saves raw,
    which the history does not see, except that setting a proposition's many-to-many
    relations makes versions: the last of those, which holds them all, is kept as the
    first. Records with no version get one.
    """
    for model in apps.get_models():
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        history = model.history
        pk_name = model._meta.pk.attname
        last_version = {}
        for version in history.order_by("history_date", "history_id"):
            last_version[getattr(version, pk_name)] = version.history_id
        history.exclude(history_id__in=last_version.values()).delete()
        history.update(history_type="+", history_change_reason=FIRST_HISTORY_REASON)
        unrecorded = model._default_manager.exclude(pk__in=list(last_version))
        history.bulk_history_create(list(unrecorded), default_change_reason=FIRST_HISTORY_REASON)


def compared_fields(model) -> list[models.Field]:
    """The fields an officer can change: not the primary key, not the time of the last save."""
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if not model_field.primary_key and not getattr(model_field, "auto_now", False)
    ]


def difference_from_seed() -> SeedDifference:
    difference = SeedDifference()
    for deserialized in seed_objects():
        seeded = deserialized.object
        model = type(seeded)
        label = f"{model._meta.verbose_name} {seeded.pk} “{seeded}”"
        current = model._base_manager.filter(pk=seeded.pk).first()
        if current is None:
            difference.missing.append(label)
            difference.written.append((model, seeded.pk))
            continue
        fields = [
            model_field.verbose_name
            for model_field in compared_fields(model)
            if model_field.to_python(model_field.value_from_object(seeded))
            != model_field.value_from_object(current)
        ]
        for name, pks in (deserialized.m2m_data or {}).items():
            held = set(getattr(current, name).values_list("pk", flat=True))
            if {int(pk) for pk in pks} != held:
                fields.append(model._meta.get_field(name).verbose_name)
        if fields:
            difference.changed.append(f"{label}: {', '.join(fields)}")
            difference.written.append((model, seeded.pk))
    return difference


class Command(BaseCommand):
    help = (
        "Load the seed strategy into a database that holds none; into one that does, list "
        "what it would change, and change it only with --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load the seed only if the database holds no strategy; otherwise say so and "
            "change nothing (what `make run` does).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Put back every record the seed holds, overwriting the changes listed.",
        )

    def handle(self, *args, if_empty, force, **options):
        if not Strategy.objects.exists():
            with transaction.atomic():
                call_command("loaddata", FIXTURE, verbosity=0)
                start_histories()
            self.stdout.write("Loaded the seed strategy into the empty database.")
            return
        if if_empty:
            self.stdout.write(
                "The database already holds a strategy, so the seed was not loaded again: "
                "nothing changed here is overwritten. To compare it with the seed, or load "
                "it deliberately: make seed."
            )
            return
        difference = difference_from_seed()
        if not difference:
            self.stdout.write("The database already holds the seed as it is: nothing to load.")
            return
        self.stdout.write(self._listing(difference))
        if not force:
            raise CommandError(
                "Nothing was changed. Loading the seed would overwrite the records listed "
                "above; run it with --force (make seed FORCE=1) to do so."
            )
        with transaction.atomic():
            call_command("loaddata", FIXTURE, verbosity=0)
            for model, pk in difference.written:
                self._record_history(model, pk)
        self.stdout.write(
            f"Loaded the seed: {len(difference.missing)} record(s) added back and "
            f"{len(difference.changed)} put back as the seed has them, each with a history row."
        )

    def _listing(self, difference: SeedDifference) -> str:
        lines = []
        if difference.changed:
            lines.append(f"The seed would change {len(difference.changed)} record(s):")
            lines += [f"  - {line}" for line in difference.changed]
        if difference.missing:
            lines.append(
                f"The seed would add {len(difference.missing)} record(s) that are not here "
                "(new in the seed, or deleted here):"
            )
            lines += [f"  - {line}" for line in difference.missing]
        return "\n".join(lines)

    def _record_history(self, model: type[models.Model], pk) -> None:
        """loaddata saves rows raw, which history does not see: record the change by hand."""
        if not hasattr(model, "history"):
            return
        record = model._base_manager.get(pk=pk)
        record._change_reason = HISTORY_REASON
        record.save()
