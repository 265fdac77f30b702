"""Officers keep the release calendar (expected releases) as they keep the figures; both
groups may add, change and delete its entries."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_expectedrelease",
    "add_expectedrelease",
    "change_expectedrelease",
    "delete_expectedrelease",
]


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("targets"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="targets", codename__in=CODENAMES)
    )
    if len(permissions) != len(CODENAMES):
        raise RuntimeError(f"Missing permissions among {CODENAMES}.")
    for group in Group.objects.filter(name__in=["LEP officer", "Approver"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="targets", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=["LEP officer", "Approver"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0005_shared_cache"),
        ("targets", "0003_release_calendar_and_confidence_intervals"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
