"""Enrol an officer's authenticator app for the admin's second factor (OTP_REQUIRED).

The secret is printed once, as an otpauth:// address and a QR code to scan; the admin
never shows it again (OTP_ADMIN_HIDE_SENSITIVE_DATA).
"""

import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


class Command(BaseCommand):
    help = (
        "Give a staff user an authenticator (TOTP) device and print the address and QR "
        "code to scan into their app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the user's existing authenticator devices first (a lost phone).",
        )

    def handle(self, *args, username, replace, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user “{username}”.")
        if not user.is_staff:
            raise CommandError(
                f"“{username}” is not staff, so never signs in to the admin: make them staff first."
            )
        existing = TOTPDevice.objects.filter(user=user)
        if existing.exists() and not replace:
            raise CommandError(
                f"“{username}” already has an authenticator device. To give them a new one "
                "(the old one stops working), run this again with --replace."
            )
        with transaction.atomic():
            existing.delete()
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)

        uri = device.config_url
        qr = qrcode.QRCode(border=1)
        qr.add_data(uri)
        picture = io.StringIO()
        qr.print_ascii(out=picture, invert=True)
        self.stdout.write(
            self.style.SUCCESS(f"Made an authenticator device for “{username}”.")
            + "\nScan this QR code with their authenticator app, or enter the address below. "
            "It holds their secret: show it to them only, and do not keep a copy.\n"
        )
        self.stdout.write(picture.getvalue())
        self.stdout.write(uri)
