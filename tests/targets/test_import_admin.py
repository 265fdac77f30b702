"""The admin's import page, step by step, through the real admin: upload, preview, confirm."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from targets.importing import Action
from targets.models import Observation, Target
from targets.statistics_import import PLAIN_COLUMNS
from tests.targets.test_importing import MIDSUMMER_2025, RELEASE, SEPTEMBER_2018, store
from tests.targets.test_statistics_import import (
    EMPLOYMENT,
    EMPLOYMENT_2019,
    aps_records,
    find,
    nomis_csv,
    records_2018,
)

IMPORT_URL = reverse("admin:targets_observation_import")
EXAMPLE_URL = reverse("admin:targets_observation_import_example")
CHANGELIST_URL = reverse("admin:targets_observation_changelist")
CONFIRM_BUTTON = 'name="confirm"'


@pytest.fixture
def nomis_target(rate_target, north_east):
    """The employment rate target, set up to be read from a Nomis download."""
    rate_target.strategy.area = north_east
    rate_target.strategy.save()
    rate_target.nomis_variable = EMPLOYMENT
    rate_target.save()
    return rate_target


def upload(client, text, target=None, **fields):
    content = text if isinstance(text, bytes) else text.encode()
    data = {
        "file": SimpleUploadedFile("NM_17_5.data.csv", content, content_type="text/csv"),
        "format": "nomis",
        "target": target.pk if target else "",
        "source": "",
        "release": RELEASE,
    }
    data.update(fields)
    return client.post(IMPORT_URL, data)


def confirm(client, preview):
    """Press the preview's Import button: post back its hidden fields (a browser sends an
    empty one, such as a plain CSV's target, as empty text)."""
    form = preview.context["confirm_form"]
    data = {field.html_name: "" if field.value() is None else field.value() for field in form}
    return client.post(IMPORT_URL, {**data, "confirm": "Import"})


def two_periods():
    return nomis_csv(records_2018() + aps_records("2019-09", "Oct 2018-Sep 2019", EMPLOYMENT_2019))


def test_the_figures_list_links_to_the_import_page(officer_client):
    assertContains(officer_client.get(CHANGELIST_URL), f'href="{IMPORT_URL}"')


def test_the_import_page_asks_for_a_file_and_what_it_is(officer_client, nomis_target):
    response = officer_client.get(IMPORT_URL)

    assertTemplateUsed(response, "admin/targets/import_form.html")
    assertContains(response, 'enctype="multipart/form-data"')
    assertContains(response, 'name="csrfmiddlewaretoken"')
    assertContains(response, f'<option value="{nomis_target.pk}">Employment rate</option>')


def test_an_officer_uploads_a_nomis_file_sees_the_preview_and_confirms_it(
    officer_client, officer, nomis_target
):
    preview = upload(officer_client, two_periods(), nomis_target)

    assertTemplateUsed(preview, "admin/targets/import_preview.html")
    assertContains(preview, "2 to create, 0 to change, 0 unchanged.")
    plan = preview.context["plan"]
    assert [(p.row.period_label, p.row.value, p.row.comparator_value) for p in plan.rows] == [
        ("Oct 2017-Sep 2018", Decimal("71.55"), Decimal("75.52")),
        ("Oct 2018-Sep 2019", Decimal("72.02"), Decimal("76.23")),
    ]
    assertContains(preview, "<td>71.55</td>", html=True)
    assertContains(preview, "<td>76.23</td>", html=True)
    assertContains(preview, CONFIRM_BUTTON)
    assert Observation.objects.count() == 0

    done = confirm(officer_client, preview)

    assert done.status_code == 302
    assert done.url == CHANGELIST_URL
    assert [str(m) for m in get_messages(done.wsgi_request)] == ["Imported: 2 created."]
    assert list(
        Observation.objects.values_list("period_label", "value", "state", "release", "created_by")
    ) == [
        ("Oct 2017-Sep 2018", Decimal("71.55"), "draft", RELEASE, officer.pk),
        ("Oct 2018-Sep 2019", Decimal("72.02"), "draft", RELEASE, officer.pk),
    ]


