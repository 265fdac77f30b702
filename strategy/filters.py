"""Filters that every app's API resources share: references by slug, search, booleans,
and the limits on what a query may ask."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_slug
from django_filters import rest_framework as filters
from rest_framework import filters as drf_filters
from rest_framework.exceptions import ValidationError

# A search is a handful of words: each term is a condition on every search field, so
# hundreds of them make a query that is slow everywhere and too large for SQLite.
SEARCH_MAX_TERMS = 10
# No filter, search or ordering of this site needs more: a slug, a date, a few words.
QUERY_VALUE_MAX_LENGTH = 200


def too_many_search_terms(terms: list[str]) -> str | None:
    """Why a search with these terms is refused, or None."""
    if len(terms) > SEARCH_MAX_TERMS:
        return f"Search must be at most {SEARCH_MAX_TERMS} words or phrases (this has {len(terms)})"
    return None


def validate_search_terms(text: str) -> None:
    """A form's validator: the search split as DRF splits it (spaces and commas, "quoted
    phrases" whole) has at most SEARCH_MAX_TERMS terms."""
    refusal = too_many_search_terms(drf_filters.search_smart_split(text))
    if refusal:
        raise DjangoValidationError(refusal, code="too_many_terms")


class QueryLimits(drf_filters.BaseFilterBackend):
    """Refuses a query parameter longer than QUERY_VALUE_MAX_LENGTH with a 400 naming it,
    before any other filter reads it. First of the filter backends."""

    def filter_queryset(self, request, queryset, view):
        for name, values in request.query_params.lists():
            if any(len(value) > QUERY_VALUE_MAX_LENGTH for value in values):
                raise ValidationError(
                    {name: [f"Ensure this value has at most {QUERY_VALUE_MAX_LENGTH} characters."]}
                )
        return queryset


class SlugFilter(filters.CharFilter):
    """A related record's slug: an unknown slug matches nothing, and text that could not
    be a slug is a 400 naming the parameter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_slug])
        super().__init__(*args, **kwargs)


class SearchFilter(drf_filters.SearchFilter):
    """DRF's search, at most SEARCH_MAX_TERMS terms, with a refused search reported under
    the parameter's name."""

    def get_search_terms(self, request):
        try:
            terms = super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from error
        refusal = too_many_search_terms(terms)
        if refusal:
            raise ValidationError({self.search_param: [f"{refusal}."]})
        return terms


def boolean_filter(**kwargs) -> filters.TypedChoiceFilter:
    """`true` or `false`, and a 400 for anything else (django-filter would ignore it)."""
    return filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        **kwargs,
    )
