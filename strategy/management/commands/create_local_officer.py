"""Create a staff account for trying the admin on a local copy.

The password is random and printed once; it is never stored in the project.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

GROUPS = ("LEP officer", "Approver")


class Command(BaseCommand):
    help = "Create a local officer account (in the LEP officer and Approver groups) once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="officer")

    def handle(self, *args, username, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The local officer account “{username}” already exists; its password was "
                f"printed when it was made. To set a new one: "
                f"python manage.py changepassword {username}"
            )
            return
        groups = list(Group.objects.filter(name__in=GROUPS))
        if len(groups) != len(GROUPS):
            raise CommandError("The staff groups are missing: run `manage.py migrate` first.")
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
