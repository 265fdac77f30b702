"""Targets in the REST API: the v1 contract's fields, the six SEP verdicts, filters, and
the published series in the detail (DESIGN.md, "REST API contract (v1)")."""

import datetime
import json
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from targets.models import Observation, PublishedAssessment, Target
from tests.seed import SEP_TARGETS

pytestmark = pytest.mark.usefixtures("seed")

CONTRACT_FIELDS = {
    "slug",
    "title",
    "kind",
    "indicator",
    "unit",
    "comparator",
    "baseline_date",
    "target_date",
    "baseline",
    "target",
    "latest",
    "progress",
    "expected_progress",
    "projected_progress",
    "status",
    "status_reason",
    "status_basis",
}
BASELINE_FIELDS = {"period_end", "value", "comparator_value", "subset_value", "gap"}
PROGRESS_FIELDS = ("progress", "expected_progress", "projected_progress")


def get_json(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(results):
    return [item["slug"] for item in results]


def test_every_target_in_the_list_has_every_field_of_the_contract(client):
    results = get_json(client, "/api/v1/targets/")["results"]

    assert len(results) == Target.objects.count() == 8
    for target in results:
        assert set(target) >= CONTRACT_FIELDS, CONTRACT_FIELDS - set(target)
        assert target["baseline"] is None or set(target["baseline"]) == BASELINE_FIELDS


def test_the_list_is_paginated_as_the_contract_says(client):
    body = get_json(client, "/api/v1/targets/")

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 8
    assert body["next"] is None
    assert body["previous"] is None


def test_the_jobs_baseline_is_the_april_2013_to_march_2014_figure(client):
    target = get_json(client, "/api/v1/targets/jobs/")

    assert target["baseline_date"] == "2014-03-31"
    assert target["target_date"] == "2024-03-31"
    assert target["baseline"] == {
        "period_end": "2014-03-31",
        "value": 811300,
        "comparator_value": None,
        "subset_value": None,
        "gap": None,
    }
    assert target["target"] == 911300


def test_the_gva_baseline_carries_the_comparator_and_the_ratio_gap(client):
    target = get_json(client, "/api/v1/targets/gva-per-hour-worked/")

    # g_b = 1 - 27.36 / 29.67 = 0.0778564..., to 6 places; the target is half of it.
    assert target["baseline"] == {
        "period_end": "2014-12-31",
        "value": 27.36,
        "comparator_value": 29.67,
        "subset_value": None,
        "gap": 0.077856,
    }
    assert target["target"] == 0.038928
    assert target["comparator"] == "England excluding London"


def test_a_target_without_a_baseline_figure_has_a_null_baseline(client):
    target = get_json(client, "/api/v1/targets/private-sector-employment-density/")

    assert target["baseline"] is None
    assert target["target"] is None


@pytest.mark.parametrize(
    ("slug", "status", "basis", "progress", "expected", "projected", "period_label"),
    [
        # An outcome is held: no projection.
        ("jobs", "not_met", "assessment", 0.829, 1.0, None, "2024 (final report)"),
        ("better-jobs", "met", "assessment", 1.7229, 1.0, None, "2024 (final report)"),
        ("employment-rate", "not_met", "observation", -0.3265, 1.0, None, "Jan-Dec 2024"),
        (
            "economic-activity-rate",
            "off_track",
            "observation",
            -1.3205,
            0.9748,
            -1.2238,
            "Oct 2023-Sep 2024",
        ),
        (
            "private-sector-employment-density",
            "off_track",
            "assessment",
            -0.28,
            0.4443,
            None,
            "2019",
        ),
        ("gva-per-hour-worked", "off_track", "observation", 0.2006, 0.7999, -0.4582, "2022"),
    ],
)
def test_the_six_sep_targets_get_the_verdicts_the_rules_give_through_the_api(
    client, slug, status, basis, progress, expected, projected, period_label
):
    target = get_json(client, f"/api/v1/targets/{slug}/")

    assert target["status"] == status
    assert target["status_basis"] == basis
    assert target["progress"] == progress
    assert target["expected_progress"] == expected
    assert target["projected_progress"] == projected
    assert target["latest"]["basis"] == basis
    assert target["latest"]["period_label"] == period_label
    assert target["latest"]["progress"] == progress


def test_the_list_gives_the_same_verdicts_as_the_details(client):
    listed = {t["slug"]: t for t in get_json(client, "/api/v1/targets/")["results"]}

    for slug in SEP_TARGETS:
        detail = get_json(client, f"/api/v1/targets/{slug}/")
        for field in ("status", "status_basis", "status_reason", *PROGRESS_FIELDS):
            assert listed[slug][field] == detail[field], (slug, field)


def test_the_jobs_verdict_says_why_it_is_not_met_and_which_publication_it_comes_from(client):
    target = get_json(client, "/api/v1/targets/jobs/")

    assert target["status_reason"] == (
        "83% of the way to the target by the target date, as reported in "
        "Evidence Hub, Strategic Economic Plan targets (final report), for a period it does "
        "not state (taken to end 31 March 2024)."
    )
    assert target["latest"]["figure"] == 82900
    assert target["latest"]["value"] is None
    assert target["latest"]["period_end_assumed"] is True


def test_the_gva_verdict_comes_from_the_2022_ons_levels(client):
    latest = get_json(client, "/api/v1/targets/gva-per-hour-worked/")["latest"]

    assert latest["basis"] == "observation"
    assert latest["period_end"] == "2022-12-31"
    assert latest["value"] == 36.11
    assert latest["comparator_value"] == 38.83
    assert latest["figure"] is None
    assert latest["publication"] is None


def test_progress_figures_are_json_numbers_rounded_to_four_decimal_places(client):
    response = client.get("/api/v1/targets/")
    body = json.loads(response.content, parse_float=Decimal)

    seen = 0
    for target in body["results"]:
        values = [target[field] for field in PROGRESS_FIELDS]
        if target["latest"] is not None:
            values.append(target["latest"]["progress"])
        for value in values:
            if value is None:
                continue
            assert isinstance(value, Decimal), f"{target['slug']}: {value!r} is not a JSON number"
            assert value.as_tuple().exponent >= -4, f"{target['slug']}: {value} has more places"
            seen += 1
    assert seen >= 16


def test_targets_without_data_are_not_assessed_with_null_progress(client):
    target = get_json(client, "/api/v1/targets/export-share-of-gva/")

    assert target["status"] == "not_assessed"
    assert target["status_basis"] is None
    assert target["latest"] is None
    assert target["progress"] is None
    assert target["expected_progress"] is None
    assert target["projected_progress"] is None


def test_the_strategy_filter_keeps_the_six_sep_targets(client):
    results = get_json(client, "/api/v1/targets/?strategy=north-east-sep")["results"]

    assert slugs(results) == SEP_TARGETS


def test_the_strategy_filter_keeps_the_lis_targets(client):
    results = get_json(client, "/api/v1/targets/?strategy=north-east-lis")["results"]

    assert slugs(results) == ["export-share-of-gva", "iamp-jobs"]


def test_an_unknown_strategy_gives_an_empty_list(client):
    assert get_json(client, "/api/v1/targets/?strategy=nowhere")["count"] == 0


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (
            "off_track",
            [
                "economic-activity-rate",
                "private-sector-employment-density",
                "gva-per-hour-worked",
            ],
        ),
        ("met", ["better-jobs"]),
        ("not_met", ["jobs", "employment-rate"]),
        ("not_assessed", ["export-share-of-gva", "iamp-jobs"]),
        ("on_track", []),
        ("at_risk", []),
    ],
)
def test_the_status_filter_keeps_the_targets_with_that_verdict(client, status, expected):
    body = get_json(client, f"/api/v1/targets/?status={status}")

    assert slugs(body["results"]) == expected
    assert body["count"] == len(expected)


