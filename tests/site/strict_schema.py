"""The API's OpenAPI 3.0 schemas as strict JSON Schemas, as a partner's code generator
reads them, for the tests that check answers and examples against them."""


def strict(schema: dict, components: dict, *, all_required: bool = True) -> dict:
    """The OpenAPI 3.0 schema as a JSON Schema (draft 4, as OpenAPI 3.0's booleans for
    exclusiveMaximum are) that refuses undeclared fields and, in an answer, missing ones
    (`all_required`); a request body needs only the fields it declares required."""
    if "$ref" in schema:
        return strict(
            components[schema["$ref"].rsplit("/", 1)[1]], components, all_required=all_required
        )
    converted = {}
    for key, value in schema.items():
        if key in {"allOf", "oneOf", "anyOf"}:
            converted[key] = [strict(item, components, all_required=all_required) for item in value]
        elif key == "items":
            converted[key] = strict(value, components, all_required=all_required)
        elif key == "properties":
            converted[key] = {
                name: strict(item, components, all_required=all_required)
                for name, item in value.items()
            }
        elif key not in {"nullable", "readOnly", "writeOnly", "format", "example"}:
            converted[key] = value
    if schema.get("nullable") and "type" in schema:
        converted["type"] = [schema["type"], "null"]
    if "properties" in schema and all_required:
        converted["required"] = list(schema["properties"])
    if "properties" in schema:
        converted.setdefault("additionalProperties", False)
    return converted
