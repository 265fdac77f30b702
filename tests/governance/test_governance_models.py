"""Governance bodies, their members, meetings and the timeline."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import GovernanceBody, Meeting, Membership, Organisation, TimelineEntry
from strategy.models import DatePrecision

LOOP = "This would make the body report to itself, in a loop."

# SQLite names the columns of a broken unique constraint, PostgreSQL names the constraint.
DUPLICATE_SEAT = (
    r"membership_unique_per_body"
    r"|UNIQUE constraint failed: governance_membership\.body_id, "
    r"governance_membership\.organisation_id, governance_membership\.person"
)


@pytest.fixture
def make_body(plan):
    def make(name, **fields):
        values = {
            "strategy": plan,
            "slug": name.lower().replace(" ", "-"),
            "name": name,
            "role": GovernanceBody.Role.STEERS,
        }
        values.update(fields)
        return GovernanceBody.objects.create(**values)

    return make


@pytest.fixture
def board(make_body):
    return make_body("LEP Board", role=GovernanceBody.Role.DECIDES)


@pytest.fixture
def university(db):
    return Organisation.objects.create(
        slug="newcastle-university",
        name="Newcastle University",
        kind=Organisation.Kind.UNIVERSITY,
    )


# Reporting lines


def test_a_body_cannot_report_to_itself(board):
    board.reports_to = board

    with pytest.raises(ValidationError) as error:
        board.full_clean()

    assert error.value.message_dict == {"reports_to": [LOOP]}


def test_a_body_cannot_report_to_a_body_that_reports_to_it(make_body, board):
    steering_group = make_body("Steering Group", reports_to=board)
    board.reports_to = steering_group

    with pytest.raises(ValidationError) as error:
        board.full_clean()

    assert error.value.message_dict == {"reports_to": [LOOP]}


def test_a_loop_through_a_longer_reporting_line_is_refused(make_body, board):
    steering_group = make_body("Steering Group", reports_to=board)
    working_group = make_body("Working Group", reports_to=steering_group)
    board = GovernanceBody.objects.get(pk=board.pk)
    board.reports_to = working_group

    with pytest.raises(ValidationError) as error:
        board.full_clean()

    assert error.value.message_dict == {"reports_to": [LOOP]}


def test_a_reporting_line_without_a_loop_is_allowed(make_body, board):
    steering_group = make_body("Steering Group", reports_to=board)
    working_group = make_body("Working Group", reports_to=steering_group)

    working_group.full_clean()


# Memberships


def test_an_organisation_has_a_seat_only_once_per_body_and_person(board, university):
    Membership.objects.create(body=board, organisation=university, person="Prof. Jane Smith")

    with pytest.raises(IntegrityError, match=DUPLICATE_SEAT), transaction.atomic():
        Membership.objects.create(
            body=board,
            organisation=university,
            person="Prof. Jane Smith",
            role=Membership.Role.CHAIR,
        )

    assert Membership.objects.count() == 1


def test_an_organisation_has_an_unnamed_seat_only_once_per_body(board, university):
    Membership.objects.create(body=board, organisation=university)

    with pytest.raises(IntegrityError, match=DUPLICATE_SEAT), transaction.atomic():
        Membership.objects.create(body=board, organisation=university)

    assert Membership.objects.count() == 1


def test_a_second_seat_is_explained_to_an_officer(board, university):
    Membership.objects.create(body=board, organisation=university, person="Prof. Jane Smith")
    second = Membership(body=board, organisation=university, person="Prof. Jane Smith")

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.message_dict == {
        "__all__": ["This organisation already has this seat on the body."]
    }


def test_an_organisation_may_have_seats_for_two_people_and_on_two_bodies(
    make_body, board, university
):
    Membership.objects.create(body=board, organisation=university, person="Prof. Jane Smith")
    Membership.objects.create(body=board, organisation=university, person="Dr Sam Lee")
    Membership.objects.create(
        body=make_body("Innovation Board"), organisation=university, person="Prof. Jane Smith"
    )

    assert Membership.objects.filter(organisation=university).count() == 3


def test_a_membership_ending_before_it_starts_is_refused(board, university):
    with (
        pytest.raises(IntegrityError, match="membership_ends_after_it_starts"),
        transaction.atomic(),
    ):
        Membership.objects.create(
            body=board,
            organisation=university,
            start_date=datetime.date(2019, 4, 1),
            end_date=datetime.date(2019, 3, 31),
        )

    assert not Membership.objects.exists()


def test_a_membership_ending_before_it_starts_is_explained_to_an_officer(board, university):
    membership = Membership(
        body=board,
        organisation=university,
        start_date=datetime.date(2019, 4, 1),
        end_date=datetime.date(2019, 3, 31),
    )

    with pytest.raises(ValidationError) as error:
        membership.full_clean()

    assert error.value.message_dict == {
        "__all__": ["The end date cannot be before the start date."]
    }


def test_a_membership_of_a_single_day_is_allowed(board, university):
    Membership.objects.create(
        body=board,
        organisation=university,
        start_date=datetime.date(2019, 4, 1),
        end_date=datetime.date(2019, 4, 1),
    )

    assert Membership.objects.count() == 1


# The timeline


def timeline_entry(plan, **fields):
    values = {
        "strategy": plan,
        "track": TimelineEntry.Track.EVIDENCE,
        "title": "Independent economic review",
        "status": TimelineEntry.Status.DONE,
    }
    values.update(fields)
    return TimelineEntry(**values)


def test_a_timeline_entry_ending_before_it_starts_is_refused(plan):
    entry = timeline_entry(plan, date=datetime.date(2019, 7, 1), end_date=datetime.date(2018, 7, 1))

    with (
        pytest.raises(IntegrityError, match="timeline_entry_ends_after_it_starts"),
        transaction.atomic(),
    ):
        entry.save()

    assert not TimelineEntry.objects.exists()


def test_a_timeline_entry_with_an_end_but_no_start_is_refused(plan):
    entry = timeline_entry(plan, date=None, end_date=datetime.date(2019, 7, 1))

    with (
        pytest.raises(IntegrityError, match="timeline_entry_ends_after_it_starts"),
        transaction.atomic(),
    ):
        entry.save()

    assert not TimelineEntry.objects.exists()


def test_a_timeline_entry_ending_before_it_starts_is_explained_to_an_officer(plan):
    entry = timeline_entry(plan, date=datetime.date(2019, 7, 1), end_date=datetime.date(2018, 7, 1))

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert error.value.message_dict == {
        "__all__": ["The end date needs a start date, and cannot be before it."]
    }


# How dates read


@pytest.mark.parametrize(
    ("date", "precision", "approximate", "expected"),
    [
        (datetime.date(2018, 7, 1), DatePrecision.MONTH, True, "around July 2018"),
        (datetime.date(2018, 7, 1), DatePrecision.MONTH, False, "July 2018"),
        (datetime.date(2019, 1, 1), DatePrecision.YEAR, False, "2019"),
        (datetime.date(2019, 1, 1), DatePrecision.YEAR, True, "around 2019"),
        (datetime.date(2019, 7, 3), DatePrecision.DAY, False, "3 July 2019"),
        (datetime.date(2019, 7, 13), DatePrecision.DAY, True, "around 13 July 2019"),
    ],
)
def test_a_meeting_date_reads_as_the_source_gives_it(board, date, precision, approximate, expected):
    meeting = Meeting.objects.create(
        body=board,
        title="Board meeting",
        date=date,
        date_precision=precision,
        date_approximate=approximate,
    )

    assert meeting.date_display == expected
    assert str(meeting) == f"LEP Board, {expected}"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"date": datetime.date(2018, 7, 1), "date_approximate": True},
            "around July 2018",
        ),
        (
            {"date": datetime.date(2019, 1, 1), "date_precision": DatePrecision.YEAR},
            "2019",
        ),
        (
            {"date": datetime.date(2019, 7, 3), "date_precision": DatePrecision.DAY},
            "3 July 2019",
        ),
        (
            {"date": datetime.date(2018, 7, 1), "end_date": datetime.date(2019, 7, 31)},
            "July 2018 to July 2019",
        ),
        (
            {
                "date": datetime.date(2018, 7, 1),
                "end_date": datetime.date(2019, 7, 31),
                "date_approximate": True,
            },
            "around July 2018 to July 2019",
        ),
        (
            {
                "date": datetime.date(2018, 1, 1),
                "end_date": datetime.date(2019, 12, 31),
                "date_precision": DatePrecision.YEAR,
            },
            "2018 to 2019",
        ),
        ({"date": None, "status": TimelineEntry.Status.PLANNED}, ""),
    ],
)
def test_a_timeline_entry_date_reads_as_the_source_gives_it(plan, fields, expected):
    entry = timeline_entry(plan, **fields)
    entry.save()

    assert TimelineEntry.objects.get(pk=entry.pk).date_display == expected
