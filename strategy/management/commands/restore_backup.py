"""Restore a portable backup (`make backup`) into a migrated, empty database.

`loaddata` alone is not quite a restore: it saves rows as they were, which keeps
django-simple-history quiet for the rows themselves, but it then sets each proposition's
grand challenges and sector deals, and simple-history records those as new changes. The
backup already holds the history, so nothing is recorded while it loads. It refuses a
database that already holds records, so that a backup is never mixed into other data.
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

DOMAIN_APPS = ("strategy", "governance", "targets", "propositions")


def records_held() -> list[str]:
    """The domain models that already have rows."""
    return [
        model._meta.label
        for app_label in DOMAIN_APPS
        for model in apps.get_app_config(app_label).get_models()
        if model._base_manager.exists()
    ]


class Command(BaseCommand):
    help = "Restore a portable backup (make backup) into a migrated, empty database."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The JSON file that `make backup` wrote.")

    def handle(self, *args, backup, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not fully migrated: run `manage.py migrate`.")
        if held := records_held():
            named = ", ".join(held[:3]) + (f" and {len(held) - 3} more" if len(held) > 3 else "")
            raise CommandError(
                f"The database already holds records ({named}): restore into an empty database."
            )
        # The settings switch is simple-history's own; this process only loads the backup.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", backup, verbosity=options["verbosity"])
