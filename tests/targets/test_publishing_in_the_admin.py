"""Drafts and publishing through the real admin: officers enter drafts, approvers publish."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.forms import CheckboxInput
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from targets.models import Observation
from targets.publishing import publish, withdraw

SEPTEMBER_2019 = datetime.date(2019, 9, 30)
SEPTEMBER_2018 = datetime.date(2018, 9, 30)
LOCKED = "This observation is published: only an approver can change it."

ADD_URL = reverse("admin:targets_observation_add")
CHANGELIST_URL = reverse("admin:targets_observation_changelist")


def change_url(observation):
    return reverse("admin:targets_observation_change", args=[observation.pk])


def delete_url(observation):
    return reverse("admin:targets_observation_delete", args=[observation.pk])


def target_url(target):
    return reverse("admin:targets_target_change", args=[target.pk])


def new_figure(target, **fields):
    """Every field of the add page, for a valid figure on the employment rate target.

    The unticked boxes (provisional, derived) are left out, as a browser leaves them out.
    """
    data = {
        "target": target.pk,
        "period_end": "2019-09-30",
        "period_label": "Oct 2018-Sep 2019",
        "value": "71.5",
        "comparator_value": "75.2",
        "subset_value": "",
        "source": "Annual Population Survey",
        "source_url": "",
        "release": "Nomis 21 Jan 2020",
        "notes": "",
    }
    data.update(fields)
    return data


def page_data(response):
    """What the page would post back unchanged: its form, and every inline's
    management form and rows, read from the page the admin rendered."""
    data = {}

    def add(form):
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            else:
                data[field.html_name] = "" if value is None else value

    add(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def store(target, state=Observation.State.DRAFT, **fields):
    values = {
        "target": target,
        "period_end": SEPTEMBER_2019,
        "period_label": "Oct 2018-Sep 2019",
        "value": Decimal("71.5"),
        "comparator_value": Decimal("75.2"),
        "source": "Annual Population Survey",
        "state": state,
    }
    if state == Observation.State.PUBLISHED:
        values["published_at"] = timezone.now()
    values.update(fields)
    return Observation.objects.create(**values)


@pytest.fixture
def draft(rate_target):
    return store(rate_target)


@pytest.fixture
def published(rate_target, approver):
    return store(rate_target, state=Observation.State.PUBLISHED, published_by=approver)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Adding a figure


def test_the_state_is_not_a_field_of_the_add_page_for_an_officer(officer_client, rate_target):
    response = officer_client.get(ADD_URL)

    assert response.status_code == 200
    assert "state" not in response.context["adminform"].form.fields


def test_the_state_is_a_field_of_the_add_page_for_an_approver(approver_client, rate_target):
    response = approver_client.get(ADD_URL)

    assert response.status_code == 200
    assert "state" in response.context["adminform"].form.fields


def test_an_officer_adding_a_figure_saves_a_draft_recorded_as_theirs(
    officer_client, officer, rate_target
):
    response = officer_client.post(ADD_URL, new_figure(rate_target))

    assert response.status_code == 302
    figure = Observation.objects.get()
    assert figure.state == Observation.State.DRAFT
    assert figure.value == Decimal("71.5")
    assert figure.created_by == officer
    assert figure.updated_by == officer
    assert figure.published_at is None
    assert figure.published_by is None


def test_an_officer_posting_state_published_still_saves_a_draft(officer_client, rate_target):
    """The state is read-only for officers, so the admin ignores a posted state."""
    response = officer_client.post(ADD_URL, new_figure(rate_target, state="published"))

    assert response.status_code == 302
    figure = Observation.objects.get()
    assert figure.state == Observation.State.DRAFT
    assert figure.published_at is None


def test_an_approver_can_save_a_figure_as_published(approver_client, approver, rate_target):
    before = timezone.now()

    response = approver_client.post(ADD_URL, new_figure(rate_target, state="published"))

    assert response.status_code == 302
    figure = Observation.objects.get()
    assert figure.state == Observation.State.PUBLISHED
    assert figure.published_by == approver
    assert before <= figure.published_at <= timezone.now()


def test_invalid_input_re_renders_the_add_page_with_the_error_and_saves_nothing(
    officer_client, rate_target
):
    response = officer_client.post(ADD_URL, new_figure(rate_target, value="120"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"value": ["A rate cannot be above 100%."]}
    assertContains(response, "A rate cannot be above 100%.")
    assert not Observation.objects.exists()


def test_a_period_ending_before_1950_is_refused_on_the_add_page(officer_client, rate_target):
    response = officer_client.post(
        ADD_URL, new_figure(rate_target, period_end="0001-12-31", period_label="2021")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "period_end": [
            (
                "The period cannot end before 1950: no official series here is older "
                "(this one ends on 31 December 1)."
            )
        ]
    }
    assert not Observation.objects.exists()


def test_a_second_figure_for_the_same_period_is_refused_on_the_add_page(
    officer_client, draft, rate_target
):
    response = officer_client.post(ADD_URL, new_figure(rate_target, value="72.0"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "period_end": [
            (
                "Employment rate already has a figure for the period ending 30 September 2019: "
                "change that one instead."
            )
        ]
    }
    assert list(Observation.objects.all()) == [draft]
    draft.refresh_from_db()
    assert draft.value == Decimal("71.5")


# Publishing


def test_an_officer_cannot_publish(officer, draft):
    with pytest.raises(PermissionDenied, match=r"^Only an approver can publish observations\.$"):
        publish([draft], officer)

    draft.refresh_from_db()
    assert draft.state == Observation.State.DRAFT


def test_an_officer_is_offered_only_the_deletion_of_drafts(officer_client, draft):
    response = officer_client.get(CHANGELIST_URL)

    assert response.status_code == 200
    observation_admin = admin.site._registry[Observation]
    assert observation_admin.get_action_choices(response.wsgi_request) == [
        ("", "---------"),
        ("delete_selected", "Delete the selected drafts"),
    ]
    assert b'value="publish_selected"' not in response.content
    assert b'value="withdraw_selected"' not in response.content


def test_an_approver_is_offered_publishing_withdrawal_and_the_deletion_of_drafts(
    approver_client, draft
):
    response = approver_client.get(CHANGELIST_URL)

    assert response.status_code == 200
    assert response.context["action_form"].fields["action"].choices == [
        ("", "---------"),
        ("publish_selected", "Publish the selected drafts"),
        ("withdraw_selected", "Withdraw the selected published records"),
        ("delete_selected", "Delete the selected drafts"),
    ]


def test_an_officer_posting_the_publish_action_publishes_nothing(officer_client, draft):
    response = officer_client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [draft.pk], "index": "0"},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Observation.State.DRAFT
    assert draft.published_at is None


def test_the_publish_action_publishes_the_selected_drafts_for_an_approver(
    approver_client, approver, officer, rate_target
):
    older = store(rate_target, period_end=SEPTEMBER_2018, period_label="Oct 2017-Sep 2018")
    newer = store(rate_target, created_by=officer)
    before = timezone.now()

    response = approver_client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [older.pk, newer.pk], "index": "0"},
        follow=True,
    )

    assert messages_of(response) == ["Published 2 observations."]
    for figure in (older, newer):
        figure.refresh_from_db()
        assert figure.state == Observation.State.PUBLISHED
        assert figure.published_by == approver
        assert before <= figure.published_at <= timezone.now()
        assert figure.updated_by == approver
    assert newer.created_by == officer


def test_the_publish_action_leaves_a_figure_already_published_alone(
    approver_client, officer, published
):
    first_published_at = published.published_at

    response = approver_client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [published.pk], "index": "0"},
        follow=True,
    )

    assert messages_of(response) == ["Published 0 observations."]
    published.refresh_from_db()
    assert published.published_at == first_published_at
    assert published.updated_by is None


def test_publishing_a_draft_that_no_longer_validates_publishes_nothing_without_a_crash(
    approver_client, rate_target
):
    """Such a draft predates a correction to its target, or came from an import."""
    stale = store(rate_target, value=Decimal(120))

    response = approver_client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [stale.pk], "index": "0"},
    )

    assert response.status_code == 302
    assert messages_of(response) == [
        f"Nothing was published. {stale} cannot be published: A rate cannot be above 100%."
    ]
    stale.refresh_from_db()
    assert stale.state == Observation.State.DRAFT


# Changing and deleting


def test_an_officer_sees_a_published_figure_read_only(officer_client, published):
    response = officer_client.get(change_url(published))

    assert response.status_code == 200
    assert response.context["title"] == "View observation"
    assert response.context["has_change_permission"] is False


def test_an_officer_cannot_change_a_published_figure(officer_client, published):
    data = new_figure(published.target, value="60.0")

    response = officer_client.post(change_url(published), data)

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.value == Decimal("71.5")
    assert published.state == Observation.State.PUBLISHED


def test_an_officer_cannot_delete_a_published_figure(officer_client, published):
    assert officer_client.get(delete_url(published)).status_code == 403

    response = officer_client.post(delete_url(published), {"post": "yes"})

    assert response.status_code == 403
    assert list(Observation.objects.all()) == [published]


def test_an_officer_can_change_a_draft(officer_client, officer, draft):
    page = officer_client.get(change_url(draft))
    assert page.status_code == 200
    data = page_data(page) | {"value": "72.25"}

    response = officer_client.post(change_url(draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.value == Decimal("72.25")
    assert draft.state == Observation.State.DRAFT
    assert draft.updated_by == officer


def test_an_officer_can_delete_a_draft(officer_client, draft):
    response = officer_client.post(delete_url(draft), {"post": "yes"})

    assert response.status_code == 302
    assert not Observation.objects.exists()


def test_an_approver_can_change_a_published_figure_and_it_stays_published(
    approver_client, approver, published
):
    first_published_at = published.published_at
    page = approver_client.get(change_url(published))
    data = page_data(page) | {"value": "72.25", "revision_reason": "Revised in the 2024 release"}

    response = approver_client.post(change_url(published), data)

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.value == Decimal("72.25")
    assert published.state == Observation.State.PUBLISHED
    assert published.published_at == first_published_at
    assert published.updated_by == approver
    assert published.revised
    latest, earlier = published.history.all()[:2]
    assert latest.history_change_reason == "Revised in the 2024 release"
    assert latest.history_user == approver
    assert earlier.value == Decimal("71.5")


def test_a_revision_of_a_published_figure_needs_a_reason(approver_client, published):
    data = page_data(approver_client.get(change_url(published))) | {"value": "72.25"}

    response = approver_client.post(change_url(published), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "revision_reason": ["Say why this published figure is changing."]
    }
    published.refresh_from_db()
    assert published.value == Decimal("71.5")
    assert not published.revised


def test_changing_only_the_notes_of_a_published_figure_is_not_a_revision(
    approver_client, published
):
    data = page_data(approver_client.get(change_url(published))) | {"notes": "Checked."}

    response = approver_client.post(change_url(published), data)

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.notes == "Checked."
    assert not published.revised


def test_an_approver_cannot_return_a_published_figure_to_draft_silently(approver_client, published):
    data = page_data(approver_client.get(change_url(published))) | {"state": "draft"}

    response = approver_client.post(change_url(published), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["state"] == [
        (
            "A published observation cannot go back to draft: withdraw it, with a reason, so "
            "that readers are told."
        )
    ]
    published.refresh_from_db()
    assert published.state == Observation.State.PUBLISHED
    assert published.published_at is not None


def test_the_history_records_the_officer_who_changed_a_figure(officer_client, officer, draft):
    data = page_data(officer_client.get(change_url(draft))) | {"value": "72.25"}

    officer_client.post(change_url(draft), data)

    latest = draft.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == officer
    assert latest.value == Decimal("72.25")


def test_the_history_records_the_officer_who_added_a_figure(officer_client, officer, rate_target):
    officer_client.post(ADD_URL, new_figure(rate_target))

    (created,) = Observation.objects.get().history.all()
    assert created.history_type == "+"
    assert created.history_user == officer


def test_an_officer_cannot_revert_a_published_figure_to_its_draft_version(
    officer_client, approver, draft
):
    draft_version = draft.history.get()
    publish([draft], approver)
    url = reverse("admin:targets_observation_simple_history", args=[draft.pk, draft_version.pk])
    data = page_data(officer_client.get(url))

    response = officer_client.post(url, data)

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.state == Observation.State.PUBLISHED
    assert draft.published_by == approver


# The figures inline on the target's page


def test_an_officer_adds_a_draft_on_the_target_page(officer_client, officer, rate_target):
    data = page_data(officer_client.get(target_url(rate_target)))
    assert data["observations-TOTAL_FORMS"] == 0
    data |= {
        "observations-TOTAL_FORMS": "1",
        "observations-0-id": "",
        "observations-0-target": rate_target.pk,
        "observations-0-period_end": "2019-09-30",
        "observations-0-period_label": "Oct 2018-Sep 2019",
        "observations-0-value": "71.5",
        "observations-0-comparator_value": "75.2",
        "observations-0-subset_value": "",
        "observations-0-state": "published",
        "observations-0-source": "Annual Population Survey",
    }

    response = officer_client.post(target_url(rate_target), data)

    assert response.status_code == 302
    figure = rate_target.observations.get()
    assert figure.state == Observation.State.DRAFT
    assert figure.value == Decimal("71.5")
    assert figure.created_by == officer
    assert figure.history.get().history_user == officer


def test_an_officer_can_save_the_target_page_with_a_published_figure_unchanged(
    officer_client, rate_target, published
):
    data = page_data(officer_client.get(target_url(rate_target))) | {"short_title": "Jobs rate"}

    response = officer_client.post(target_url(rate_target), data)

    assert response.status_code == 302
    rate_target.refresh_from_db()
    assert rate_target.short_title == "Jobs rate"
    published.refresh_from_db()
    assert published.updated_by is None


def test_an_officer_cannot_change_a_published_figure_on_the_target_page(
    officer_client, rate_target, published
):
    data = page_data(officer_client.get(target_url(rate_target)))
    data["observations-0-value"] = "60.0"

    response = officer_client.post(target_url(rate_target), data)

    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0]
    assert inline.formset.errors == [{"__all__": [LOCKED]}]
    assertContains(response, LOCKED)
    published.refresh_from_db()
    assert published.value == Decimal("71.5")


def test_an_officer_can_change_a_draft_on_the_target_page(
    officer_client, officer, rate_target, draft
):
    data = page_data(officer_client.get(target_url(rate_target)))
    data["observations-0-value"] = "72.25"

    response = officer_client.post(target_url(rate_target), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.value == Decimal("72.25")
    assert draft.updated_by == officer
    assert draft.history.first().history_user == officer


def test_a_published_figure_is_revised_on_its_own_page_not_on_the_target_page(
    approver_client, rate_target, published
):
    data = page_data(approver_client.get(target_url(rate_target)))
    data["observations-0-value"] = "72.25"

    response = approver_client.post(target_url(rate_target), data)

    assert response.status_code == 200
    assert "A published figure is revised on its own page" in response.content.decode()
    published.refresh_from_db()
    assert published.value == Decimal("71.5")


def test_an_officer_cannot_publish_on_the_target_page(officer_client, rate_target, draft):
    data = page_data(officer_client.get(target_url(rate_target)))
    data["observations-0-state"] = "published"

    response = officer_client.post(target_url(rate_target), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Observation.State.DRAFT


def test_an_officer_cannot_delete_a_published_figure_on_the_target_page(
    officer_client, rate_target, published
):
    data = page_data(officer_client.get(target_url(rate_target)))
    data["observations-0-DELETE"] = "on"

    officer_client.post(target_url(rate_target), data)

    assert list(Observation.objects.all()) == [published]


# Withdrawing: a published figure is never deleted


def withdraw_url(observation):
    return reverse("admin:targets_observation_withdraw", args=[observation.pk])


def test_not_even_an_approver_deletes_a_published_figure(approver_client, published):
    assert approver_client.get(delete_url(published)).status_code == 403

    response = approver_client.post(delete_url(published), {"post": "yes"})

    assert response.status_code == 403
    assert Observation.objects.get().is_published


def test_an_approver_deleting_a_published_figure_on_the_target_page_is_told_to_withdraw_it(
    approver_client, rate_target, published
):
    data = page_data(approver_client.get(target_url(rate_target)))
    data["observations-0-DELETE"] = "on"

    response = approver_client.post(target_url(rate_target), data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.non_form_errors() == [
        (
            "Oct 2018-Sep 2019 is published: only drafts are deleted. Withdraw a published figure "
            "on its own page, giving the reason."
        )
    ]
    assert Observation.objects.get().is_published


def test_the_change_page_of_a_published_figure_offers_withdrawal_to_an_approver(
    approver_client, published
):
    assertContains(approver_client.get(change_url(published)), f'href="{withdraw_url(published)}"')


def test_an_officer_is_not_offered_withdrawal(officer_client, published):
    assert withdraw_url(published) not in officer_client.get(change_url(published)).content.decode()
    assert officer_client.get(withdraw_url(published)).status_code == 403


def test_an_approver_withdraws_a_figure_with_a_reason_and_the_admin_records_it(
    approver_client, approver, published
):
    page = approver_client.get(withdraw_url(published))
    assertContains(page, "Why is it withdrawn?")

    response = approver_client.post(
        withdraw_url(published), {"withdrawal_reason": "Published for the wrong period."}
    )

    assert response.status_code == 302
    assert response.url == change_url(published)
    published.refresh_from_db()
    assert published.state == Observation.State.WITHDRAWN
    assert published.withdrawal_reason == "Published for the wrong period."
    assert published.withdrawn_by == approver
    assert published.published_at is not None
    entry = LogEntry.objects.get(object_id=str(published.pk))
    assert (entry.user, entry.get_change_message()) == (
        approver,
        "Withdrawn: Published for the wrong period.",
    )
    withdrawn_page = approver_client.get(change_url(published))
    assertContains(withdrawn_page, "was withdrawn on")
    assertContains(withdrawn_page, "Published for the wrong period.")
    assert not withdrawn_page.context["has_change_permission"]


def test_a_withdrawal_without_a_reason_is_refused_and_changes_nothing(approver_client, published):
    response = approver_client.post(withdraw_url(published), {"withdrawal_reason": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors == {"withdrawal_reason": ["This field is required."]}
    assert Observation.objects.get().is_published


def test_the_bulk_withdrawal_asks_why_then_withdraws_them_all(
    approver_client, rate_target, published
):
    other = store(
        rate_target,
        period_end=SEPTEMBER_2018,
        period_label="Oct 2017-Sep 2018",
        state=Observation.State.PUBLISHED,
    )
    selection = {"action": "withdraw_selected", "_selected_action": [published.pk, other.pk]}

    question = approver_client.post(CHANGELIST_URL, selection)
    answered = approver_client.post(
        CHANGELIST_URL, selection | {"withdrawal_reason": "The release was withdrawn by ONS."}
    )

    assert question.status_code == 200
    assertContains(question, "Why is it withdrawn?")
    assert answered.status_code == 302
    assert set(Observation.objects.values_list("state", "withdrawal_reason")) == {
        ("withdrawn", "The release was withdrawn by ONS.")
    }
    assert LogEntry.objects.filter(change_message__startswith="Withdrawn:").count() == 2


def test_the_bulk_withdrawal_of_a_draft_withdraws_nothing(approver_client, rate_target, published):
    draft = store(rate_target, period_end=SEPTEMBER_2018, period_label="Oct 2017-Sep 2018")
    selection = {"action": "withdraw_selected", "_selected_action": [published.pk, draft.pk]}

    response = approver_client.post(
        CHANGELIST_URL, selection | {"withdrawal_reason": "Wrong period."}, follow=True
    )

    assert any("Nothing was withdrawn" in message for message in messages_of(response))
    assert Observation.objects.get(pk=published.pk).is_published


def test_the_bulk_deletion_deletes_drafts_and_refuses_published_figures(
    approver_client, rate_target, published
):
    draft = store(rate_target, period_end=SEPTEMBER_2018, period_label="Oct 2017-Sep 2018")
    mixed = {"action": "delete_selected", "_selected_action": [draft.pk, published.pk]}
    drafts_only = {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"}

    refused = approver_client.post(CHANGELIST_URL, mixed, follow=True)
    assert Observation.objects.count() == 2
    deleted = approver_client.post(CHANGELIST_URL, drafts_only)

    assert any("Nothing was deleted" in message for message in messages_of(refused))
    assert deleted.status_code == 302
    assert list(Observation.objects.all()) == [published]


def test_publishing_is_in_the_admin_s_recent_actions(approver_client, approver, draft):
    approver_client.post(
        CHANGELIST_URL, {"action": "publish_selected", "_selected_action": [draft.pk]}
    )

    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert (entry.user, entry.get_change_message()) == (approver, "Published.")


def test_a_new_figure_may_be_entered_for_the_period_of_a_withdrawn_one(
    approver_client, approver, rate_target, published
):
    withdraw([published], approver, "Published for the wrong period.")

    response = approver_client.post(ADD_URL, new_figure(rate_target, state="draft"))

    assert response.status_code == 302
    assert sorted(Observation.objects.filter(period_end=SEPTEMBER_2019).values_list("state")) == [
        ("draft",),
        ("withdrawn",),
    ]
