"""Every filter of the API by a related record's slug (`?strategy=`, `?target=`, `?body=`,
`?lead=`, ...) answers alike on every resource: text that cannot be a slug is a 400 naming
the parameter, and a well-formed slug that no record has is an empty list.

The filters are found from the API's own routes, so a resource or a filter added later is
tested without being listed here."""

import pytest
from django.urls import resolve, reverse

pytestmark = pytest.mark.usefixtures("seed")

NOT_A_SLUG_ERROR = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."


def slug_filters() -> list:
    """(list path, parameter) for each filter on a related record's slug, for every
    resource that the API's root lists."""
    resources = resolve("/api/v1/").func.initkwargs["api_root_dict"]
    found = []
    for prefix, list_name in resources.items():
        path = reverse(list_name)
        filterset = resolve(path).func.cls.filterset_class
        for parameter, slug_filter in filterset.base_filters.items():
            if slug_filter.field_name.endswith("__slug"):
                found.append(pytest.param(path, parameter, id=f"{prefix}?{parameter}"))
    return found


SLUG_FILTERS = slug_filters()


def test_the_slug_filters_are_found_on_the_resources_of_each_app():
    found = {tuple(param.values) for param in SLUG_FILTERS}

    assert found >= {
        ("/api/v1/areas/", "grand_challenge"),
        ("/api/v1/targets/", "strategy"),
        ("/api/v1/observations/", "target"),
        ("/api/v1/assessments/", "target"),
        ("/api/v1/propositions/", "lead"),
        ("/api/v1/meetings/", "body"),
    }


@pytest.mark.parametrize(("path", "parameter"), SLUG_FILTERS)
def test_text_that_cannot_be_a_slug_is_a_400_naming_the_parameter(client, path, parameter):
    response = client.get(path, {parameter: "no such!"})

    assert response.status_code == 400
    assert response.json() == {parameter: [NOT_A_SLUG_ERROR]}


@pytest.mark.parametrize(("path", "parameter"), SLUG_FILTERS)
def test_a_well_formed_slug_that_no_record_has_is_an_empty_list(client, path, parameter):
    unfiltered = client.get(path)
    response = client.get(path, {parameter: "no-such-record"})

    # The seed has records here: the empty list is the filter's doing.
    assert unfiltered.json()["count"] > 0
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["results"] == []
