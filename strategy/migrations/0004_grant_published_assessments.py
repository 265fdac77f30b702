"""Officers enter published assessments as drafts; approvers also publish them."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER_CODENAMES = [
    "view_publishedassessment",
    "add_publishedassessment",
    "change_publishedassessment",
    "delete_publishedassessment",
]
APPROVER_CODENAMES = [*OFFICER_CODENAMES, "publish_assessment"]


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("targets"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (("LEP officer", OFFICER_CODENAMES), ("Approver", APPROVER_CODENAMES)):
        permissions = list(
            Permission.objects.filter(content_type__app_label="targets", codename__in=codenames)
        )
        if len(permissions) != len(codenames):
            raise RuntimeError(f"Missing permissions among {codenames}.")
        Group.objects.get(name=group_name).permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="targets", codename__in=APPROVER_CODENAMES
    )
    for group in Group.objects.filter(name__in=["LEP officer", "Approver"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0003_strategy_area"),
        ("targets", "0002_assessments_revisions_and_release_calendar"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
