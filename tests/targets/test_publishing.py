"""The write workflow itself (targets/publishing.py), which the admin, the API and the
import all call: who may do what to a draft, a published and a withdrawn record."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from targets.models import Observation, PublishedAssessment
from targets.publishing import (
    check_write,
    delete_drafts,
    history_reason,
    publish,
    save_record,
    withdraw,
)

SEPTEMBER_2019 = datetime.date(2019, 9, 30)


@pytest.fixture
def draft(rate_target):
    return Observation.objects.create(
        target=rate_target,
        period_end=SEPTEMBER_2019,
        period_label="Oct 2018-Sep 2019",
        value=Decimal("71.5"),
        comparator_value=Decimal("75.2"),
        source="APS",
    )


@pytest.fixture
def published(draft):
    draft.state = Observation.State.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    return draft


def refusal(error) -> str:
    return str(error.value) if isinstance(error.value, PermissionDenied) else error.value.messages


def test_an_officer_saves_a_new_draft_stamped_with_their_name(officer, rate_target):
    figure = Observation(
        target=rate_target,
        period_end=SEPTEMBER_2019,
        period_label="Oct 2018-Sep 2019",
        value=Decimal("71.5"),
        comparator_value=Decimal("75.2"),
        source="APS",
    )

    revision = save_record(figure, officer, change_reason="Entered from the release")

    assert revision is False
    assert (figure.created_by, figure.updated_by, figure.published_at) == (officer, officer, None)
    latest = figure.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        officer,
        "Entered from the release",
    )


@pytest.mark.parametrize(
    ("start", "change", "message"),
    [
        pytest.param(
            "draft",
            {"state": "published"},
            "Only an approver can publish. Save it as a draft.",
            id="publishing",
        ),
        pytest.param(
            "published",
            {"notes": "checked"},
            "This observation is published: only an approver can change it.",
            id="changing what is published",
        ),
    ],
)
def test_what_only_an_approver_may_do_is_refused_to_an_officer(
    request, officer, start, change, message
):
    record = request.getfixturevalue(start)
    for name, value in change.items():
        setattr(record, name, value)

    with pytest.raises(PermissionDenied) as error:
        save_record(record, officer)

    assert str(error.value) == message
    assert Observation.objects.get().state == start


def test_a_change_to_a_published_figure_needs_a_reason_and_is_marked_revised(approver, published):
    published.value = Decimal("71.9")

    with pytest.raises(ValidationError) as error:
        save_record(published, approver)
    assert error.value.message_dict == {
        "revision_reason": ["Say why this published figure is changing."]
    }
    revision = save_record(published, approver, revision_reason="Revised in the 2020 release")

    assert revision is True
    stored = Observation.objects.get()
    assert (stored.value, stored.revised, stored.state) == (Decimal("71.9"), True, "published")
    assert stored.history.first().history_change_reason == "Revised in the 2020 release"


def test_changing_the_notes_of_a_published_figure_is_not_a_revision(approver, published):
    published.notes = "Checked against the release."

    assert check_write(published, approver) is False


def test_a_published_figure_never_goes_back_to_draft(approver, published):
    published.state = Observation.State.DRAFT

    with pytest.raises(ValidationError) as error:
        save_record(published, approver)

    assert list(error.value.message_dict) == ["state"]
    assert Observation.objects.get().is_published


def test_withdrawing_is_not_a_state_to_save(approver, published):
    published.state = Observation.State.WITHDRAWN

    with pytest.raises(ValidationError) as error:
        save_record(published, approver)

    assert list(error.value.message_dict) == ["state"]


def test_an_approver_withdraws_with_a_reason_kept_on_the_record_and_in_the_history(
    approver, published
):
    withdraw([published], approver, "  Published for the\nwrong period. ")

    stored = Observation.objects.get()
    assert stored.state == Observation.State.WITHDRAWN
    assert stored.withdrawal_reason == "Published for the wrong period."
    assert (stored.withdrawn_by, stored.updated_by) == (approver, approver)
    assert stored.withdrawn_at is not None
    assert stored.published_at is not None
    latest = stored.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        approver,
        "Withdrawn: Published for the wrong period.",
    )
    assert list(Observation.objects.published()) == []


@pytest.mark.parametrize(
    ("who", "start", "reason", "refused"),
    [
        pytest.param(
            "officer",
            "published",
            "Wrong period.",
            "Only an approver can withdraw a published observation.",
            id="an officer",
        ),
        pytest.param(
            "approver",
            "draft",
            "Wrong period.",
            [
                (
                    "More jobs: Oct 2018-Sep 2019 is not published: only published records are "
                    "withdrawn; a draft is deleted."
                )
            ],
            id="a draft",
        ),
        pytest.param(
            "approver",
            "published",
            " \n ",
            ["Say why it is withdrawn: readers see the reason."],
            id="no reason",
        ),
        pytest.param(
            "approver",
            "published",
            "x" * 501,
            ["Keep the reason to 500 characters or fewer."],
            id="too long a reason",
        ),
    ],
)
def test_a_withdrawal_is_refused(request, officer, approver, who, start, reason, refused):
    user = {"officer": officer, "approver": approver}[who]
    record = request.getfixturevalue(start)
    record.target.short_title = "More jobs"

    with pytest.raises((PermissionDenied, ValidationError)) as error:
        withdraw([record], user, reason)

    assert refusal(error) == refused
    assert Observation.objects.get().state == start


def test_a_withdrawn_record_stays_as_it_is(approver, published):
    withdraw([published], approver, "Wrong period.")
    published.notes = "Put back?"

    with pytest.raises(ValidationError) as error:
        save_record(published, approver)
    with pytest.raises(ValidationError):
        delete_drafts([published], approver)

    assert error.value.messages == [
        "This observation was withdrawn and cannot be changed: enter a new one instead."
    ]
    assert Observation.objects.get().notes == ""


def test_drafts_are_deleted_all_or_none(approver, rate_target, draft):
    published = Observation.objects.create(
        target=rate_target,
        period_end=datetime.date(2018, 9, 30),
        period_label="Oct 2017-Sep 2018",
        value=Decimal("70.1"),
        comparator_value=Decimal("74.9"),
        source="APS",
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )

    with pytest.raises(ValidationError) as error:
        delete_drafts([draft, published], approver)
    deleted = delete_drafts([draft], approver)

    assert "only drafts are deleted. Withdraw a published observation instead" in str(error.value)
    assert deleted == 1
    assert list(Observation.objects.all()) == [published]


def test_publishing_a_batch_is_all_or_none(approver, officer, rate_target, draft):
    assessment = PublishedAssessment.objects.create(
        target=rate_target,
        publication="Our progress",
        period_end=SEPTEMBER_2019,
        period_label="Oct 2018-Sep 2019",
        statement="The gap narrowed.",
    )

    with pytest.raises(PermissionDenied):
        publish([draft, assessment], officer)
    published = publish([draft, assessment], approver)

    assert [record.state for record in published] == ["published", "published"]
    assert draft.history.first().history_change_reason == "Published"


def test_a_long_reason_is_shortened_for_the_history_only():
    reason = "Revised " * 20

    assert len(history_reason(reason)) == 100
    assert history_reason(reason).endswith("…")
    assert history_reason("Revised in 2020") == "Revised in 2020"
