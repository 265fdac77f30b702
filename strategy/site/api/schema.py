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


def declare_csv_parameters(result, generator, request, public):
    """Declare `?bom=` wherever CSV is offered: the renderer reads it, not a filter, so
    drf-spectacular cannot see it."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            if method != "get" or CSVRenderer.media_type not in content:
                continue
            operation.setdefault("parameters", []).append(BOM_QUERY_PARAMETER)
    return result


BOM_QUERY_PARAMETER = {
    "name": BOM_PARAMETER,
    "in": "query",
    "required": False,
    "description": "With `format=csv`: `0` leaves out the UTF-8 byte-order mark that the "
    "download otherwise starts with (so that spreadsheets read it as UTF-8).",
    "schema": {"type": "string", "enum": ["0", "1"], "default": "1"},
}
