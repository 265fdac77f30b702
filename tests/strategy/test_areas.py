"""Areas: the places figures are for, named by their GSS codes, and how imports build an
area's figures from its parts."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategy.models import Area

pytestmark = pytest.mark.django_db


def test_a_derived_area_is_its_parts_less_what_it_excludes(england_excluding_london):
    assert england_excluding_london.code_terms == "E92000001 -E12000007"


def test_an_area_made_of_authorities_adds_them_up(north_east):
    assert north_east.code_terms == (
        "E06000047 E08000037 E08000021 E08000022 E06000057 E08000023 E08000024"
    )


def test_an_area_without_parts_is_its_own_code():
    england = Area.objects.create(name="England", code="E92000001", kind=Area.Kind.NATION)

    assert england.code_terms == "E92000001"


@pytest.mark.parametrize("code", ["E9200001", "e92000001", "X92000001", "E92000001 "])
def test_a_code_that_is_not_a_gss_code_is_refused_in_words(code):
    area = Area(name="England", code=code, kind=Area.Kind.NATION)

    with pytest.raises(ValidationError) as refused:
        area.full_clean()

    assert (
        "A GSS code is a letter (E, K, N, S or W) and eight digits, e.g. E06000047."
        in refused.value.message_dict["code"]
    )


def test_two_areas_may_not_share_a_code():
    Area.objects.create(name="England", code="E92000001", kind=Area.Kind.NATION)

    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(name="England again", code="E92000001", kind=Area.Kind.NATION)

    assert Area.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "kind"),
    [("", Area.Kind.NATION), ("E92000001", Area.Kind.DERIVED)],
    ids=["a-nation-without-a-code", "a-derived-area-with-one"],
)
def test_only_a_derived_area_goes_without_a_code(code, kind):
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(name="Somewhere", code=code, kind=kind)

    assert not Area.objects.exists()


def test_many_derived_areas_may_share_the_empty_code(england_excluding_london):
    Area.objects.create(name="England excluding the South East", kind=Area.Kind.DERIVED)

    assert Area.objects.filter(code="").count() == 2
