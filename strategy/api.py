"""What every part of the REST API shares: who may do what, pagination, CSV, errors,
and the schema's declared error responses. Each app's own resources are in its api.py;
strategy/api_router.py registers them all.
"""

import csv
import io
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.views import defaults
from django_filters import rest_framework as filters
from rest_framework import filters as drf_filters
from rest_framework import pagination, permissions, renderers, serializers
from rest_framework.exceptions import ValidationError

from strategy.response_cache import cached_response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# What a slug can be (Django's SlugField). Paths and references that cannot be a slug are
# refused before they reach the database: on PostgreSQL a NUL character in a lookup is a
# database error, not a miss.
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


class ReadOrModelPermissions(permissions.DjangoModelPermissions):
    """Anyone may read; writing needs an authenticated user with the model permission."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class CachedPublicReads:
    """Anonymous reads answered from the kept public responses (strategy/response_cache.py).

    Here in the view's handlers rather than around the view, so that DRF has already
    authenticated and throttled the request: API_ANON_RATE counts kept answers too.
    """

    def list(self, request, *args, **kwargs):
        return cached_response(
            request,
            lambda: super(CachedPublicReads, self).list(request, *args, **kwargs),
            ("Accept",),
        )

    def retrieve(self, request, *args, **kwargs):
        return cached_response(
            request,
            lambda: super(CachedPublicReads, self).retrieve(request, *args, **kwargs),
            ("Accept",),
        )


class SlugReference(serializers.SlugRelatedField):
    """A reference to another record by its slug; a value that cannot be a slug is
    refused as not found, without a query."""

    def to_internal_value(self, data):
        if isinstance(data, str) and not re.fullmatch(SLUG_PATTERN, data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return super().to_internal_value(data)


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 100 by default, `?page_size=` up to 1000; a CSV download is never paged."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is not None and renderer.format == CSVRenderer.format:
            return None
        return super().paginate_queryset(queryset, request, view)


class CSVRenderer(renderers.BaseRenderer):
    """RFC 4180 CSV, one row per record, nested fields as `outer.inner` columns.

    Text that a spreadsheet would run as a formula is prefixed with an apostrophe;
    numbers, including negative ones, stay numbers.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        view = renderer_context.get("view")
        response = renderer_context.get("response")
        columns = self.columns(view, rows)
        if response is not None and view is not None and response.status_code < 400:
            response["Content-Disposition"] = f'attachment; filename="{view.basename}.csv"'
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            flat = flatten(row) if isinstance(row, dict) else {"detail": row}
            writer.writerow([cell(flat.get(column)) for column in columns])
        return out.getvalue().encode(self.charset)

    def columns(self, view, rows) -> list[str]:
        """The serializer's fields in order, so that every download of a resource has the
        same columns; a field whose values are objects becomes one column per key."""
        found: dict[str, None] = {}
        for row in rows or []:
            found.update(dict.fromkeys(flatten(row) if isinstance(row, dict) else ["detail"]))
        if getattr(view, "get_serializer", None) is None or not _is_records(rows or []):
            return list(found)
        columns = []
        for name in serializer_columns(view.get_serializer()):
            nested = [key for key in found if key.startswith(f"{name}.")]
            columns += nested or [name]
        return columns


def _is_records(rows) -> bool:
    return all(isinstance(row, dict) and "detail" not in row for row in rows)


def serializer_columns(serializer, prefix: str = "") -> list[str]:
    columns = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if isinstance(field, serializers.Serializer):
            columns += serializer_columns(field, f"{prefix}{name}.")
        else:
            columns.append(f"{prefix}{name}")
    return columns


def flatten(row: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {cell(item)}" for key, item in value.items())
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except InvalidOperation:
        return False
    return text.strip() == text


def exception_handler(exc, context):
    """DRF's handler, plus the model's own validation errors as a 400 with field errors."""
    # Imported here: DRF's settings import this module while rest_framework.views loads.
    from rest_framework.views import exception_handler as drf_exception_handler

    request = context.get("request")
    if request is not None and getattr(request, "accepted_renderer", None) is not None:
        # An error is always JSON, as the schema documents, even for ?format=csv.
        request.accepted_renderer = renderers.JSONRenderer()
        request.accepted_media_type = renderers.JSONRenderer.media_type
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        )
    return drf_exception_handler(exc, context)


FIELD_ERRORS = {
    "type": "object",
    "description": "The name of each parameter or field with its problems.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
BAD_REQUEST = {
    "description": "The problems per field or parameter, or one detail (e.g. unreadable JSON).",
    "anyOf": [DETAIL, FIELD_ERRORS],
}


def declare_bad_request_responses(result, generator, request, public):
    """Declare in the schema who may call each endpoint and the errors it may answer."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in {"get", "head"}:
                # ReadOrModelPermissions: anyone may read (drf-spectacular cannot tell).
                security = operation.setdefault("security", [])
                if {} not in security:
                    security.append({})
            responses = operation.setdefault("responses", {})
            if operation.get("parameters") or method in {"post", "put", "patch"}:
                responses.setdefault("400", _response("Bad input.", BAD_REQUEST))
            # A wrong token is refused on any request.
            responses.setdefault("401", _response("Not signed in, or a bad token.", DETAIL))
            if method in {"post", "put", "patch", "delete"}:
                responses.setdefault("403", _response("Not allowed.", DETAIL))
            responses.setdefault("404", _response("Not found, or a page past the last.", DETAIL))
            responses.setdefault("429", _response("Too many requests: retry later.", DETAIL))
    return result


def _response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def not_found(request, exception=None):
    """Django's 404 page, but JSON under /api/ as the API documents (e.g. for a path that
    no route matches, such as a slug with a dot)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


class SearchFilter(drf_filters.SearchFilter):
    """DRF's search, with a refused search term reported under the parameter's name."""

    def get_search_terms(self, request):
        try:
            return super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from error


def boolean_filter(**kwargs) -> filters.TypedChoiceFilter:
    """`true` or `false`, and a 400 for anything else (django-filter would ignore it)."""
    return filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        **kwargs,
    )
