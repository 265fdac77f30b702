"""CSV downloads of any resource (`?format=csv`), safe to open in a spreadsheet."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.conf import settings
from rest_framework import renderers, serializers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
            response["Link"] = licence_link()
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


def licence_link() -> str:
    """The licence the data is under, as a Link header (RFC 8288, rel "license"), so that
    a download saved on its own still says on what terms it may be reused."""
    return f'<{settings.DATA_LICENCE["url"]}>; rel="license"'


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
