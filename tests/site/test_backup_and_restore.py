"""A backup, restored into an empty database, gives back every record and its history.

The portable backup is the README's `dumpdata` command, run as written there; the
PostgreSQL one is its `pg_dump` and `pg_restore` commands, run against the test database.
"""

import datetime
import json
import re
import shlex
import shutil
import subprocess
from decimal import Decimal
from urllib.parse import quote

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from django.core.management.commands.dumpdata import Command as DumpData
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from propositions.models import Proposition, PropositionUpdate
from strategy.models import GrandChallenge, Strategy
from targets.models import Observation, Target
from targets.publishing import save_record

DOMAIN_APPS = ("strategy", "governance", "targets", "propositions")
REVISION_REASON = "ONS revised the series in its latest release"


def backups_section() -> str:
    readme = (settings.BASE_DIR / "README.md").read_text()
    return readme.split("### Backups", 1)[1].split("\n## ", 1)[0]


def documented_arguments(command: str) -> list[str]:
    """The arguments after `manage.py <command>` in the README's Backups section."""
    (line,) = [line for line in backups_section().splitlines() if f"manage.py {command} " in line]
    return shlex.split(line.split(f"manage.py {command} ", 1)[1])


def documented_dump(output) -> tuple[list[str], list[str]]:
    """The README's dumpdata arguments, writing to `output`, and the models they name."""
    arguments = documented_arguments("dumpdata")
    options = DumpData().create_parser("manage.py", "dumpdata").parse_args(arguments)
    arguments[arguments.index(options.output)] = str(output)
    return arguments, options.args


def backed_up_models(labels: list[str]):
    for label in labels:
        if "." in label:
            yield apps.get_model(label)
        else:
            yield from apps.get_app_config(label).get_models()


class Milliseconds(DjangoJSONEncoder):
    """Times as the backup keeps them, to the millisecond, written the same way whether or
    not the milliseconds are zero: Django's encoder writes 12:00:00.000412 as
    "12:00:00.000" but the restored 12:00:00 as "12:00:00", which once in a thousand
    records made the same time look different."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat(timespec="milliseconds")
        return super().default(o)


def snapshot(models) -> dict[str, list[str]]:
    """Every row of each model, as comparable text, in no particular order.

    Rows name users, groups and permissions by their natural keys (user name, group name,
    codename), as the backup does: those are what must survive, not their numeric ids.
    """
    rows = {}
    for model in models:
        serialized = serializers.serialize(
            "python",
            model._base_manager.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        rows[model._meta.label] = sorted(
            json.dumps(row, sort_keys=True, cls=Milliseconds) for row in serialized
        )
    return rows


@pytest.fixture
def changes_with_history(seed, officer, approver):
    """What officers do after the seed: a revision, a draft, a proposition's progress."""
    observation = (
        Observation.objects.published()
        .filter(target__value_type=Target.ValueType.COUNT)
        .select_related("target")
        .first()
    )
    observation.value += 1000
    save_record(observation, approver, revision_reason=REVISION_REASON)
    LogEntry.objects.log_actions(
        approver.pk, [observation], CHANGE, change_message="Changed value.", single_object=True
    )

    earliest = Observation.objects.filter(target=observation.target).order_by("period_end")[0]
    draft = Observation(
        target=observation.target,
        period_end=earliest.period_end - datetime.timedelta(days=365),
        period_label="An earlier year",
        value=earliest.value - Decimal(1),
        comparator_value=earliest.comparator_value,
        source=earliest.source,
    )
    save_record(draft, officer)

    proposition = Proposition.objects.first()
    proposition.status = Proposition.Status.COMPLETE
    proposition._history_user = officer
    proposition.save()
    proposition.grand_challenges.add(GrandChallenge.objects.last())
    PropositionUpdate.objects.create(
        proposition=proposition,
        date=datetime.date(2024, 6, 30),
        title="Phase one finished",
        text="The first phase is complete.",
    )


@pytest.fixture
def forget_content_type_ids():
    """Flushing gives content types new ids; the cache must not keep the old ones."""
    yield
    ContentType.objects.clear_cache()


def test_the_portable_backup_restores_every_record_and_its_history(
    changes_with_history, forget_content_type_ids, tmp_path
):
    backup = tmp_path / "backup.json"
    dump, labels = documented_dump(backup)
    (restore,) = documented_arguments("restore_backup")
    models = list(backed_up_models(labels))
    before = snapshot(models)

    call_command("dumpdata", *dump, verbosity=0)
    # Inside the test's transaction PostgreSQL truncates only once the foreign keys of the
    # rows written so far are checked.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    assert not Observation.history.exists()
    call_command("restore_backup", restore.replace("backup.json", str(backup)), verbosity=0)

    assert snapshot(models) == before
    revision = Observation.history.get(history_change_reason=REVISION_REASON)
    assert revision.history_user.username == "alex-approver"
    assert revision.revised
    assert Proposition.history.filter(status=Proposition.Status.COMPLETE).exists()
    assert LogEntry.objects.get().user.username == "alex-approver"


