"""Managing colleagues in the admin: the local account (a site administrator, not a
superuser) adds officers and approvers, sets passwords and deactivates colleagues, and
cannot grant more than it holds.

Everything goes through the admin's own pages with the test client, as an officer's
browser would post them.
"""

import re
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

USERS = reverse("admin:auth_user_changelist")
ADD_USER = reverse("admin:auth_user_add")
NEW_PASSWORD = "another-long-password-2"
SITE_ADMINISTRATOR_PERMISSIONS = {
    "auth.view_user",
    "auth.add_user",
    "auth.change_user",
    "auth.view_group",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
}


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


def group(name):
    return Group.objects.get(name=name)


def signs_in(username, password):
    """As the admin's sign-in form does: django-axes needs the request."""
    request = RequestFactory().post(reverse("admin:login"))
    return authenticate(request, username=username, password=password) is not None


@pytest.fixture
def local_account(db):
    """The account `make run` makes, as create_local_officer makes it."""
    call_command("create_local_officer", stdout=StringIO())
    return User.objects.get(username="officer")


@pytest.fixture
def local_client(client, local_account):
    client.force_login(local_account)
    return client


def add_colleague(client, username, *groups, **fields):
    return client.post(
        ADD_USER,
        {
            "username": username,
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Nina",
            "last_name": "Newcomer",
            "email": f"{username}@example.org",
            "is_staff": "on",
            "groups": [group(name).pk for name in groups],
            **fields,
        },
    )


def change_colleague(client, user, **changes):
    """The change page posted back with its fields as they are, but for `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "groups": list(user.groups.values_list("pk", flat=True)),
        "date_joined_0": "2025-01-15",
        "date_joined_1": "09:00:00",
        **changes,
    }
    return client.post(change_url(user), {key: value for key, value in data.items() if value})


def test_the_local_account_is_a_site_administrator_but_not_a_superuser(local_account):
    assert not local_account.is_superuser
    assert local_account.groups.filter(name="Site administrator").exists()
    assert local_account.get_all_permissions() >= SITE_ADMINISTRATOR_PERMISSIONS


@pytest.mark.django_db
def test_site_administrators_hold_exactly_the_permissions_to_manage_colleagues():
    held = {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group("Site administrator").permissions.select_related("content_type")
    }

    assert held == SITE_ADMINISTRATOR_PERMISSIONS


def test_the_local_account_sees_users_and_groups_in_the_admin_index(local_client):
    response = local_client.get(reverse("admin:index"))

    [auth] = [app for app in response.context["app_list"] if app["app_label"] == "auth"]
    assert {model["object_name"] for model in auth["models"]} == {"User", "Group"}


def test_an_officer_who_is_not_a_site_administrator_sees_no_users(officer_client):
    assert officer_client.get(USERS).status_code == 403


def test_the_add_page_asks_for_the_groups_and_starts_with_staff_status_ticked(local_client):
    form = local_client.get(ADD_USER).context["adminform"].form

    assert form["is_staff"].value() is True
    assert {"LEP officer", "Approver", "Site administrator"} <= {
        name for _, name in form.fields["groups"].choices
    }
    assert "Approver: also publishes figures" in form.fields["groups"].help_text


def test_the_local_account_adds_an_officer_who_keeps_content_but_cannot_publish(local_client):
    response = add_colleague(local_client, "nina", "LEP officer")

    nina = User.objects.get(username="nina")
    assert response.status_code == 302
    assert response["Location"] == change_url(nina)
    assert (nina.is_staff, nina.is_superuser, nina.email) == (True, False, "nina@example.org")
    assert list(nina.groups.values_list("name", flat=True)) == ["LEP officer"]
    assert signs_in("nina", PASSWORD)
    assert nina.has_perm("targets.add_observation")
    assert not nina.has_perm("targets.publish_observation")
    assert not nina.has_perm("auth.add_user")


def test_the_local_account_adds_an_approver_who_may_publish(local_client, client):
    add_colleague(local_client, "paul", "Approver")

    paul = User.objects.get(username="paul")
    assert list(paul.groups.values_list("name", flat=True)) == ["Approver"]
    assert paul.has_perm("targets.publish_observation")
    assert paul.has_perm("targets.publish_assessment")
    client.force_login(paul)
    assert client.get(reverse("admin:targets_observation_changelist")).status_code == 200


def test_the_local_account_sets_a_colleagues_password(local_client, officer):
    response = local_client.post(
        password_url(officer),
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert signs_in(officer.username, NEW_PASSWORD)
    assert not signs_in(officer.username, PASSWORD)


def test_the_local_account_deactivates_a_colleague_who_then_cannot_sign_in(local_client, officer):
    response = change_colleague(local_client, officer, is_active="")

    officer.refresh_from_db()
    assert response.status_code == 302
    assert not officer.is_active
    assert not signs_in(officer.username, PASSWORD)
    assert User.objects.filter(pk=officer.pk).exists(), "kept, with the history they wrote"


def test_the_local_account_moves_a_colleague_from_officer_to_approver(local_client, officer):
    change_colleague(local_client, officer, groups=[group("Approver").pk])

    assert list(officer.groups.values_list("name", flat=True)) == ["Approver"]


def test_the_user_list_shows_each_colleagues_groups_and_two_factor_sign_in(
    local_client, officer, approver
):
    TOTPDevice.objects.create(user=officer, name="Authenticator app", confirmed=True)

    page = local_client.get(USERS).content.decode()

    rows = {
        name: row
        for row in page.split("<tr")
        for name in ("olivia-officer", "alex-approver")
        if f">{name}</a>" in row
    }
    assert "LEP officer" in rows["olivia-officer"]
    assert "Approver" in rows["alex-approver"]
    two_factor = {
        name: re.findall(r'class="field-has_two_factor"><img[^>]* alt="(\w+)"', row)
        for name, row in rows.items()
    }
    assert two_factor == {"olivia-officer": ["True"], "alex-approver": ["False"]}


def test_a_site_administrator_cannot_make_themselves_a_superuser(local_client, local_account):
    form = local_client.get(change_url(local_account)).context["adminform"].form

    response = change_colleague(local_client, local_account, is_superuser="on")

    local_account.refresh_from_db()
    assert "is_superuser" not in form.fields, "shown, but not a field they can change"
    assert response.status_code == 302
    assert not local_account.is_superuser


def test_a_site_administrator_cannot_give_single_permissions(local_client, officer):
    delete_users = Permission.objects.get(codename="delete_user")

    change_colleague(local_client, officer, user_permissions=[delete_users.pk])

    assert not officer.user_permissions.exists()


def test_a_site_administrator_cannot_put_anyone_in_a_group_that_gives_more_than_they_hold(
    local_client, officer
):
    auditors = Group.objects.create(name="Auditors")
    auditors.permissions.add(Permission.objects.get(codename="delete_user"))
    choices = local_client.get(change_url(officer)).context["adminform"].form["groups"]

    response = change_colleague(local_client, officer, groups=[auditors.pk])

    assert "Auditors" not in {name for _, name in choices.field.choices}
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors
    assert not officer.groups.filter(name="Auditors").exists()


def test_a_site_administrator_cannot_change_a_superuser_or_set_their_password(
    local_client, superuser
):
    page = local_client.get(change_url(superuser))
    change = change_colleague(local_client, superuser, email="taken@example.org")
    password = local_client.post(
        password_url(superuser),
        {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    superuser.refresh_from_db()
    assert page.status_code == 200, "they may see who the superusers are"
    assert not page.context["has_change_permission"]
    assert change.status_code == 403
    assert password.status_code == 403
    assert superuser.email == "sam@example.org"
    assert signs_in(superuser.username, PASSWORD)


def test_a_site_administrator_cannot_change_a_deactivated_colleague_who_holds_more(
    local_client, django_user_model
):
    former = django_user_model.objects.create_user(
        username="former-manager", password=PASSWORD, is_staff=True, is_active=False
    )
    former.user_permissions.add(Permission.objects.get(codename="delete_user"))

    response = change_colleague(local_client, former, is_active="on")

    former.refresh_from_db()
    assert response.status_code == 403
    assert not former.is_active


def test_a_site_administrator_may_make_another_site_administrator(local_client, officer):
    change_colleague(local_client, officer, groups=[group("Site administrator").pk])

    assert officer.has_perm("auth.change_user")


def test_a_superuser_may_make_a_superuser(client, superuser, officer):
    client.force_login(superuser)

    change_colleague(client, officer, is_superuser="on")

    officer.refresh_from_db()
    assert officer.is_superuser


def test_a_site_administrator_lifts_a_sign_in_pause(local_client, officer):
    attempt = AccessAttempt.objects.create(
        username=officer.username,
        ip_address="198.51.100.7",
        user_agent="test",
        failures_since_start=10,
        attempt_time=timezone.now(),
    )

    response = local_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    # Not "page": pytest-playwright would take it for its browser page, run the test once
    # per browser and move the browser tests, which empty the database, in among these.
    "address_of",
    [
        pytest.param(lambda user: USERS, id="list"),
        pytest.param(lambda user: ADD_USER, id="add"),
        pytest.param(change_url, id="change"),
        pytest.param(password_url, id="password"),
    ],
)
def test_the_user_pages_need_no_inline_script_or_style(local_client, officer, address_of):
    """The Content-Security-Policy refuses inline scripts, styles and event handlers."""
    response = local_client.get(address_of(officer))

    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.findall(r"""\s(?:style|on[a-z]+)=["']""", html) == []


