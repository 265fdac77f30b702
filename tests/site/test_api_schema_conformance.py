"""Every seeded answer of the API, checked strictly against the schema it publishes, as a
partner's code generator would read it: every field returned is declared, every declared
field is returned, and `null` only where the schema says nullable (OpenAPI 3.0: on the
schema that has the type)."""

import datetime

import jsonschema
import pytest
from django.core.cache import caches

from targets.models import Observation, Publishable, PublishedAssessment
from targets.publishing import save_record, withdraw
from tests.site.strict_schema import strict

RESOURCES = {
    "strategies": "north-east-sep",
    "grand-challenges": "ai-and-data-economy",
    "sector-deals": "automotive",
    "areas": "advanced-manufacturing",
    "targets": "employment-rate",
    "observations": 1,
    "assessments": 1,
    "propositions": "supply-chain-north-east",
    "organisations": "north-east-lep",
    "governance-bodies": "north-east-lep-board",
    "meetings": 1,
    "milestones": 1,
}
WITH_DRAFTS = ["observations", "assessments"]


@pytest.fixture
def drafts(seed):
    """A draft figure and a draft assessment, which only users who may change them see."""
    for model in (Observation, PublishedAssessment):
        record = model.objects.order_by("pk").first()
        record.pk = None
        record.state = Publishable.State.DRAFT
        record.period_end += datetime.timedelta(days=1)
        record.published_at = None
        record.save()


def response_schema(openapi, path):
    """The JSON schema of the operation's 200 answer, as a generator would take it."""
    operation = openapi["paths"][path]["get"]
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


def assert_conforms(client, openapi, resource):
    components = openapi["components"]["schemas"]
    caches["default"].clear()
    listed = client.get(f"/api/v1/{resource}/")
    assert listed.status_code == 200
    schema = strict(response_schema(openapi, f"/api/v1/{resource}/"), components)
    jsonschema.Draft4Validator(schema).validate(listed.json())
    assert listed.json()["results"], resource

    (detail_path,) = [
        path
        for path in openapi["paths"]
        if path.startswith(f"/api/v1/{resource}/{{") and path.count("/") == 5
    ]
    shown = client.get(f"/api/v1/{resource}/{RESOURCES[resource]}/")
    assert shown.status_code == 200
    schema = strict(response_schema(openapi, detail_path), components)
    jsonschema.Draft4Validator(schema).validate(shown.json())


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_seeded_answer_is_exactly_what_the_schema_declares(client, seed, openapi, resource):
    assert_conforms(client, openapi, resource)


@pytest.mark.parametrize("resource", WITH_DRAFTS)
def test_drafts_shown_to_an_approver_are_what_the_schema_declares(
    client, drafts, approver, openapi, resource
):
    client.force_login(approver)

    assert_conforms(client, openapi, resource)
    states = {record["state"] for record in client.get(f"/api/v1/{resource}/").json()["results"]}
    assert "draft" in states


def test_revised_and_withdrawn_records_shown_to_anyone_are_what_the_schema_declares(
    client, seed, approver, openapi
):
    revised = Observation.objects.get(target__slug="employment-rate", period_end="2019-09-30")
    revised.value += 1
    save_record(revised, approver, revision_reason="Reweighted to the 2021 Census")
    withdraw(
        [
            Observation.objects.get(target__slug="jobs", period_end="2019-09-30"),
            PublishedAssessment.objects.published().order_by("pk").first(),
        ],
        approver,
        "Published for the wrong period.",
    )
    components = openapi["components"]["schemas"]
    answers = {
        ("/api/v1/observations/{id}/", f"/api/v1/observations/{revised.pk}/"): "revisions",
        ("/api/v1/targets/{slug}/", "/api/v1/targets/employment-rate/"): "observations",
        ("/api/v1/observations/", "/api/v1/observations/?state=withdrawn"): "results",
        ("/api/v1/assessments/", "/api/v1/assessments/?state=withdrawn"): "results",
    }

    for (path, address), shown in answers.items():
        answer = client.get(address).json()
        assert answer[shown], address
        schema = strict(response_schema(openapi, path), components)
        jsonschema.Draft4Validator(schema).validate(answer)


def test_a_target_without_a_baseline_or_a_figure_is_what_the_schema_declares(client, seed, openapi):
    listed = client.get("/api/v1/targets/", {"page_size": 1000}).json()["results"]
    unmeasured = [target for target in listed if target["baseline"] is None]
    assert unmeasured, "the seed has a target with no baseline"
    schema = strict(openapi["components"]["schemas"]["Target"], openapi["components"]["schemas"])

    for target in unmeasured:
        jsonschema.Draft4Validator(schema).validate(target)


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/api/v1/strategies/", "/api/v1/strategies/"),
        ("/api/v1/propositions/", "/api/v1/propositions/"),
        ("/api/v1/propositions/{slug}/", "/api/v1/propositions/digital-free-zones/"),
    ],
)
def test_the_schemas_examples_are_the_seeds_own_answers(client, seed, openapi, path, address):
    content = openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    (example,) = [example["value"] for example in content["examples"].values()]
    answer = client.get(address).json()

    if "results" in answer:
        assert example["results"] == answer["results"][:1]
    else:
        assert example == answer
    schema = strict(content["schema"], openapi["components"]["schemas"])
    jsonschema.Draft4Validator(schema).validate(example)
