"""Add a colleague from the command line, as the admin's Users page does: staff, in the
groups named, with a random password printed once.

createsuperuser makes only superusers; officers and approvers get only their groups'
permissions (README, "Adding colleagues").
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Add a staff user in the groups named (e.g. --group 'LEP officer' or --group Approver) "
        "and print their password once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--group",
            action="append",
            required=True,
            dest="groups",
            help="A group to put them in: LEP officer, Approver or Site administrator. "
            "Give it again for more than one.",
        )
        parser.add_argument("--email", default="")

    def handle(self, *args, username, groups, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(
                f"There is already a user “{username}”: change their groups in the admin "
                f"(Users), or their password with: manage.py changepassword {username}"
            )
        found = list(Group.objects.filter(name__in=groups))
        if missing := sorted(set(groups) - {group.name for group in found}):
            known = ", ".join(Group.objects.order_by("name").values_list("name", flat=True))
            raise CommandError(
                f"There is no group {', '.join(f'“{name}”' for name in missing)}: "
                f"the groups are {known}."
            )
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, email=email, password=password, is_staff=True
            )
            user.groups.set(found)
        names = ", ".join(sorted(group.name for group in found))
        self.stdout.write(
            self.style.SUCCESS(f"Added “{username}” ({names}) with the password: {password}\n")
            + "It is shown only this once: give it to them, and they can change it in the "
            "admin (Change password, at the top). With two-factor sign-in on, set up their "
            f"authenticator app first: manage.py add_totp_device {username}"
        )