def test_an_invalid_file_shows_every_error_and_no_import_button(officer_client, nomis_target):
    records = records_2018()
    find(records, "E08000024", "Numerator").update(OBS_VALUE="", OBS_STATUS="Q")
    find(records, "E12000007", "Denominator").update(OBS_VALUE="n/a")

    preview = upload(officer_client, nomis_csv(records), nomis_target)

    assertContains(preview, "Nothing can be imported until every row is valid.")
    assertContains(
        preview,
        "Line 27, column OBS_VALUE: No Numerator for E08000024 in Oct 2017-Sep 2018 "
        "(OBS_STATUS Q): the area&#x27;s figure cannot be added up without it.",
    )
    assertContains(preview, "Line 36, column OBS_VALUE: “n/a” is not a count.")
    assertNotContains(preview, CONFIRM_BUTTON)
    assert Observation.objects.count() == 0


def test_a_plain_csv_with_a_rate_above_100_shows_the_row_and_the_column(
    officer_client, rate_target
):
    text = (
        "target,period_end,period_label,value,comparator_value,source\n"
        "employment-rate,2018-09-30,Oct 2017-Sep 2018,71.55,75.52,APS\n"
        "employment-rate,2019-09-30,Oct 2018-Sep 2019,172.02,76.23,APS\n"
    )

    preview = upload(officer_client, text, format="plain")

    assertContains(preview, "Line 3, column value: A rate cannot be above 100%.")
    assertNotContains(preview, CONFIRM_BUTTON)


def test_a_plain_csv_with_a_period_ending_before_1950_shows_the_row_and_the_column(
    officer_client, rate_target
):
    text = (
        "target,period_end,period_label,value,comparator_value,source\n"
        "employment-rate,0001-09-30,A slip for 2021,71.55,75.52,APS\n"
    )

    preview = upload(officer_client, text, format="plain")

    assertContains(
        preview,
        "Line 2, column period_end: The period cannot end before 1950: no official series "
        "here is older (this one ends on 30 September 1).",
    )
    assertNotContains(preview, CONFIRM_BUTTON)
    assert not Observation.objects.exists()


def test_formatting_and_value_problems_are_listed_together_and_their_rows_marked(
    officer_client, rate_target
):
    text = (
        "target,period_end,period_label,value,comparator_value,source\n"
        "employment-rate,31/09/2018,Oct 2017-Sep 2018,71.55,75.52,APS\n"
        "Employment rate,30/09/2019,Oct 2018-Sep 2019,172.02,76.23,APS\n"
        "employment-rate,30/09/2020,Oct 2019-Sep 2020,73.1,75.9,APS\n"
        "employment-rat,30/09/2021,Oct 2020-Sep 2021,72.5,76.0,APS\n"
    )

    preview = upload(officer_client, text, format="plain")

    assertContains(preview, "The file has 3 problems: correct them all")
    assertContains(
        preview,
        '<li><a href="#line-2">Line 2, column period_end: “31/09/2018” is not a date like '
        "2019-09-30 or 30/09/2019.</a></li>"
        '<li><a href="#line-3">Line 3, column value: A rate cannot be above 100%.</a></li>'
        '<li><a href="#line-5">Line 5, column target: There is no target “employment-rat”: '
        "did you mean “employment-rate”?</a></li>",
        html=True,
    )
    # A row that could not be read is shown as written, marked, with its problem.
    assertContains(
        preview,
        """<tr id="line-2" class="import-problem">
          <th scope="row">2</th>
          <td><strong class="import-problem-tag">Problem</strong></td>
          <td>employment-rate</td><td>Oct 2017-Sep 2018</td><td>31/09/2018</td>
          <td>71.55</td><td>75.52</td><td>—</td><td>—</td>
          <td><ul class="errorlist"><li>Column period_end: “31/09/2018” is not a date like
            2019-09-30 or 30/09/2019.</li></ul></td>
        </tr>""",
        html=True,
    )
    # A row the rules refuse is shown as it would be saved, marked, with its problem.
    assertContains(
        preview,
        """<tr id="line-3" class="import-problem">
          <th scope="row">3</th>
          <td><strong class="import-problem-tag">Problem</strong></td>
          <td>Employment rate</td><td>Oct 2018-Sep 2019</td><td>2019-09-30</td>
          <td>172.02</td><td>76.23</td><td>—</td><td>no</td>
          <td><ul class="errorlist"><li>Column value: A rate cannot be above 100%.</li></ul></td>
        </tr>""",
        html=True,
    )
    assertContains(preview, 'class="import-problem"', count=3)
    assertContains(preview, '<tr id="line-4">')
    assertContains(preview, '<th scope="col">What changes, or the problem</th>', html=True)
    assertNotContains(preview, CONFIRM_BUTTON)


