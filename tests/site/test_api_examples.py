"""The schema's examples are real: each answer's example is what its own schema allows
and, for the main reads, the seed's own answer; each request's example is a write the
API accepts against the seed."""

import jsonschema
import pytest

from tests.site.strict_schema import strict


def examples(openapi):
    """Each example of the document: where it is, whether it is a request's, its schema
    and its value."""
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            for name, example in (body or {}).get("examples", {}).items():
                yield f"{method} {path} request {name}", True, body["schema"], example["value"]
            for status, response in operation["responses"].items():
                content = response.get("content", {}).get("application/json", {})
                for name, example in content.get("examples", {}).items():
                    where = f"{method} {path} {status} {name}"
                    yield where, False, content["schema"], example["value"]


def example_of(openapi, path, method="get", status="200"):
    operation = openapi["paths"][path][method]
    if status == "request":
        content = operation["requestBody"]["content"]["application/json"]
    else:
        content = operation["responses"][status]["content"]["application/json"]
    (example,) = content["examples"].values()
    return example["value"]


def test_every_example_is_what_its_own_schema_allows(openapi):
    components = openapi["components"]["schemas"]
    found = list(examples(openapi))

    assert len(found) >= 12
    for where, is_request, schema, value in found:
        validator = jsonschema.Draft4Validator(
            strict(schema, components, all_required=not is_request)
        )
        assert not list(validator.iter_errors(value)), where


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/api/v1/targets/", "/api/v1/targets/"),
        ("/api/v1/observations/", "/api/v1/observations/"),
    ],
)
def test_a_lists_example_is_the_first_record_of_the_seeds_answer(
    client, seed, openapi, path, address
):
    example = example_of(openapi, path)

    answer = client.get(address).json()

    assert example["results"] == answer["results"][:1]


def test_an_observations_example_is_its_own_address_answer(client, seed, openapi):
    example = example_of(openapi, "/api/v1/observations/{id}/")

    assert client.get(f"/api/v1/observations/{example['id']}/").json() == example


def test_a_targets_example_is_its_own_address_answer_with_its_lists_cut(client, seed, openapi):
    example = example_of(openapi, "/api/v1/targets/{slug}/")

    answer = client.get(f"/api/v1/targets/{example['slug']}/").json()

    for records in ("terms", "observations", "assessments"):
        answer[records] = answer[records][:1]
    assert answer == example


def test_the_write_example_is_accepted_from_an_officer(client, seed, openapi, officer):
    body = example_of(openapi, "/api/v1/observations/", "post", "request")
    client.force_login(officer)

    response = client.post("/api/v1/observations/", body, content_type="application/json")

    assert response.status_code == 201, response.content
    created = response.json()
    assert {name: created[name] for name in body} == body
    jsonschema.Draft4Validator(
        strict(
            openapi["paths"]["/api/v1/observations/"]["post"]["responses"]["201"]["content"][
                "application/json"
            ]["schema"],
            openapi["components"]["schemas"],
        )
    ).validate(created)
