"""Every public table in one zip, as CSV, with a Frictionless Data Package
(`datapackage.json`) that describes each table's fields and the licence.

Each table is the resource's own list as an anonymous reader gets it with `?format=csv`:
the same viewset, queryset, serializer and CSV renderer, so there is no second definition
of any table to keep in step.
"""

import inspect
import io
import json
import zipfile

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from strategy.api import CountedInCSV
from strategy.site.api.caching import cache_headers
from strategy.site.api.csv import BOM_PARAMETER, CSVRenderer, licence_link
from strategy.site.response_cache import cached_response

FILE_NAME = "strategy-tracker.zip"

# Frictionless Table Schema types of the serializers' fields; anything else is a string.
FIELD_TYPES = [
    (serializers.BooleanField, "boolean"),
    (serializers.IntegerField, "integer"),
    (serializers.DecimalField, "number"),
    (serializers.FloatField, "number"),
    (serializers.DateTimeField, "datetime"),
    (serializers.DateField, "date"),
]


class ZipRenderer(renderers.BaseRenderer):
    """Lets DRF's content negotiation accept a request for the zip."""

    media_type = "application/zip"
    format = "zip"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class BulkDownloadView(APIView):
    """Every published table as CSV in one zip, with a Frictionless Data Package
    (datapackage.json) describing each table's fields and the licence. The tables hold
    exactly what anonymous readers of the API see."""

    renderer_classes = [ZipRenderer]
    # The resources to include, as the router registers them (strategy/site/api/urls.py).
    registry: list = []

    @extend_schema(
        responses={
            (200, ZipRenderer.media_type): OpenApiResponse(
                OpenApiTypes.BINARY, description="A zip of CSV files and datapackage.json."
            )
        }
    )
    def get(self, request, *args, **kwargs):
        return cached_response(request, lambda: cache_headers(request, self.download()))

    def download(self) -> HttpResponse:
        archive = io.BytesIO()
        resources = []
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for _prefix, viewset, basename in self.registry:
                view, rows = public_list(viewset, basename)
                csv_bytes = CSVRenderer().render(
                    rows, renderer_context={"view": view, "request": view.request}
                )
                path = f"{basename}.csv"
                zipped.writestr(path, csv_bytes)
                resources.append(table_resource(view, basename, path, rows))
            zipped.writestr("datapackage.json", json.dumps(data_package(resources), indent=2))
        response = HttpResponse(archive.getvalue(), content_type=ZipRenderer.media_type)
        response["Content-Disposition"] = f'attachment; filename="{FILE_NAME}"'
        response["Link"] = licence_link()
        return response


def public_list(viewset, basename):
    """The resource's whole list as an anonymous reader gets it: its viewset's queryset,
    default filters and ordering, and serializer."""
    anonymous = HttpRequest()
    anonymous.method = "GET"
    anonymous.GET = QueryDict(f"format=csv&{BOM_PARAMETER}=0")
    # No authenticators: the request is anonymous whoever asked for the zip.
    request = Request(anonymous, authenticators=())
    view = viewset(request=request, format_kwarg=None, args=(), kwargs={})
    view.action = "list"
    view.basename = basename
    queryset = view.filter_queryset(view.get_queryset())
    return view, view.get_serializer(queryset, many=True).data


def table_resource(view, basename: str, path: str, rows) -> dict:
    """A Data Package resource for one table: its file and its fields, in the CSV's order."""
    serializer = view.get_serializer()
    columns = CSVRenderer().columns(view, rows)
    return {
        "name": basename,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": inspect.getdoc(view) or "",
        "schema": {"fields": [table_field(serializer, column) for column in columns]},
    }


def table_field(serializer, column: str) -> dict:
    """A column's name, type and description, from the serializer field it comes from
    (`outer.inner` for a nested one)."""
    field = serializer
    for part in column.split("."):
        fields = getattr(field, "fields", None)
        field = fields.get(part) if fields is not None else None
        if field is None:
            break
    described = {"name": column, "type": field_type(field)}
    description = (
        getattr(field, "csv_help_text", None)
        or getattr(field, "help_text", None)
        or getattr(field, "label", None)
    )
    if isinstance(field, serializers.ManyRelatedField | serializers.ListField):
        description = f"{description or column} (a list, separated by “; ”)"
    if description:
        described["description"] = str(description)
    if column in MEASURED:
        described["unit"] = "the target's unit (the unit column)"
    return described


# The figures whose unit is the target's, named row by row in the `unit` column.
MEASURED = {"value", "comparator_value", "subset_value", "confidence_lower", "confidence_upper"}


def field_type(field) -> str:
    if isinstance(field, CountedInCSV):
        return "integer"
    if isinstance(field, serializers.SerializerMethodField):
        # The type the method declares for the schema (extend_schema_field), if any.
        method = getattr(field.parent, field.method_name, None)
        field = getattr(method, "_spectacular_annotation", {}).get("field")
    for kind, name in FIELD_TYPES:
        if isinstance(field, kind):
            return name
    return "string"


def data_package(resources: list[dict]) -> dict:
    licence = settings.DATA_LICENCE
    return {
        "profile": "tabular-data-package",
        "name": "strategy-tracker",
        "title": "Strategy tracker: every published table",
        "description": settings.DATA_ATTRIBUTION,
        "licenses": [{"name": "OGL-UK-3.0", "path": licence["url"], "title": licence["name"]}],
        "resources": resources,
    }