def test_the_status_filter_combines_with_the_strategy_filter(client):
    results = get_json(client, "/api/v1/targets/?strategy=north-east-lis&status=off_track")

    assert results["count"] == 0


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            "reduce_gap",
            ["economic-activity-rate", "private-sector-employment-density", "gva-per-hour-worked"],
        ),
        ("close_gap", ["employment-rate"]),
        ("share_of_change", ["better-jobs"]),
        ("increase", ["jobs", "iamp-jobs"]),
        ("reach_value", ["export-share-of-gva"]),
    ],
)
def test_the_kind_filter_keeps_the_targets_of_that_kind(client, kind, expected):
    assert slugs(get_json(client, f"/api/v1/targets/?kind={kind}")["results"]) == expected


def test_an_unknown_status_is_refused_with_400_naming_status(client):
    response = client.get("/api/v1/targets/?status=doing_fine")

    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_an_unknown_kind_is_refused_with_400_naming_kind(client):
    response = client.get("/api/v1/targets/?kind=double_it")

    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_an_unknown_slug_is_404(client):
    response = client.get("/api/v1/targets/no-such-target/")

    assert response.status_code == 404
    assert "detail" in response.json()


def test_the_detail_adds_the_published_observations_in_period_order(client):
    target = get_json(client, "/api/v1/targets/gva-per-hour-worked/")

    series = target["observations"]
    assert [o["period_label"] for o in series] == [str(year) for year in range(2014, 2023)]
    assert {o["state"] for o in series} == {"published"}
    assert series[0]["value"] == 27.36
    assert series[0]["comparator_value"] == 29.67
    assert all("revision_reason" not in o for o in series)


def test_the_detail_adds_the_published_assessments_in_period_order(client):
    target = get_json(client, "/api/v1/targets/jobs/")

    assert [a["figure"] for a in target["assessments"]] == [
        62500,
        74900,
        68200,
        59500,
        42700,
        54000,
        61500,
        82900,
    ]
    assert target["assessments"][-1]["period_label"] == "2024 (final report)"


