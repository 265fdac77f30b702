"""The API's OpenAPI 3.0 schemas as strict JSON Schemas, as a partner's code generator
reads them, for the tests that check answers and examples against them."""


def strict(schema: dict, components: dict) -> dict:
    """The OpenAPI 3.0 schema as a JSON Schema (draft 4, as OpenAPI 3.0's booleans for
    exclusiveMaximum are) that refuses undeclared and missing fields."""
    if "$ref" in schema:
        return strict(components[schema["$ref"].rsplit("/", 1)[1]], components)
    converted = {}
    for key, value in schema.items():
        if key in {"allOf", "oneOf", "anyOf"}:
            converted[key] = [strict(item, components) for item in value]
        elif key == "items":
            converted[key] = strict(value, components)
        elif key == "properties":
            converted[key] = {name: strict(item, components) for name, item in value.items()}
        elif key not in {"nullable", "readOnly", "writeOnly", "format", "example"}:
            converted[key] = value
    if schema.get("nullable") and "type" in schema:
        converted["type"] = [schema["type"], "null"]
    if "properties" in schema:
        converted["required"] = list(schema["properties"])
        converted.setdefault("additionalProperties", False)
    return converted
