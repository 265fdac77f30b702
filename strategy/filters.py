"""Filters that every app's API resources share: references by slug, search, booleans,
and the limits on what a query may ask."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_slug
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters as drf_filters
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

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
    """Refuses, with a 400 naming them, the query parameters a resource does not document
    (a misspelt filter would otherwise pass silently and answer everything) and values
    longer than QUERY_VALUE_MAX_LENGTH, before any other filter reads them. First of the
    filter backends."""

    def filter_queryset(self, request, queryset, view):
        known = known_parameters(view)
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            choices = ", ".join(sorted(known))
            raise ValidationError(
                {name: [f"Unknown parameter: this resource takes {choices}."] for name in unknown}
            )
        for name, values in request.query_params.lists():
            if any(len(value) > QUERY_VALUE_MAX_LENGTH for value in values):
                raise ValidationError(
                    {name: [f"Ensure this value has at most {QUERY_VALUE_MAX_LENGTH} characters."]}
                )
        for name, allowed in format_options(view).items():
            # An empty value is no value, as for the filters.
            values = [value for value in request.query_params.getlist(name) if value]
            if any(value not in allowed for value in values):
                raise ValidationError({name: [f"Must be {' or '.join(allowed)}."]})
        return queryset


def known_parameters(view) -> set[str]:
    """The query parameters a resource documents: its filters, ordering and search, its
    pages, the format and the format's own options."""
    known = {api_settings.URL_FORMAT_OVERRIDE}
    paginator = getattr(view, "paginator", None)
    for name in ("page_query_param", "page_size_query_param"):
        if getattr(paginator, name, None):
            known.add(getattr(paginator, name))
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        known |= set(filterset_class.base_filters)
    for backend in view.filter_backends:
        for name in ("ordering_param", "search_param"):
            if getattr(backend, name, None):
                known.add(getattr(backend, name))
    return known | set(format_options(view))


def format_options(view) -> dict[str, tuple[str, ...]]:
    """The options that the resource's formats take, with their values, such as the CSV
    download's `bom`: the renderers declare them, as `query_parameters`."""
    options = {}
    for renderer in getattr(view, "renderer_classes", ()):
        options.update(getattr(renderer, "query_parameters", {}))
    return options


class OrderingFilter(drf_filters.OrderingFilter):
    """DRF's ordering, but a field that cannot be ordered by is a 400 naming it (DRF
    would silently ignore it), and the schema lists the fields."""

    def get_ordering(self, request, queryset, view):
        """Exactly what the schema declares: terms the resource offers (a field, maybe
        after -), joined by commas, no more of them than it has fields. DRF would also
        take spaces, empty terms and any number of terms."""
        text = request.query_params.get(self.ordering_param, "")
        if text:
            terms = text.split(",")
            offered = ordering_terms(view)
            invalid = [term for term in terms if term not in offered]
            if invalid:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot order by “{term}”: {ordering_choices(view)}."
                            for term in invalid
                        ]
                    }
                )
            if len(terms) > len(view.ordering_fields):
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"At most {len(view.ordering_fields)} terms: {ordering_choices(view)}."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        invalid = [term for term in fields if term and term not in valid]
        if invalid:
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Cannot order by “{term}”: {ordering_choices(view)}." for term in invalid
                    ]
                }
            )
        return valid

    def get_schema_operation_parameters(self, view):
        """A list of the fields, each maybe with - before it, joined by commas: what is
        accepted, as a generator can build it, rather than any string."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["description"] = f"The order of the results: {ordering_choices(view)}."
            parameter["schema"] = {
                "type": "array",
                "items": {"type": "string", "enum": ordering_terms(view)},
                "minItems": 1,
                "maxItems": len(view.ordering_fields),
            }
            parameter["style"] = "form"
            parameter["explode"] = False
        return parameters


def ordering_terms(view) -> list[str]:
    return [f"{sign}{field}" for field in view.ordering_fields for sign in ("", "-")]


def ordering_choices(view) -> str:
    return (
        f"one or more of {', '.join(view.ordering_fields)}, separated by commas, with - "
        "before a field for descending order"
    )


# What validate_slug accepts, as a schema's pattern (strategy/api.py's SLUG_PATTERN,
# which imports this module).
SLUG_SCHEMA = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}


@extend_schema_field(SLUG_SCHEMA)
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
