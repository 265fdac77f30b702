"""What the schema declares that drf-spectacular cannot tell from the views."""

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
BAD_REQUEST = {
    "description": "The problems per field or parameter, or one detail (e.g. unreadable JSON).",
    "anyOf": [DETAIL, FIELD_ERRORS],
}


def declare_bad_request_responses(result, generator, request, public):
    """Declare in the schema who may call each endpoint and the errors it may answer."""
    for method, operation in _operations(result):
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
