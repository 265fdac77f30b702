import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory


def sign_in(password):
    # As the admin's sign-in form does: django-axes needs the request to check for a lock.
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username="officer", password=password)


def run_command() -> str:
    out = StringIO()
    call_command("create_local_officer", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_creates_an_officer_who_can_sign_in_with_the_printed_password():
    output = run_command()

    password = re.search(r"with the password: (\S+)", output).group(1)
    user = sign_in(password)
    assert user is not None
    assert user.is_staff
    assert not user.is_superuser
    assert sorted(user.groups.values_list("name", flat=True)) == [
        "Approver",
        "LEP officer",
        "Site administrator",
    ]
    assert user.has_perm("targets.publish_observation")
    assert user.has_perm("auth.add_user"), "it can add colleagues"


@pytest.mark.django_db
def test_running_it_again_keeps_the_account_and_prints_no_password():
    first = run_command()
    password = re.search(r"with the password: (\S+)", first).group(1)

    second = run_command()

    assert "already exists" in second
    assert password not in second
    assert get_user_model().objects.filter(username="officer").count() == 1
    assert sign_in(password) is not None


@pytest.mark.django_db
def test_an_account_made_before_the_site_administrator_group_is_put_in_it():
    first = run_command()
    password = re.search(r"with the password: (\S+)", first).group(1)
    user = get_user_model().objects.get(username="officer")
    user.groups.remove(Group.objects.get(name="Site administrator"))

    second = run_command()

    assert "Added it to: Site administrator." in second
    assert password not in second
    assert user.groups.filter(name="Site administrator").exists()
    assert sign_in(password) is not None


@pytest.mark.django_db
def test_the_password_hint_is_a_command_that_runs_locally():
    run_command()

    assert "DEBUG=true .venv/bin/python manage.py changepassword officer" in run_command()


@pytest.mark.django_db
def test_each_new_account_gets_a_different_password():
    first = re.search(r"password: (\S+)", run_command()).group(1)
    get_user_model().objects.all().delete()
    second = re.search(r"password: (\S+)", run_command()).group(1)

    assert first != second