def test_a_file_separated_by_semicolons_with_uk_dates_and_a_byte_order_mark_imports(
    officer_client, rate_target
):
    text = (
        "target;period_end;period_label;value;comparator_value;source\r\n"
        "Employment rate;30/09/2018;Oct 2017-Sep 2018;71.55;75.52;APS\r\n"
    )

    preview = upload(officer_client, "\ufeff".encode() + text.encode(), format="plain")
    done = confirm(officer_client, preview)

    assert [str(m) for m in get_messages(done.wsgi_request)] == ["Imported: 1 created."]
    assert list(Observation.objects.values_list("target__slug", "period_end", "value")) == [
        ("employment-rate", SEPTEMBER_2018, Decimal("71.55"))
    ]


def test_a_nomis_download_uploaded_as_a_plain_csv_says_which_kind_it_looks_like(
    officer_client, nomis_target
):
    preview = upload(officer_client, two_periods(), format="plain")

    (problem,) = preview.context["plan"].problems
    assert str(problem) == (
        "Line 1: This looks like a Nomis download: choose “Nomis CSV download” and the target "
        "it measures."
    )
    assertNotContains(preview, CONFIRM_BUTTON)


# The example file


def test_the_import_page_links_to_the_example_file_and_describes_every_column(
    officer_client, rate_target
):
    response = officer_client.get(IMPORT_URL)

    assertContains(response, f'href="{EXAMPLE_URL}"')
    assertContains(response, "with two rows for Employment rate: it imports as it is")
    for column in PLAIN_COLUMNS:
        assertContains(response, f'<th scope="row"><code>{column}</code></th>', html=True)


def test_the_example_file_is_a_csv_to_download_with_every_column_and_the_first_targets_slug(
    officer_client, seed
):
    response = officer_client.get(EXAMPLE_URL)
    lines = response.content.decode("utf-8-sig").splitlines()

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="example-figures.csv"'
    assert response.content.startswith("\ufeff".encode())
    assert lines[0] == ",".join(PLAIN_COLUMNS)
    first = Target.objects.first()
    assert [line.split(",")[0] for line in lines[1:]] == [first.slug, first.slug]


def test_without_a_target_the_example_file_is_its_header_alone(officer_client):
    response = officer_client.get(EXAMPLE_URL)

    assert response.content.decode("utf-8-sig") == ",".join(PLAIN_COLUMNS) + "\r\n"


