"""Officers keep the areas (their names, GSS codes and parts) as they keep the strategy;
an area is referred to by figures and targets, so neither group deletes one."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_area", "add_area", "change_area"]


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("strategy"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="strategy", codename__in=CODENAMES)
    )
    if len(permissions) != len(CODENAMES):
        raise RuntimeError(f"Missing permissions among {CODENAMES}.")
    for group in Group.objects.filter(name__in=["LEP officer", "Approver"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="strategy", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=["LEP officer", "Approver"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("strategy", "0010_areas")]

    operations = [migrations.RunPython(grant, revoke)]
