"""Every migration of the project's apps reverses: each app goes to zero and comes back.

On a real database, outside a test transaction, because migrations run their own.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from tests.strategy.test_colleagues import SITE_ADMINISTRATOR_PERMISSIONS
from tests.strategy.test_groups import expected_officer_permissions, permission_names

# Unapplied in this order: each app's migrations are needed by those before it.
APPS_LAST_FIRST = ["propositions", "targets", "governance", "strategy"]
STAFF_GROUPS = {"LEP officer", "Approver", "Site administrator"}
ASSESSMENT_PERMISSIONS = {
    "targets.view_publishedassessment",
    "targets.add_publishedassessment",
    "targets.change_publishedassessment",
    "targets.delete_publishedassessment",
}


def tables_of(app_label: str) -> set[str]:
    """The app's tables, with its many-to-many and history tables."""
    models = apps.get_app_config(app_label).get_models(include_auto_created=True)
    return {model._meta.db_table for model in models}


def tables_in_database() -> set[str]:
    return set(connection.introspection.table_names())


def applied(app_label: str) -> set[str]:
    return {
        name for app, name in MigrationRecorder(connection).applied_migrations() if app == app_label
    }


def migrate(*args: str) -> None:
    call_command("migrate", *args, interactive=False, verbosity=0)


@pytest.fixture
def freshly_migrated(transactional_db):
    """The staff groups made again by their migration, whatever earlier tests emptied; and
    every table back afterwards, even when a test fails half-way."""
    migrate("strategy", "0001")
    migrate()
    yield
    migrate()


@pytest.mark.usefixtures("freshly_migrated")
def test_every_app_migrates_to_zero_and_back_to_the_latest():
    assert {group.name for group in Group.objects.all()} == STAFF_GROUPS
    for app_label in APPS_LAST_FIRST:
        assert tables_of(app_label) <= tables_in_database()

    # Some of strategy's later migrations (grants, areas) come after the other apps' first
    # ones, so taking an app to zero may take part of strategy with it: check what is gone.
    for app_label in APPS_LAST_FIRST:
        migrate(app_label, "zero")

        assert tables_of(app_label) & tables_in_database() == set()
        assert applied(app_label) == set()
    assert not Group.objects.filter(name__in=STAFF_GROUPS).exists()

    migrate()

    for app_label in APPS_LAST_FIRST:
        assert tables_of(app_label) <= tables_in_database()
    officers = Group.objects.get(name="LEP officer")
    approvers = Group.objects.get(name="Approver")
    assert permission_names(officers) == expected_officer_permissions()
    assert permission_names(approvers) == expected_officer_permissions() | {
        "targets.publish_observation",
        "targets.publish_assessment",
    }
    site_administrators = Group.objects.get(name="Site administrator")
    assert permission_names(site_administrators) == SITE_ADMINISTRATOR_PERMISSIONS


@pytest.mark.usefixtures("freshly_migrated")
def test_the_grant_on_published_assessments_reverses_and_applies_again():
    migrate("strategy", "0003")

    officers = Group.objects.get(name="LEP officer")
    approvers = Group.objects.get(name="Approver")
    assert permission_names(officers) & ASSESSMENT_PERMISSIONS == set()
    assert "targets.publish_assessment" not in permission_names(approvers)
    assert "targets.publish_observation" in permission_names(approvers)

    migrate()

    assert permission_names(officers) >= ASSESSMENT_PERMISSIONS
    assert "targets.publish_assessment" in permission_names(approvers)


@pytest.mark.django_db
def test_the_models_and_migrations_agree():
    """What CI's `make lint` checks; here too, so a missing migration fails the tests."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
