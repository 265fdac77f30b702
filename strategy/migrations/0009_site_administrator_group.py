"""The Site administrator group: manages colleagues' accounts in the admin, without being a
superuser.

Its members add colleagues, set their passwords, put them in groups and deactivate them
(never delete them: their names stay on the history they wrote), and lift a sign-in
cool-off by deleting the access attempt. They only view groups: changing a group's
permissions would let them grant themselves anything. strategy/accounts_admin.py keeps
them from granting more than they hold.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

SITE_ADMINISTRATOR_GROUP = "Site administrator"
PERMISSIONS = [
    ("auth", "view_user"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_group"),
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
]


def create_group(apps, schema_editor):
    for app_label in ("auth", "axes"):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for app_label, codename in PERMISSIONS:
        try:
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        except Permission.DoesNotExist as error:
            raise RuntimeError(f"Permission {app_label}.{codename} does not exist.") from error
    group, _ = Group.objects.get_or_create(name=SITE_ADMINISTRATOR_GROUP)
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SITE_ADMINISTRATOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0001_initial"),
        ("strategy", "0008_text_limits"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
