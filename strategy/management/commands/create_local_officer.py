"""Create a staff account for trying the admin on a local copy.

The password is random and printed once; it is never stored in the project. The account is
in every staff group, the Site administrator included, so that it can add colleagues to try
the site as an officer or an approver would, without being a superuser (who would see
everything whatever the groups allow).
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

GROUPS = ("LEP officer", "Approver", "Site administrator")


class Command(BaseCommand):
    help = (
        "Create a local officer account (in the LEP officer, Approver and Site administrator "
        "groups) once; an existing one is only added to any of those groups it is not in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="officer")

    def handle(self, *args, username, **options):
        groups = list(Group.objects.filter(name__in=GROUPS))
        if len(groups) != len(GROUPS):
            raise CommandError("The staff groups are missing: run `manage.py migrate` first.")
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is not None:
            self._keep_in_groups(user, groups)
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password, is_staff=True)
        user.groups.set(groups)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the local officer account. Sign in at /admin/ as “{username}” "
                f"with the password: {password}\n"
                "It is shown only this once."
            )
        )

    def _keep_in_groups(self, user, groups):
        """An account made before a group existed (Site administrator) gets it too.

        Nothing else changes: the password was printed once and is not shown again.
        """
        missing = [group for group in groups if not user.groups.filter(pk=group.pk).exists()]
        user.groups.add(*missing)
        username = user.get_username()
        self.stdout.write(
            f"The local officer account “{username}” already exists; its password was "
            f"printed when it was made. To set a new one: "
            f"DEBUG=true .venv/bin/python manage.py changepassword {username}"
        )
        if missing:
            names = ", ".join(sorted(group.name for group in missing))
            self.stdout.write(f"Added it to: {names}.")
