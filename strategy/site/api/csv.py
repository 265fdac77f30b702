"""CSV downloads of any resource (`?format=csv`), safe to open in a spreadsheet."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.conf import settings
from rest_framework import renderers, serializers

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV file without a byte-order mark in the computer's own code page, and
# shows "£" as "Â£"; `?bom=0` leaves the mark out for tools that would keep it as text.
BOM = "\ufeff"
BOM_PARAMETER = "bom"
# Between the items of a list in one cell (a strategy's aims, a body's members).
LIST_SEPARATOR = "; "


class CSVRenderer(renderers.BaseRenderer):
    """RFC 4180 CSV, one row per record, nested fields as `outer.inner` columns, and a
    list of objects that would not read in one cell (`strategy.api.CountedInCSV`) as how
    many.

    Text that a spreadsheet would run as a formula is prefixed with an apostrophe;
    numbers, including negative ones, stay numbers, written as the JSON writes them. The
    file starts with a UTF-8 byte-order mark unless `?bom=0`.
    """

    media_type = "text/csv"
    format = "csv"
    # The options of a download, with their values, which every resource offering CSV
    # accepts (strategy/filters.py refuses any other value).
    query_parameters = {BOM_PARAMETER: ("0", "1")}
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
        counted = counted_columns(view)
        if response is not None and view is not None and response.status_code < 400:
            response["Content-Disposition"] = f'attachment; filename="{view.basename}.csv"'
            response["Link"] = licence_link()
        request = renderer_context.get("request")
        with_bom = request is None or request.query_params.get(BOM_PARAMETER) != "0"
        out = io.StringIO()
        if with_bom:
            out.write(BOM)
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            flat = flatten(row) if isinstance(row, dict) else {"detail": row}
            writer.writerow(
                [
                    cell(count(flat.get(column)) if column in counted else flat.get(column))
                    for column in columns
                ]
            )
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


def counted_columns(view) -> set[str]:
    """The columns whose lists are written as how many items they hold. Told by the
    field's `counted_in_csv`, not its class: strategy.api imports DRF's views, which
    import this renderer."""
    if getattr(view, "get_serializer", None) is None:
        return set()
    fields = view.get_serializer().fields
    return {name for name, field in fields.items() if getattr(field, "counted_in_csv", False)}


def count(value):
    return len(value) if isinstance(value, list) else value


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
        return LIST_SEPARATOR.join(cell(item) for item in value)
    if isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{key}: {cell(item)}" for key, item in value.items())
    if isinstance(value, Decimal):
        # As DRF's JSON encoder writes a decimal (COERCE_DECIMAL_TO_STRING is off): 73.46,
        # not 73.460000, so that both formats give the same figure.
        return repr(float(value))
    if isinstance(value, int | float):
        return repr(value)
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
