"""Personas and data shared by every test."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command

from strategy.models import Area, Strategy
from targets.models import Target

PASSWORD = "a-long-test-password-1"
SEVEN_AUTHORITIES = [
    ("County Durham", "E06000047"),
    ("Gateshead", "E08000037"),
    ("Newcastle upon Tyne", "E08000021"),
    ("North Tyneside", "E08000022"),
    ("Northumberland", "E06000057"),
    ("South Tyneside", "E08000023"),
    ("Sunderland", "E08000024"),
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests sign in hundreds of times; production's slow hash only makes them slower."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing cached, whatever the tests before it computed.

    The "shared" cache, in the database, holds only the data version, which a test's
    rollback restores; responses kept under another test's version are cleared here.
    """
    cache.clear()
    caches["responses"].clear()


def _staff_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def officer(db, django_user_model):
    """A LEP officer: keeps content and enters draft figures."""
    return _staff_user(django_user_model, "olivia-officer", "LEP officer")


@pytest.fixture
def approver(db, django_user_model):
    """A senior officer who may also publish figures."""
    return _staff_user(django_user_model, "alex-approver", "Approver")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="sam-superuser", password=PASSWORD, email="sam@example.org"
    )


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def approver_client(client, approver):
    client.force_login(approver)
    return client


@pytest.fixture
def seed(db):
    """The whole seed strategy, as `make run` loads it."""
    call_command("loaddata", "seed", verbosity=0)


@pytest.fixture
def england_excluding_london(db):
    """The comparator of the gap targets: England less London."""
    england = Area.objects.create(name="England", code="E92000001", kind=Area.Kind.NATION)
    london = Area.objects.create(name="London", code="E12000007", kind=Area.Kind.REGION)
    area = Area.objects.create(name="England excluding London", kind=Area.Kind.DERIVED)
    area.parts.set([england])
    area.excluding.set([london])
    return area


@pytest.fixture
def north_east(db):
    """The North East LEP area and its seven local authorities, as the seed has them."""
    authorities = [
        Area.objects.create(name=name, code=code, kind=Area.Kind.LOCAL_AUTHORITY)
        for name, code in SEVEN_AUTHORITIES
    ]
    area = Area.objects.create(
        name="North East LEP area", code="E37000025", kind=Area.Kind.LEP_AREA
    )
    area.parts.set(authorities)
    return area


@pytest.fixture
def plan(db):
    """A strategy with no targets yet."""
    return Strategy.objects.create(
        slug="test-plan",
        title="Test Economic Plan",
        kind=Strategy.Kind.ECONOMIC_PLAN,
        publisher="Test LEP",
        status=Strategy.Status.PUBLISHED,
        summary="A plan for tests.",
    )


@pytest.fixture
def make_target(plan):
    """Build a target of any kind; defaults give a valid count target."""

    def make(**fields):
        values = {
            "strategy": plan,
            "slug": "more-jobs",
            "title": "Increase the number of jobs by 100,000 by 2024",
            "short_title": "More jobs",
            "kind": Target.Kind.INCREASE,
            "parameter": Decimal(100000),
            "indicator": "Employment in all jobs",
            "unit": "jobs",
            "value_type": Target.ValueType.COUNT,
            "baseline_date": datetime.date(2014, 3, 31),
            "target_date": datetime.date(2024, 3, 31),
            "source": "APS workplace analysis",
        }
        values.update(fields)
        return Target.objects.create(**values)

    return make


@pytest.fixture
def rate_target(make_target, england_excluding_london):
    """A gap target on a percentage, measured against a comparator."""
    return make_target(
        slug="employment-rate",
        title="Close the gap with England excluding London in the employment rate",
        short_title="Employment rate",
        kind=Target.Kind.CLOSE_GAP,
        parameter=Decimal(1),
        indicator="Employment rate, aged 16-64",
        unit="%",
        value_type=Target.ValueType.PERCENTAGE,
        comparator=england_excluding_london,
        gap_measure=Target.GapMeasure.DIFFERENCE,
        baseline_date=datetime.date(2014, 12, 31),
        target_date=datetime.date(2024, 12, 31),
        source="APS",
    )
