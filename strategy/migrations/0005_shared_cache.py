"""The table of the "shared" cache, which holds the data version that every worker reads
(strategy/data_version.py), made here so that `migrate` is the only step a deployment
needs; and a first version, so that the first reader has one. Like every migration, it
imports no application code, which may change after the migration is written: the key
is the one strategy/data_version.py reads."""

import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import migrations

VERSION_KEY = "published-data-version"


def create_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)
    caches["shared"].set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def drop_table(apps, schema_editor):
    shared = settings.CACHES.get("shared", {})
    if shared.get("BACKEND") == "django.core.cache.backends.db.DatabaseCache":
        table = schema_editor.quote_name(shared["LOCATION"])
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("strategy", "0004_grant_published_assessments")]

    operations = [migrations.RunPython(create_table, drop_table)]
