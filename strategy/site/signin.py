"""How staff sign in: the admin's second factor, the locked-out page, and the sign-in log.

The cool-off itself is django-axes's (settings, "Staff sign-in"); this module only decides
what the admin demands, what a locked-out officer is told, and what is written down.
"""

import logging
import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext_lazy
from django_otp import devices_for_user
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite

from strategy.site.middleware import client_address

logger = logging.getLogger("strategy.signin")


# Who enrols an officer's app: whoever runs the site's commands (README, "Adding colleagues").
NO_DEVICE = (
    "Your password is right, but two-factor sign-in is not set up for “{username}” yet, "
    "so the admin cannot let you in. Ask whoever looks after the site to set it up: they "
    "run manage.py add_totp_device {username} and show you a QR code to scan with an "
    "authenticator app on your phone. Then sign in with your password and the six-digit "
    "code the app shows."
)


class StaffSignInForm(OTPAdminAuthenticationForm):
    """django-otp's admin sign-in form, in plain words, for officers with authenticator apps.

    An officer with one app gives the password and the code in one go (django-otp would ask
    which device first); only someone with several is asked which app the code is from. An
    officer with no app yet is told how to get one, rather than asked for a code they
    cannot have.
    """

    otp_device = forms.CharField(
        required=False, widget=forms.Select, label="Which authenticator app the code is from"
    )
    otp_token = forms.CharField(
        required=False,
        label="Six-digit code from your authenticator app",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    # Authenticator apps show their codes by themselves: there is no challenge to ask for.
    otp_challenge = None

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": "Enter the six-digit code from your authenticator app.",
        "invalid_token": (
            "That code is not right, or has expired: enter the current code from your app."
        ),
        "device_required": "Choose which authenticator app the code is from.",
        "n_failed_attempts": ngettext_lazy(
            "After a wrong code, wait a few seconds, then enter the current code from your app.",
            "After %(failure_count)d wrong codes in a row, wait a little (each wrong code makes "
            "the wait longer), then enter the current code from your app.",
            "failure_count",
        ),
        "verification_not_allowed": "Codes are not being checked for a moment: try again soon.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.several_devices = False

    def clean_otp(self, user):
        if user is None:
            return
        devices = list(devices_for_user(user))
        if not devices:
            raise forms.ValidationError(
                NO_DEVICE.format(username=user.get_username()), code="no_device"
            )
        self.several_devices = len(devices) > 1
        if not self.several_devices and not self.cleaned_data.get("otp_device"):
            self.cleaned_data["otp_device"] = devices[0].persistent_id
        super().clean_otp(user)


class StaffAdminSite(OTPAdminSite):
    """The admin, which asks for an authenticator code as well when OTP_REQUIRED is on.

    The setting is read on every request rather than when the site is built, so one
    process (and one test run) can be switched either way.
    """

    def has_permission(self, request):
        if settings.OTP_REQUIRED:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    @property
    def login_form(self):
        return StaffSignInForm if settings.OTP_REQUIRED else None

    @property
    def login_template(self):
        return "admin/two_factor_login.html" if settings.OTP_REQUIRED else None


def locked_out(request, original_response=None, credentials=None):
    """The page for a sign-in refused during the cool-off: why, and until when.

    The lock lifts a fixed time after the failure that caused it (a refused attempt does
    not restart it), so the time shown is when signing in works again.
    """
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request)
    last_failure = AccessAttempt.objects.filter(
        username=username, ip_address=request.axes_ip_address
    ).aggregate(last=Max("attempt_time"))["last"]
    unlocked_at = (last_failure or timezone.now()) + cool_off
    seconds_left = max(60, math.ceil((unlocked_at - timezone.now()).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "title": "Signing in is paused",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": int(cool_off.total_seconds() // 60),
        "unlocked_at": unlocked_at,
        "minutes_left": math.ceil(seconds_left / 60),
    }
    response = render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(seconds_left)
    return response


def _record(level, outcome, username, request):
    address = (client_address(request) if request is not None else None) or "unknown"
    logger.log(
        level,
        "sign-in %s: user=%s address=%s",
        outcome,
        username,
        address,
        extra={"outcome": outcome, "username": username, "client_address": address},
    )


def log_signed_in(sender, request, user, **kwargs):
    _record(logging.INFO, "succeeded", user.get_username(), request)


def log_signed_out(sender, request, user, **kwargs):
    _record(logging.INFO, "ended", user.get_username() if user else "", request)


def log_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in credentials; only the name is kept.
    _record(logging.WARNING, "failed", credentials.get("username", ""), request)


def log_locked_out(sender, request, username, ip_address, **kwargs):
    _record(logging.WARNING, "locked out", username or "", request)


def log_wrong_code(sender, user, **kwargs):
    # django-otp does not pass the request, so there is no address to give.
    _record(logging.WARNING, "refused a wrong authenticator code", user.get_username(), None)
