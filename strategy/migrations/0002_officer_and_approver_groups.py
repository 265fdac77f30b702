"""The two staff groups: LEP officers keep the content and enter draft figures;
approvers may also publish figures.

Django creates model permissions only after all migrations have run, so on a fresh
database this migration creates them first, and fails loudly if one is still missing
rather than silently granting nothing.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER_GROUP = "LEP officer"
APPROVER_GROUP = "Approver"

# app label -> model -> actions officers have (v view, a add, c change, d delete).
# Officers delete only rows that hang under a parent; strategies, targets,
# propositions, bodies and organisations carry history and are never deleted by them.
OFFICER_ACTIONS = {
    "strategy": {
        "strategy": "vac",
        "strategyaim": "vacd",
        "foundation": "vac",
        "grandchallenge": "vac",
        "grandchallengepriority": "vacd",
        "sectordeal": "vac",
        "sectordealcommitment": "vacd",
        "areaofstrategicimportance": "vac",
        "evidencereport": "vac",
        "keyfact": "vacd",
        "finding": "vacd",
        "discussionquestion": "vacd",
        "glossaryterm": "vac",
    },
    "governance": {
        "organisation": "vac",
        "governancebody": "vac",
        "membership": "vacd",
        "meeting": "vac",
        "decision": "vacd",
        "timelineentry": "vacd",
    },
    "targets": {
        "target": "vac",
        # The admin lets officers change and delete drafts only.
        "observation": "vacd",
    },
    "propositions": {
        "proposition": "vac",
        "propositionpartner": "vacd",
        "propositiontarget": "vacd",
        "milestone": "vacd",
        "propositionupdate": "vacd",
    },
}
APPROVER_EXTRA = [("targets", "publish_observation")]

ACTION_NAMES = {"v": "view", "a": "add", "c": "change", "d": "delete"}


def officer_codenames():
    for app_label, models in OFFICER_ACTIONS.items():
        for model, actions in models.items():
            for action in actions:
                yield app_label, f"{ACTION_NAMES[action]}_{model}"


def create_groups(apps, schema_editor):
    for app_label in OFFICER_ACTIONS:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def lookup(pairs):
        found = []
        for app_label, codename in pairs:
            try:
                found.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
            except Permission.DoesNotExist as error:
                raise RuntimeError(f"Permission {app_label}.{codename} does not exist.") from error
        return found

    officer_permissions = lookup(officer_codenames())
    officers, _ = Group.objects.get_or_create(name=OFFICER_GROUP)
    officers.permissions.set(officer_permissions)
    approvers, _ = Group.objects.get_or_create(name=APPROVER_GROUP)
    approvers.permissions.set(officer_permissions + lookup(APPROVER_EXTRA))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[OFFICER_GROUP, APPROVER_GROUP]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("strategy", "0001_initial"),
        ("governance", "0001_initial"),
        ("targets", "0001_initial"),
        ("propositions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