def test_the_list_does_not_carry_the_series(client):
    target = get_json(client, "/api/v1/targets/")["results"][0]

    assert "observations" not in target
    assert "assessments" not in target


def test_a_draft_never_appears_in_the_detail_series_even_to_an_officer(client, officer):
    gva = Target.objects.get(slug="gva-per-hour-worked")
    draft = Observation.objects.create(
        target=gva,
        period_end=datetime.date(2023, 12, 31),
        period_label="2023",
        value=Decimal("40.00"),
        comparator_value=Decimal("40.50"),
        source="A draft nobody has checked",
    )
    draft_assessment = PublishedAssessment.objects.create(
        target=gva,
        publication="An unpublished draft",
        period_end=datetime.date(2023, 12, 31),
        period_label="2023",
        statement="Gap closed.",
        figure=Decimal(1),
    )
    client.force_login(officer)

    target = get_json(client, "/api/v1/targets/gva-per-hour-worked/")

    assert draft.pk not in [o["id"] for o in target["observations"]]
    assert len(target["observations"]) == 9
    assert draft_assessment.pk not in [a["id"] for a in target["assessments"]]
    assert len(target["assessments"]) == 2
    # ... and the draft plays no part in the verdict either.
    assert target["status"] == "off_track"
    assert target["latest"]["period_label"] == "2022"
    # The officer does see the draft in the observations list, where drafts belong.
    listed = get_json(client, "/api/v1/observations/?target=gva-per-hour-worked&state=draft")
    assert [o["id"] for o in listed["results"]] == [draft.pk]


def test_publishing_an_outcome_figure_changes_the_verdict_in_the_api(client):
    Observation.objects.create(
        target=Target.objects.get(slug="gva-per-hour-worked"),
        period_end=datetime.date(2024, 12, 31),
        period_label="2024",
        value=Decimal("40.00"),
        comparator_value=Decimal("41.00"),
        source="A test release",
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )

    target = get_json(client, "/api/v1/targets/gva-per-hour-worked/")

    # g = 1 - 40/41 = 0.02439 against g_b = 0.077857: p = 1.3735, met.
    assert target["status"] == "met"
    assert target["progress"] == 1.3735
    assert target["latest"]["period_label"] == "2024"


def test_targets_are_read_only(client, approver):
    client.force_login(approver)

    assert client.post("/api/v1/targets/", {}, content_type="application/json").status_code == 405
    response = client.patch("/api/v1/targets/jobs/", {}, content_type="application/json")
    assert response.status_code == 405
    # Approvers may not delete targets at all, so DELETE stops at the permission: 403.
    assert client.delete("/api/v1/targets/jobs/").status_code == 403


# Geography and releases


def test_a_gap_target_gives_its_comparator_with_the_gss_codes_it_is_made_of(client):
    gva = get_json(client, "/api/v1/targets/gva-per-hour-worked/")

    assert gva["comparator"] == "England excluding London"
    assert gva["comparator_area"] == {
        "name": "England excluding London",
        "code": None,
        "kind": "derived",
        "parts": ["E92000001"],
        "excluding": ["E12000007"],
    }


def test_a_target_without_a_comparator_says_so(client):
    jobs = get_json(client, "/api/v1/targets/jobs/")

    assert jobs["comparator"] == ""
    assert jobs["comparator_area"] is None


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
def test_the_next_release_is_the_awaited_one_expected_soonest(client):
    targets = {t["slug"]: t for t in get_json(client, "/api/v1/targets/")["results"]}

    assert targets["gva-per-hour-worked"]["next_release"] == {
        "title": "Subregional productivity: labour productivity indices by UK ITL2 and ITL3 "
        "subregions, June 2025",
        "publisher": "ONS",
        "expected_on": "2025-06-19",
        "expected_month_only": False,
        "period_end": "2023-12-31",
        "period_label": "2023",
        "overdue": False,
    }
    assert targets["jobs"]["next_release"] is None


@time_machine.travel(datetime.datetime(2025, 7, 1, 12, tzinfo=datetime.UTC))
def test_once_a_release_brings_its_figure_the_next_one_is_awaited(client):
    Observation.objects.create(
        target=Target.objects.get(slug="gva-per-hour-worked"),
        period_end=datetime.date(2023, 12, 31),
        period_label="2023",
        value=Decimal("37.5"),
        comparator_value=Decimal("40.1"),
        source="ONS Subregional productivity, June 2025",
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )

    gva = get_json(client, "/api/v1/targets/gva-per-hour-worked/")

    assert gva["next_release"]["expected_on"] == "2026-06-30"
    assert gva["next_release"]["expected_month_only"] is True
    assert gva["next_release"]["overdue"] is False
