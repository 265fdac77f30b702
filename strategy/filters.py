"""Filters that every app's API resources share: references by slug, search, booleans."""

from django.core.validators import validate_slug
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters as drf_filters
from rest_framework.exceptions import ValidationError


class SlugFilter(filters.CharFilter):
    """A related record's slug: an unknown slug matches nothing, and text that could not
    be a slug is a 400 naming the parameter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_slug])
        super().__init__(*args, **kwargs)


class SearchFilter(drf_filters.SearchFilter):
    """DRF's search, with a refused search term reported under the parameter's name."""

    def get_search_terms(self, request):
        try:
            return super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from error


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanFilter(filters.TypedChoiceFilter):
    """A boolean in the schema, whose choices are the words `true` and `false`."""


def boolean_filter(**kwargs) -> filters.TypedChoiceFilter:
    """`true` or `false`, and a 400 for anything else (django-filter would ignore it)."""
    return BooleanFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        **kwargs,
    )