def test_a_restore_over_existing_records_is_refused_and_changes_nothing(seed, tmp_path):
    backup = tmp_path / "backup.json"
    dump, labels = documented_dump(backup)
    call_command("dumpdata", *dump, verbosity=0)
    models = list(backed_up_models(labels))
    before = snapshot(models)

    with pytest.raises(
        CommandError, match=r"already holds records \(strategy\.Area, strategy\.Strategy, "
    ):
        call_command("restore_backup", str(backup), verbosity=0)

    assert snapshot(models) == before


def test_a_backup_that_does_not_load_changes_nothing(db, tmp_path):
    seed = json.loads((settings.BASE_DIR / "fixtures" / "seed.json").read_text())
    strategy = next(record for record in seed if record["model"] == "strategy.strategy")
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps([strategy, {"model": "strategy.nosuchthing", "fields": {}}]))

    with pytest.raises(DeserializationError, match="nosuchthing"):
        call_command("restore_backup", str(backup), verbosity=0)

    assert not Strategy.objects.exists()


def test_the_backup_holds_every_model_of_the_four_apps_with_its_history(tmp_path):
    _, labels = documented_dump(tmp_path / "backup.json")
    models = set(backed_up_models(labels))

    for app_label in DOMAIN_APPS:
        assert set(apps.get_app_config(app_label).get_models()) <= models
    assert {Observation.history.model, Proposition.history.model} <= models
    assert {"auth.User", "auth.Group"} <= {model._meta.label for model in models}


def test_make_backup_runs_the_documented_command(tmp_path):
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    (backup_models,) = re.findall(r"^BACKUP_MODELS := (.+)$", makefile, re.MULTILINE)
    documented, labels = documented_dump(tmp_path / "backup.json")

    assert backup_models.split() == labels
    assert "dumpdata $(BACKUP_MODELS) --natural-foreign --natural-primary" in makefile
    assert {"--natural-foreign", "--natural-primary"} <= set(documented)


def database_url(settings_dict: dict, name: str) -> str:
    """A libpq URI for the database `name` on the server the tests use."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict["HOST"] or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict["PORT"] else ""
    return f"postgresql://{credentials}{host}{port}/{name}"


def documented_pg_command(program: str, url: str, dump: str) -> list[str]:
    """The README's `pg_dump` or `pg_restore` line, with its variables filled in."""
    (line,) = [line for line in backups_section().splitlines() if line.startswith(f"{program} ")]
    line = line.replace('"$DATABASE_URL"', url).replace("tracker.dump", dump)
    return shlex.split(line)


def all_rows(conninfo: str, tables: list[str]) -> dict[str, list[tuple]]:
    with psycopg.connect(conninfo) as scratch, scratch.cursor() as cursor:
        rows = {}
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            rows[table] = sorted(cursor.fetchall(), key=repr)
        return rows


@pytest.mark.django_db(transaction=True)
def test_pg_dump_and_pg_restore_copy_the_database_into_an_empty_one(seed, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore back up PostgreSQL; these tests run on SQLite")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed (Debian: postgresql-client)")
    observation = Observation.objects.published().first()
    observation.revised = True
    observation._change_reason = REVISION_REASON
    observation.save()
    source = database_url(connection.settings_dict, connection.settings_dict["NAME"])
    scratch_name = f"{connection.settings_dict['NAME']}_restored"
    scratch = database_url(connection.settings_dict, scratch_name)
    dump = str(tmp_path / "tracker.dump")
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch_name}"')
        cursor.execute(f'CREATE DATABASE "{scratch_name}"')
    try:
        subprocess.run(documented_pg_command("pg_dump", source, dump), check=True)
        before = all_rows(source, tables)

        subprocess.run(documented_pg_command("pg_restore", scratch, dump), check=True)
        assert all_rows(scratch, tables) == before
        # --clean: restoring over a database that already has the tables replaces them.
        subprocess.run(documented_pg_command("pg_restore", scratch, dump), check=True)
        assert all_rows(scratch, tables) == before
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)')

    assert before["targets_historicalobservation"]
    assert any(REVISION_REASON in row for row in before["targets_historicalobservation"])
