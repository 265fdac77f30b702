"""What the schema declares that drf-spectacular cannot tell from the views."""

from strategy.filters import QUERY_VALUE_MAX_LENGTH
from strategy.site.api.csv import BOM_PARAMETER, CSVRenderer

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
CSV = {
    "type": "string",
    "description": "RFC 4180 CSV with a header row, then one row per record (a list is "
    "never paged); a nested field's keys are `outer.inner` columns.",
}
# Any text without a NUL character (DRF's CharField refuses it).
NO_NUL = "^[^\\u0000]*$"
BAD_REQUEST = {
    "description": "The problems per field or parameter, or one detail (e.g. unreadable JSON).",
    "anyOf": [DETAIL, FIELD_ERRORS],
}


READS = {"get", "head"}
WRITES = {"post", "put", "patch", "delete"}
RETRY_AFTER = {
    "Retry-After": {
        "description": "How many seconds to wait before asking again.",
        "required": True,
        "schema": {"type": "integer"},
    }
}


def declare_error_responses(result, generator, request, public):
    """Declare in the schema who may call each endpoint and every error it may answer, as
    strategy/site/api/errors.py answers them: tests/site/test_api_error_declarations.py
    makes each declared error happen and checks its body against the declaration."""
    for method, operation in _operations(result):
        if method in READS:
            # ReadOrModelPermissions: anyone may read (drf-spectacular cannot tell).
            security = operation.setdefault("security", [])
            if {} not in security:
                security.append({})
        responses = operation.setdefault("responses", {})
        # Any request may carry too many parameters, and most take some.
        responses.setdefault("400", _response("Bad input.", BAD_REQUEST))
        # A wrong token is refused on any request.
        responses.setdefault("401", _response("Not signed in, or a bad token.", DETAIL))
        if method in WRITES:
            responses.setdefault("403", _response("Not allowed.", DETAIL))
        responses.setdefault("404", _response("Not found, or a page past the last.", DETAIL))
        responses.setdefault(
            "406",
            _response(
                "The Accept header names no format this answer comes in (JSON, or CSV "
                "where `format=csv` is offered).",
                DETAIL,
            ),
        )
        if method in WRITES:
            # Django refuses it before the API reads it (DATA_UPLOAD_MAX_MEMORY_SIZE).
            responses.setdefault(
                "413", _response("The request body is larger than the API accepts.", DETAIL)
            )
        if method in READS:
            # Only anonymous requests are throttled (API_ANON_RATE), and only reads are
            # open to them: an anonymous write is a 401 before it is counted.
            too_many = _response("Too many requests from this address: retry later.", DETAIL)
            responses.setdefault("429", {**too_many, "headers": RETRY_AFTER})
    return result


def declare_request_bodies(result, generator, request, public):
    """What every write refuses, said in its body's schema.

    A field the record does not have, or may not write, is a 400
    (strategy.api.RefusesUnknownFields): `additionalProperties: false`, so that a
    generated client cannot send one. And DRF refuses text holding a NUL character: a
    pattern says so."""
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False
            for field in schema.get("properties", {}).values():
                if field.get("type") == "string" and not {"format", "enum"} & set(field):
                    field.setdefault("pattern", NO_NUL)
    return result


def declare_query_limits(result, generator, request, public):
    """What strategy.filters.QueryLimits and the filters accept of any query parameter.

    An optional one sent empty (`?target=`) is as if it were left out, as django-filter
    and DRF's pagination read it: the schema says so, so that the empty string, which is
    not a date, is not taken for a refusal the API owes. And no text value is longer than
    QUERY_VALUE_MAX_LENGTH."""
    for _method, operation in _operations(result):
        for parameter in operation.get("parameters", []):
            if parameter.get("in") != "query":
                continue
            if not parameter.get("required"):
                parameter["allowEmptyValue"] = True
            schema = parameter.get("schema", {})
            if schema.get("type") == "string" and "enum" not in schema:
                # A copy: a filter's declared schema may be shared by several parameters.
                parameter["schema"] = {"maxLength": QUERY_VALUE_MAX_LENGTH, **schema}
    return result


def declare_nulls_strictly(result, generator, request, public):
    """Say `null` where it may come in a way that strict OpenAPI 3.0 validators and code
    generators accept.

    drf-spectacular wraps a nullable reference as `{"nullable": true, "allOf": [{"$ref"}]}`,
    but in OpenAPI 3.0 `nullable` only widens a `type` beside it, so such validators refuse
    the `null` the API answers (`"baseline": null`): offer `null` as its own choice, as
    drf-spectacular does for a nullable choice field. And a blank-or-URL field is "one of"
    two strings of which the empty string matches both: it is "any of" them.
    """
    for schema in _schemas(result):
        choices = schema.get("allOf", [])
        if schema.get("nullable") and len(choices) == 1 and "$ref" in choices[0]:
            schema["oneOf"] = [schema.pop("allOf")[0], {"$ref": _null_enum(result)}]
        choices = schema.get("oneOf", [])
        if len(choices) > 1 and all(choice.get("type") == "string" for choice in choices):
            schema["anyOf"] = schema.pop("oneOf")
    return result


def declare_csv_responses(result, generator, request, public):
    """A CSV answer is text, whole: not the JSON page drf-spectacular copies for every
    renderer (strategy/site/api/csv.py)."""
    for _method, operation in _operations(result):
        for response in operation.get("responses", {}).values():
            if "text/csv" in response.get("content", {}):
                response["content"]["text/csv"] = {"schema": CSV}
    return result


def _operations(result):
    """Each operation of the document, with its method."""
    for path_item in result.get("paths", {}).values():
        yield from path_item.items()


def _null_enum(result) -> str:
    result.setdefault("components", {}).setdefault("schemas", {})["NullEnum"] = {"enum": [None]}
    return "#/components/schemas/NullEnum"


def _schemas(node):
    """Every schema object in the document, nested ones included."""
    if isinstance(node, dict):
        yield node
        for value in list(node.values()):
            yield from _schemas(value)
    elif isinstance(node, list):
        for value in list(node):
            yield from _schemas(value)


def _response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def declare_csv_parameters(result, generator, request, public):
    """Declare `?bom=` wherever CSV is offered: the renderer reads it, not a filter, so
    drf-spectacular cannot see it."""
    for method, operation in _operations(result):
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        if method == "get" and CSVRenderer.media_type in content:
            operation.setdefault("parameters", []).append(BOM_QUERY_PARAMETER)
    return result


BOM_QUERY_PARAMETER = {
    "name": BOM_PARAMETER,
    "in": "query",
    "required": False,
    "description": "With `format=csv`: `0` leaves out the UTF-8 byte-order mark that the "
    "download otherwise starts with (so that spreadsheets read it as UTF-8).",
    "schema": {
        "type": "string",
        "enum": list(CSVRenderer.query_parameters[BOM_PARAMETER]),
        "default": "1",
    },
}