def test_the_example_uploaded_as_it_is_leaves_the_seeds_figures_as_they_are(officer_client, seed):
    example = officer_client.get(EXAMPLE_URL).content

    preview = upload(officer_client, example, format="plain")

    plan = preview.context["plan"]
    assert plan.problems == ()
    assert [planned.action for planned in plan.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assertContains(preview, "there is nothing to import")


@time_machine.travel(MIDSUMMER_2025, tick=False)
def test_the_example_uploaded_as_it_is_previews_without_a_problem_and_imports(
    officer_client, rate_target
):
    example = officer_client.get(EXAMPLE_URL).content

    preview = upload(officer_client, example, format="plain")
    confirm(officer_client, preview)

    assert preview.context["plan"].problems == ()
    assertContains(preview, "2 to create, 0 to change, 0 unchanged.")
    assert list(Observation.objects.values_list("period_end", "value", "state")) == [
        (datetime.date(2023, 12, 31), Decimal(50), "draft"),
        (datetime.date(2024, 12, 31), Decimal(50), "draft"),
    ]


def test_a_nomis_file_needs_its_target(officer_client, nomis_target):
    response = upload(officer_client, two_periods())

    assertTemplateUsed(response, "admin/targets/import_form.html")
    assert response.context["form"].errors == {
        "target": ["Choose the target this Nomis download measures."]
    }


def test_a_file_that_is_not_utf8_text_is_refused(officer_client, nomis_target):
    response = upload(
        officer_client, "", nomis_target, file=SimpleUploadedFile("x.csv", b"\xff\xfe\x00")
    )

    assert response.context["form"].errors == {
        "file": ["The file is not UTF-8 text: save it as CSV UTF-8."]
    }


def test_a_file_of_figures_already_stored_has_nothing_to_import(
    officer_client, officer, nomis_target
):
    store(nomis_target, value=Decimal("71.55"), comparator_value=Decimal("75.52"))

    preview = upload(officer_client, nomis_csv(records_2018()), nomis_target)

    assertContains(preview, "0 to create, 0 to change, 1 unchanged.")
    assertContains(preview, "there is nothing to import")
    assertNotContains(preview, CONFIRM_BUTTON)


def test_an_approver_revises_a_published_figure_through_the_page(
    approver_client, approver, nomis_target
):
    published = store(nomis_target, state=Observation.State.PUBLISHED)

    preview = upload(approver_client, two_periods(), nomis_target)
    done = confirm(approver_client, preview)

    assertContains(preview, "revise (published)")
    assertContains(preview, "value: 71.5 → 71.55; comparator_value: 75.5 → 75.52")
    assert [str(m) for m in get_messages(done.wsgi_request)] == ["Imported: 1 created, 1 revised."]
    published.refresh_from_db()
    assert (published.value, published.state, published.revised) == (
        Decimal("71.55"),
        "published",
        True,
    )


def test_the_confirmation_checks_the_file_again(officer_client, approver, nomis_target):
    draft = store(nomis_target)
    preview = upload(officer_client, nomis_csv(records_2018()), nomis_target)
    # An approver publishes the draft while the officer reads the preview.
    Observation.objects.filter(pk=draft.pk).update(
        state=Observation.State.PUBLISHED, published_at=draft.created_at
    )

    response = confirm(officer_client, preview)

    assertContains(
        response,
        "Line 2, column value: The figure for Oct 2017-Sep 2018 is published: only an "
        "approver can revise it.",
    )
    assertNotContains(response, CONFIRM_BUTTON)
    assert Observation.objects.get(period_end=SEPTEMBER_2018).value == Decimal("71.5")


def test_a_tampered_confirmation_is_sent_back_to_the_upload(officer_client, nomis_target):
    response = officer_client.post(IMPORT_URL, {"confirm": "Import", "format": "csv"})

    assert response.status_code == 302
    assert response.url == IMPORT_URL
    assert Observation.objects.count() == 0


@pytest.fixture
def clerk(django_user_model):
    """Staff who may look at figures but not add them."""
    user = django_user_model.objects.create_user(username="colin-clerk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_observation"))
    return user


def test_staff_who_may_not_add_figures_are_forbidden(client, clerk):
    client.force_login(clerk)

    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXAMPLE_URL).status_code == 403
    assert client.post(IMPORT_URL, {"confirm": "Import"}).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
