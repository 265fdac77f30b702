"""The README's "A partner's first five minutes" shows the seed's real answers: each
output it prints is checked against the API here, so a change to the API or the seed
that would make the README wrong fails."""

import csv
import io
import json
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"

pytestmark = pytest.mark.usefixtures("seed")


def walkthrough() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("### A partner's first five minutes")[1].split("\n### ")[0]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", walkthrough(), re.DOTALL)


def subset(answer, shown):
    """The part of the API's answer that the README shows, key by key."""
    if isinstance(shown, dict):
        return {key: subset(answer[key], value) for key, value in shown.items()}
    return answer


def test_the_walkthrough_has_its_five_steps():
    steps = re.findall(r"^\*\*(\d)\. ", walkthrough(), re.MULTILINE)

    assert steps == ["1", "2", "3", "4", "5"]


def test_the_list_of_targets_is_the_apis(client):
    results = client.get("/api/v1/targets/", {"strategy": "north-east-sep"}).json()["results"]

    printed = blocks("text")[0].splitlines()

    assert printed == [f"{t['slug']} {t['status']} {t['progress']}" for t in results]


def test_the_status_and_its_working_are_the_apis(client):
    shown = json.loads(blocks("json")[0])

    answer = client.get("/api/v1/targets/gva-per-hour-worked/").json()

    assert subset(answer, shown) == shown
    assert f"/api/v1/observations/{answer['latest']['id']}/" in walkthrough()


def test_the_csv_header_is_the_apis(client):
    response = client.get(
        "/api/v1/observations/", {"target": "gva-per-hour-worked", "format": "csv", "bom": "0"}
    )

    header = next(csv.reader(io.StringIO(response.content.decode())))

    assert blocks("text")[1].strip() == ",".join(header)


def test_the_written_figure_is_accepted_as_a_draft(client, officer):
    body = re.search(r"-d '(\{.*?\})'", walkthrough(), re.DOTALL).group(1)
    client.force_login(officer)

    response = client.post("/api/v1/observations/", body, content_type="application/json")

    assert response.status_code == 201, response.content
    assert response.json()["state"] == "draft"
