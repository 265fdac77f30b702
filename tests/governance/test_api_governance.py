"""/api/v1/organisations/, governance-bodies/, meetings/ and milestones/ (the strategy's
timeline): the seed's governance, its filters, CSV, ordering, pages, writes refused and
query budgets."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from governance.models import (
    Decision,
    GovernanceBody,
    Meeting,
    Membership,
    Organisation,
    TimelineEntry,
)
from strategy.data_version import data_changed
from strategy.models import Strategy

pytestmark = pytest.mark.usefixtures("seed")

ORGANISATION_FIELDS = ["slug", "name", "short_name", "kind", "gss_code", "description", "url"]
BODY_FIELDS = [
    "slug",
    "name",
    "role",
    "description",
    "organisation",
    "reports_to",
    "meeting_frequency",
    "strategy",
    "members",
]
MEETING_FIELDS = [
    "id",
    "body",
    "date",
    "date_precision",
    "date_approximate",
    "earliest",
    "latest",
    "title",
    "summary",
    "papers_url",
    "decisions",
]
MILESTONE_FIELDS = [
    "id",
    "strategy",
    "track",
    "title",
    "description",
    "status",
    "date",
    "end_date",
    "date_precision",
    "date_approximate",
    "earliest",
    "latest",
    "bodies",
    "organisations",
    "meeting",
]

SEED_BODIES = [
    "secretary-of-state-beis",
    "north-east-lep-board",
    "lis-steering-group",
    "lis-working-group",
    "north-east-economic-evidence-forum",
    "cross-whitehall-lis-analytical-panel",
]
COUNCILS = [
    "durham-county-council",
    "gateshead-council",
    "newcastle-city-council",
    "north-tyneside-council",
    "northumberland-county-council",
    "south-tyneside-council",
    "sunderland-city-council",
]
# Newest first.
SEED_MEETINGS = [4, 3, 2, 1]
# By track (alphabetically), then date, then order within the track; steps to come last.
ENGAGEMENT = [13, 14, 15, 16, 17, 19, 20]
EVIDENCE = [7, 8, 9, 10, 11, 12]
GOVERNANCE = [1, 2, 3, 4, 5, 6]
NEXT_STEPS = [21, 22, 23, 24, 25, 26, 27]
OTHER = [18]
SEED_TIMELINE = ENGAGEMENT + EVIDENCE + GOVERNANCE + NEXT_STEPS + OTHER

NOT_A_SLUG = "not a slug!"
NOT_A_SLUG_ERROR = ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."]
NOT_A_DATE_ERROR = ["Enter a valid date."]


def keys(response, key: str = "slug") -> list:
    assert response.status_code == 200, response.content
    return [row[key] for row in response.json()["results"]]


def ids(response) -> list[int]:
    return keys(response, "id")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def invalid_choice(value: str) -> list[str]:
    return [f"Select a valid choice. {value} is not one of the available choices."]


def add_organisations(count: int) -> None:
    Organisation.objects.bulk_create(
        Organisation(slug=f"extra-org-{n}", name=f"Extra organisation {n}", kind="other")
        for n in range(count)
    )
    data_changed()  # bulk_create sends no signal


def add_bodies(count: int) -> None:
    """Bodies hosted by an organisation, reporting to another, with two members each."""
    lis = Strategy.objects.get(slug="north-east-lis")
    board = GovernanceBody.objects.get(slug="north-east-lep-board")
    lep = Organisation.objects.get(slug="north-east-lep")
    university = Organisation.objects.get(slug="newcastle-university")
    for n in range(count):
        body = GovernanceBody.objects.create(
            strategy=lis,
            slug=f"extra-board-{n}",
            name=f"Extra board {n}",
            role=GovernanceBody.Role.ADVISES,
            organisation=lep,
            reports_to=board,
            order=10 + n,
        )
        Membership.objects.create(body=body, organisation=lep, person=f"Chair {n}", role="chair")
        Membership.objects.create(body=body, organisation=university)


def add_meetings(count: int) -> None:
    board = GovernanceBody.objects.get(slug="north-east-lep-board")
    for n in range(count):
        meeting = Meeting.objects.create(
            body=board,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            title=f"Board meeting {n}",
        )
        Decision.objects.create(meeting=meeting, outcome="noted", text="Noted the report.")
        Decision.objects.create(meeting=meeting, outcome="agreed", text="Agreed the plan.")


def add_timeline_entries(count: int) -> None:
    """Entries with bodies, organisations and a meeting: every join a list makes."""
    lis = Strategy.objects.get(slug="north-east-lis")
    bodies = list(GovernanceBody.objects.all()[:2])
    organisations = list(Organisation.objects.all()[:2])
    meeting = Meeting.objects.get(pk=1)
    for n in range(count):
        entry = TimelineEntry.objects.create(
            strategy=lis,
            track=TimelineEntry.Track.OTHER,
            title=f"Step {n}",
            status=TimelineEntry.Status.DONE,
            date=datetime.date(2020, 1, 1),
            meeting=meeting,
            order=10 + n,
        )
        entry.bodies.set(bodies)
        entry.organisations.set(organisations)


# Organisations


def test_the_organisations_are_listed_by_name(client):
    response = client.get("/api/v1/organisations/")

    assert response.json()["count"] == 46
    assert keys(response)[:3] == ["advanced-propulsion-centre", "aesica", "akzo-nobel"]
    assert list(response.json()["results"][0]) == ORGANISATION_FIELDS


def test_an_organisation_is_read_by_its_slug(client):
    response = client.get("/api/v1/organisations/north-east-lep/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "north-east-lep",
        "name": "North East Local Enterprise Partnership",
        "short_name": "North East LEP",
        "kind": "lep",
        "gss_code": "E37000025",
        "description": "The Local Enterprise Partnership for County Durham, Gateshead, Newcastle "
        "upon Tyne, North Tyneside, Northumberland, South Tyneside and Sunderland. Its Board "
        "makes the decisions on the North East Local Industrial Strategy.",
        "url": "",
    }


def test_an_unknown_organisation_is_a_404(client):
    assert client.get("/api/v1/organisations/acme/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("kind=local_authority", COUNCILS, id="kind"),
        pytest.param("kind=lep", ["north-east-lep"], id="kind-one"),
        pytest.param("kind=catapult", ["advanced-propulsion-centre"], id="kind-another"),
    ],
)
def test_organisations_are_filtered_by_kind(client, query, expected):
    assert keys(client.get(f"/api/v1/organisations/?{query}")) == expected


def test_organisations_are_ordered_on_request(client):
    assert keys(client.get("/api/v1/organisations/?ordering=-slug&page_size=3")) == [
        "university-of-york",
        "university-of-leeds",
        "thomas-swan",
    ]


# Governance bodies


def test_the_governance_bodies_are_listed_in_their_order(client):
    response = client.get("/api/v1/governance-bodies/")

    assert keys(response) == SEED_BODIES
    assert list(response.json()["results"][0]) == BODY_FIELDS


def test_a_governance_body_is_read_by_its_slug_with_its_members(client):
    response = client.get("/api/v1/governance-bodies/lis-steering-group/")

    assert response.status_code == 200
    body = response.json()
    assert body["description"].startswith("Representatives from:\n– Government\n")
    del body["description"]
    assert body == {
        "slug": "lis-steering-group",
        "name": "North East Local Industrial Strategy Steering Group",
        "role": "steers",
        "organisation": None,
        "reports_to": "north-east-lep-board",
        "meeting_frequency": "Monthly",
        "strategy": "north-east-lis",
        "members": [
            {
                "organisation": "hm-government",
                "organisation_name": "HM Government",
                "person": "",
                "role": "representative",
                "note": "Government",
            },
            {
                "organisation": "newcastle-university",
                "organisation_name": "Newcastle University",
                "person": "",
                "role": "representative",
                "note": "on behalf of four universities",
            },
            {
                "organisation": "north-east-combined-authority",
                "organisation_name": "North East Combined Authority",
                "person": "",
                "role": "representative",
                "note": "",
            },
            {
                "organisation": "north-east-lep",
                "organisation_name": "North East Local Enterprise Partnership",
                "person": "",
                "role": "representative",
                "note": "",
            },
            {
                "organisation": "north-of-tyne-combined-authority",
                "organisation_name": "North of Tyne Combined Authority",
                "person": "",
                "role": "representative",
                "note": "",
            },
        ],
    }


def test_a_governance_body_names_its_organisation_and_whom_it_reports_to_by_slug(client):
    board = client.get("/api/v1/governance-bodies/north-east-lep-board/").json()

    assert board["organisation"] == "north-east-lep"
    assert board["reports_to"] == "secretary-of-state-beis"
    assert board["role"] == "decides"
    assert board["members"] == []


def test_an_unknown_governance_body_is_a_404(client):
    assert client.get("/api/v1/governance-bodies/the-cabinet/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("strategy=north-east-lis", SEED_BODIES, id="strategy"),
        pytest.param("strategy=north-east-sep", [], id="strategy-none-of"),
        pytest.param(
            "role=decides", ["secretary-of-state-beis", "north-east-lep-board"], id="role"
        ),
        pytest.param("role=assures", ["cross-whitehall-lis-analytical-panel"], id="role-another"),
        pytest.param(
            "organisation=hm-government",
            ["cross-whitehall-lis-analytical-panel"],
            id="organisation",
        ),
        pytest.param("organisation=nissan", [], id="organisation-none-of"),
        pytest.param("organisation=acme", [], id="organisation-unknown-slug"),
    ],
)
def test_governance_bodies_are_filtered(client, query, expected):
    assert keys(client.get(f"/api/v1/governance-bodies/?{query}")) == expected


def test_governance_bodies_are_ordered_on_request(client):
    assert keys(client.get("/api/v1/governance-bodies/?ordering=slug&page_size=3")) == [
        "cross-whitehall-lis-analytical-panel",
        "lis-steering-group",
        "lis-working-group",
    ]


# Meetings


def test_the_meetings_are_listed_newest_first(client):
    response = client.get("/api/v1/meetings/")

    assert ids(response) == SEED_MEETINGS
    assert list(response.json()["results"][0]) == MEETING_FIELDS


def test_a_meeting_is_read_by_its_id_with_its_decisions(client):
    response = client.get("/api/v1/meetings/1/")

    assert response.status_code == 200
    meeting = response.json()
    assert meeting["summary"] == ""
    assert meeting == {
        "id": 1,
        "body": "north-east-lep-board",
        "date": "2018-10-01",
        "date_precision": "month",
        "date_approximate": True,
        "earliest": "2018-07-01",
        "latest": "2019-07-01",
        "title": "LEP Board approves approach",
        "summary": "",
        "papers_url": "",
        "decisions": [
            {
                "outcome": "approved",
                "text": "Approved the approach to developing the North East Local Industrial "
                "Strategy.",
            }
        ],
    }


@pytest.mark.parametrize("path", ["/api/v1/meetings/99/", "/api/v1/meetings/board/"])
def test_an_unknown_meeting_is_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("body=north-east-lep-board", SEED_MEETINGS, id="body"),
        pytest.param("body=lis-steering-group", [], id="body-none-of"),
        pytest.param("body=the-cabinet", [], id="body-unknown-slug"),
        pytest.param("after=2019-01-01", [4, 3, 2], id="after-is-inclusive"),
        pytest.param("after=2019-07-02", [], id="after-none"),
        pytest.param("before=2019-01-01", [2, 1], id="before-is-inclusive"),
        pytest.param("before=2018-09-30", [], id="before-none"),
        pytest.param("after=2019-02-01&before=2019-06-30", [3], id="between"),
    ],
)
def test_meetings_are_filtered(client, query, expected):
    assert ids(client.get(f"/api/v1/meetings/?{query}")) == expected


def test_meetings_are_ordered_on_request(client):
    assert ids(client.get("/api/v1/meetings/?ordering=date")) == [1, 2, 3, 4]


# Milestones: the strategy's timeline


def test_the_timeline_is_listed_by_track_then_date_with_steps_to_come_last(client):
    response = client.get("/api/v1/milestones/")

    assert ids(response) == SEED_TIMELINE
    assert list(response.json()["results"][0]) == MILESTONE_FIELDS


def test_a_timeline_entry_is_read_by_its_id_with_its_body_and_meeting(client):
    response = client.get("/api/v1/milestones/3/")

    assert response.status_code == 200
    entry = response.json()
    assert entry["description"] == ""
    del entry["description"]
    assert entry == {
        "id": 3,
        "strategy": "north-east-lis",
        "track": "governance",
        "title": "LEP Board approves approach",
        "status": "done",
        "date": "2018-10-01",
        "end_date": None,
        "date_precision": "month",
        "date_approximate": True,
        "earliest": "2018-07-01",
        "latest": "2019-07-01",
        "bodies": ["north-east-lep-board"],
        "organisations": [],
        "meeting": 1,
    }


def test_a_step_to_come_has_no_date_and_names_its_bodies_in_their_order(client):
    entry = client.get("/api/v1/milestones/23/").json()

    assert entry == {
        "id": 23,
        "strategy": "north-east-lis",
        "track": "next_steps",
        "title": "Draft North East Local Industrial Strategy",
        "description": "To be reviewed by Working Group, Steering Group and North East LEP Board",
        "status": "planned",
        "date": None,
        "end_date": None,
        "date_precision": "month",
        "date_approximate": False,
        "earliest": None,
        "latest": None,
        "bodies": ["north-east-lep-board", "lis-steering-group", "lis-working-group"],
        "organisations": [],
        "meeting": None,
    }


def test_a_timeline_entry_over_a_period_has_an_end_date_and_its_organisations(client):
    entry = client.get("/api/v1/milestones/13/").json()

    assert (entry["date"], entry["end_date"]) == ("2018-07-01", "2019-07-01")
    assert entry["status"] == "ongoing"
    assert entry["organisations"] == ["hm-government"]


def test_an_unknown_timeline_entry_is_a_404(client):
    assert client.get("/api/v1/milestones/999/").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("track=next_steps", NEXT_STEPS, id="track"),
        pytest.param("track=other", OTHER, id="track-another"),
        pytest.param("status=ongoing", [13, 14, 7, 2], id="status"),
        pytest.param("after=2019-04-01", [19, 20, 11, 12, 5, 6], id="after-is-inclusive"),
        pytest.param("after=2019-07-02", [], id="after-none"),
        pytest.param("before=2018-07-31", [13, 14, 15, 7, 8, 1, 2], id="before-is-inclusive"),
        pytest.param("before=2018-06-30", [], id="before-none"),
        pytest.param("strategy=north-east-sep", [], id="strategy-none-of"),
        pytest.param("strategy=no-such-plan", [], id="strategy-unknown-slug"),
        pytest.param("track=governance&status=done", [1, 3, 4, 5, 6], id="track-and-status"),
    ],
)
def test_the_timeline_is_filtered(client, query, expected):
    assert ids(client.get(f"/api/v1/milestones/?{query}")) == expected


def test_the_timeline_is_filtered_by_strategy(client):
    response = client.get("/api/v1/milestones/?strategy=north-east-lis")

    assert ids(response) == SEED_TIMELINE


def test_the_timeline_is_ordered_on_request(client):
    response = client.get("/api/v1/milestones/?track=governance&ordering=-date,id")

    assert ids(response) == [6, 5, 4, 3, 1, 2]


# The API gives the linked records in the order of the governance and timeline pages


def rendered(client, name: str):
    """What a page rendered from, by name in its context."""
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.context


def every(client, path: str) -> list[dict]:
    response = client.get(path, {"page_size": 1000})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_a_bodys_members_come_in_the_order_of_the_governance_page_chairs_first(client):
    steering = GovernanceBody.objects.get(slug="lis-steering-group")
    # A chair and an observer whose organisations' names would put them elsewhere.
    Membership.objects.create(
        body=steering,
        organisation=Organisation.objects.get(slug="tees-valley-combined-authority"),
        person="Ada Lovelace",
        role=Membership.Role.CHAIR,
    )
    Membership.objects.create(
        body=steering,
        organisation=Organisation.objects.get(slug="dit"),
        person="An Observer",
        role=Membership.Role.OBSERVER,
    )
    on_the_page = {
        item["body"].slug: [
            (seat.organisation.slug, seat.person) for seat in item["body"].memberships.all()
        ]
        for item in rendered(client, "governance:bodies")["bodies"]
    }

    in_the_api = {
        body["slug"]: [(seat["organisation"], seat["person"]) for seat in body["members"]]
        for body in every(client, "/api/v1/governance-bodies/")
    }
    one_body = client.get("/api/v1/governance-bodies/lis-steering-group/").json()

    assert in_the_api == on_the_page
    assert [(seat["organisation"], seat["person"]) for seat in one_body["members"]] == (
        on_the_page["lis-steering-group"]
    )
    assert on_the_page["lis-steering-group"][0] == (
        "tees-valley-combined-authority",
        "Ada Lovelace",
    )
    assert on_the_page["lis-steering-group"][-1] == ("dit", "An Observer")


def test_a_meetings_decisions_come_in_the_order_of_the_governance_page(client):
    meeting = Meeting.objects.get(pk=1)
    Decision.objects.create(meeting=meeting, outcome="noted", text="Noted last.", order=9)
    Decision.objects.create(meeting=meeting, outcome="agreed", text="Agreed first.", order=0)
    on_the_page = {
        meeting.pk: [decision.text for decision in meeting.decisions.all()]
        for meeting in rendered(client, "governance:bodies")["meetings"]
    }

    in_the_api = {
        meeting["id"]: [decision["text"] for decision in meeting["decisions"]]
        for meeting in every(client, "/api/v1/meetings/")
    }

    assert in_the_api == on_the_page
    assert on_the_page[1][0] == "Agreed first."
    assert on_the_page[1][-1] == "Noted last."


def test_a_timeline_entrys_bodies_and_organisations_come_in_the_order_of_the_timeline_page(
    client,
):
    entry = TimelineEntry.objects.get(pk=13)
    entry.bodies.set(GovernanceBody.objects.all())
    entry.organisations.set(Organisation.objects.all())
    timeline = rendered(client, "governance:timeline")
    on_the_page = {
        entry.pk: (
            [body.slug for body in entry.bodies.all()],
            [organisation.slug for organisation in entry.organisations.all()],
        )
        for entry in [*timeline["developed"], *timeline["next_steps"]]
    }

    in_the_api = {
        entry["id"]: (entry["bodies"], entry["organisations"])
        for entry in every(client, "/api/v1/milestones/")
    }

    assert in_the_api == on_the_page
    assert len(on_the_page) == len(SEED_TIMELINE)
    assert on_the_page[13] == (
        list(GovernanceBody.objects.values_list("slug", flat=True)),
        list(Organisation.objects.values_list("slug", flat=True)),
    )


# Every resource here


@pytest.mark.parametrize(
    ("path", "query", "errors"),
    [
        pytest.param(
            "/api/v1/organisations/", "kind=charity", {"kind": invalid_choice("charity")}, id="kind"
        ),
        pytest.param(
            "/api/v1/governance-bodies/", "role=boss", {"role": invalid_choice("boss")}, id="role"
        ),
        pytest.param(
            "/api/v1/governance-bodies/",
            f"strategy={NOT_A_SLUG}",
            {"strategy": NOT_A_SLUG_ERROR},
            id="body-strategy",
        ),
        pytest.param(
            "/api/v1/governance-bodies/",
            f"organisation={NOT_A_SLUG}",
            {"organisation": NOT_A_SLUG_ERROR},
            id="body-organisation",
        ),
        pytest.param(
            "/api/v1/meetings/", f"body={NOT_A_SLUG}", {"body": NOT_A_SLUG_ERROR}, id="body"
        ),
        pytest.param(
            "/api/v1/meetings/", "after=2019-13-01", {"after": NOT_A_DATE_ERROR}, id="after"
        ),
        pytest.param("/api/v1/meetings/", "before=soon", {"before": NOT_A_DATE_ERROR}, id="before"),
        pytest.param(
            "/api/v1/milestones/", "track=finance", {"track": invalid_choice("finance")}, id="track"
        ),
        pytest.param(
            "/api/v1/milestones/", "status=late", {"status": invalid_choice("late")}, id="status"
        ),
        pytest.param(
            "/api/v1/milestones/",
            "after=July 2018",
            {"after": NOT_A_DATE_ERROR},
            id="timeline-after",
        ),
        pytest.param(
            "/api/v1/milestones/",
            "before=2019-02-30",
            {"before": NOT_A_DATE_ERROR},
            id="timeline-before",
        ),
        pytest.param(
            "/api/v1/milestones/",
            f"strategy={NOT_A_SLUG}",
            {"strategy": NOT_A_SLUG_ERROR},
            id="timeline-strategy",
        ),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(client, path, query, errors):
    response = client.get(f"{path}?{query}")

    assert response.status_code == 400
    assert response.json() == errors


@pytest.mark.parametrize(
    ("path", "query", "fields", "expected"),
    [
        pytest.param(
            "/api/v1/organisations/",
            {"kind": "local_authority"},
            ORGANISATION_FIELDS,
            COUNCILS,
            id="organisations",
        ),
        pytest.param(
            "/api/v1/governance-bodies/", {}, BODY_FIELDS, SEED_BODIES, id="governance-bodies"
        ),
        pytest.param("/api/v1/meetings/", {}, MEETING_FIELDS, SEED_MEETINGS, id="meetings"),
        pytest.param("/api/v1/milestones/", {}, MILESTONE_FIELDS, SEED_TIMELINE, id="milestones"),
    ],
)
def test_a_list_downloads_as_csv_with_a_column_per_field_and_a_row_per_record(
    client, path, query, fields, expected
):
    # A CSV download is never paged.
    response = client.get(path, {**query, "format": "csv", "page_size": 2})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    name = path.split("/")[3]
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    header, *rows = csv_rows(response)
    assert header == fields
    assert [row[0] for row in rows] == [str(value) for value in expected]


def test_a_csv_cell_holding_records_lists_each_field(client):
    response = client.get("/api/v1/meetings/", {"format": "csv", "before": "2018-12-31"})

    header, row = csv_rows(response)
    assert dict(zip(header, row, strict=True))["decisions"] == (
        "outcome: approved; "
        "text: Approved the approach to developing the North East Local Industrial Strategy."
    )


@pytest.mark.parametrize(
    ("path", "key", "page_size", "last_page", "on_the_last_page"),
    [
        pytest.param(
            "/api/v1/organisations/",
            "slug",
            20,
            3,
            [
                "sunderland-city-council",
                "tees-valley-combined-authority",
                "tees-valley-compass",
                "thomas-swan",
                "university-of-leeds",
                "university-of-york",
            ],
            id="organisations",
        ),
        pytest.param(
            "/api/v1/governance-bodies/",
            "slug",
            4,
            2,
            ["north-east-economic-evidence-forum", "cross-whitehall-lis-analytical-panel"],
            id="governance-bodies",
        ),
        pytest.param("/api/v1/meetings/", "id", 3, 2, [1], id="meetings"),
        pytest.param(
            "/api/v1/milestones/", "id", 10, 3, [22, 23, 24, 25, 26, 27, 18], id="milestones"
        ),
    ],
)
def test_a_list_is_paged_and_a_page_past_the_last_is_a_404(
    client, path, key, page_size, last_page, on_the_last_page
):
    first = client.get(path, {"page_size": page_size}).json()
    assert len(first["results"]) == page_size
    assert first["previous"] is None
    assert first["next"] == f"http://testserver{path}?page=2&page_size={page_size}"

    last = client.get(path, {"page_size": page_size, "page": last_page})
    assert keys(last, key) == on_the_last_page
    assert last.json()["next"] is None

    assert client.get(path, {"page_size": page_size, "page": last_page + 1}).status_code == 404


def everything() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Organisation,
            GovernanceBody,
            Membership,
            Meeting,
            Decision,
            TimelineEntry,
            TimelineEntry.bodies.through,
        )
    ]


@pytest.mark.parametrize(
    ("persona", "method", "path", "expected"),
    [
        pytest.param(None, "post", "/api/v1/organisations/", 401, id="anonymous-creates-org"),
        pytest.param(
            None,
            "put",
            "/api/v1/governance-bodies/north-east-lep-board/",
            401,
            id="anonymous-replaces-body",
        ),
        pytest.param(None, "delete", "/api/v1/meetings/1/", 401, id="anonymous-deletes-meeting"),
        pytest.param(None, "patch", "/api/v1/milestones/1/", 401, id="anonymous-changes-entry"),
        # Officers keep all of these in the admin, but the API does not write them.
        pytest.param("officer", "post", "/api/v1/meetings/", 405, id="officer-creates-meeting"),
        pytest.param(
            "officer", "delete", "/api/v1/organisations/nissan/", 403, id="officer-deletes-org"
        ),
        pytest.param("officer", "delete", "/api/v1/milestones/1/", 405, id="officer-deletes-entry"),
        pytest.param("superuser", "post", "/api/v1/milestones/", 405, id="superuser-creates-entry"),
        pytest.param(
            "superuser",
            "patch",
            "/api/v1/governance-bodies/lis-steering-group/",
            405,
            id="superuser-changes-body",
        ),
    ],
)
def test_writing_is_refused_and_changes_nothing(request, client, persona, method, path, expected):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    before = everything()

    response = getattr(client, method)(
        path, {"slug": "new", "name": "New", "title": "New"}, content_type="application/json"
    )

    assert response.status_code == expected
    assert everything() == before


@pytest.mark.parametrize(
    ("path", "add_rows", "queries"),
    [
        # The data version, the count, the page.
        pytest.param("/api/v1/organisations/", add_organisations, 3, id="organisations"),
        # The data version, the count, the page with strategies, organisations and the bodies reported to,
        # the memberships with their organisations.
        pytest.param("/api/v1/governance-bodies/", add_bodies, 4, id="governance-bodies"),
        # The data version, the count, the page with the bodies, the decisions.
        pytest.param("/api/v1/meetings/", add_meetings, 4, id="meetings"),
        # The data version, the count, the page with the strategies, the bodies, the organisations.
        pytest.param("/api/v1/milestones/", add_timeline_entries, 5, id="milestones"),
    ],
)
def test_a_list_takes_as_many_queries_with_thirty_more_rows_as_with_the_seed(
    client, django_assert_max_num_queries, path, add_rows, queries
):
    with django_assert_max_num_queries(queries):
        seeded = client.get(path)
    add_rows(30)
    with django_assert_max_num_queries(queries):
        grown = client.get(path)

    assert grown.json()["count"] == seeded.json()["count"] + 30
    assert len(grown.json()["results"]) == grown.json()["count"]