def test_with_two_factor_sign_in_on_the_local_account_adds_a_colleague(
    settings, client, local_account
):
    settings.OTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=local_account, name="Phone", confirmed=True)
    local_account.set_password(PASSWORD)
    local_account.save()
    client.post(
        reverse("admin:login"),
        {"username": "officer", "password": PASSWORD, "otp_token": f"{totp(device.bin_key):06d}"},
    )

    response = add_colleague(client, "nina", "LEP officer")

    assert response.status_code == 302
    assert User.objects.get(username="nina").groups.get().name == "LEP officer"


def test_the_command_adds_an_officer_who_signs_in_with_the_printed_password(db):
    out = StringIO()
    call_command("add_colleague", "nina", "--group", "LEP officer", stdout=out)

    password = re.search(r"with the password: (\S+)", out.getvalue()).group(1)
    nina = User.objects.get(username="nina")
    assert (nina.is_staff, nina.is_superuser) == (True, False)
    assert list(nina.groups.values_list("name", flat=True)) == ["LEP officer"]
    assert signs_in("nina", password)
    assert "manage.py add_totp_device nina" in out.getvalue()


def test_the_command_adds_an_approver_who_also_manages_colleagues(db):
    call_command(
        "add_colleague",
        "paul",
        "--group=Approver",
        "--group=Site administrator",
        "--email=paul@example.org",
        stdout=StringIO(),
    )

    paul = User.objects.get(username="paul")
    assert paul.email == "paul@example.org"
    assert paul.has_perm("targets.publish_observation")
    assert paul.has_perm("auth.add_user")


def test_the_command_changes_nothing_for_a_misspelt_group(db):
    with pytest.raises(CommandError, match="There is no group “Approvers”"):
        call_command("add_colleague", "paul", "--group=Approvers", "--group=LEP officer")

    assert not User.objects.filter(username="paul").exists()
