"""The import workflow on a real database: what `plan_import` says an import would do,
what `apply_import` writes (all or nothing), and the `import_statistics` command."""

import datetime
import re
import zoneinfo
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from strategy.models import Area
from targets.importing import (
    Action,
    FigureChange,
    ImportResult,
    apply_import,
    example_rows,
    plain_csv,
    plan_file,
    plan_import,
)
from targets.models import Observation
from targets.publishing import withdraw
from targets.statistics_import import ImportProblem, ImportProblems, ImportRow, parse_plain_csv
from tests.targets.test_statistics_import import (
    EMPLOYMENT,
    EMPLOYMENT_2019,
    NOTES_2018,
    aps_records,
    find,
    nomis_csv,
    records_2018,
)

SEPTEMBER_2018 = datetime.date(2018, 9, 30)
SEPTEMBER_2019 = datetime.date(2019, 9, 30)
RELEASE = "APS, Nomis 20 Jan 2021"
# A summer's day in 2025, for what depends on today: the last December ended in 2024.
MIDSUMMER_2025 = datetime.datetime(2025, 6, 21, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


def row(**fields):
    """A valid row for the employment rate target (a gap target on a percentage)."""
    values = {
        "line": 2,
        "target": "employment-rate",
        "period_end": SEPTEMBER_2018,
        "period_label": "Oct 2017-Sep 2018",
        "value": Decimal("71.55"),
        "comparator_value": Decimal("75.52"),
        "source": "Annual Population Survey",
    }
    values.update(fields)
    return ImportRow(**values)


def store(target, state=Observation.State.DRAFT, **fields):
    values = {
        "target": target,
        "period_end": SEPTEMBER_2018,
        "period_label": "Oct 2017-Sep 2018",
        "value": Decimal("71.5"),
        "comparator_value": Decimal("75.5"),
        "source": "Annual Population Survey",
        "release": "APS, Nomis 21 Jan 2020",
        "state": state,
    }
    if state == Observation.State.PUBLISHED:
        values["published_at"] = timezone.now()
    values.update(fields)
    return Observation.objects.create(**values)


def history_count():
    return Observation.history.count()


@pytest.fixture
def nomis_target(rate_target, north_east):
    """The employment rate target, set up to be read from a Nomis download."""
    rate_target.strategy.area = north_east
    rate_target.strategy.save()
    rate_target.nomis_variable = EMPLOYMENT
    rate_target.source = "Annual Population Survey (APS), ONS via Nomis"
    rate_target.save()
    return rate_target


# Planning and applying


def test_new_figures_are_planned_as_creations_and_saved_as_drafts(rate_target, officer):
    rows = [row(), row(line=3, period_end=SEPTEMBER_2019, period_label="Oct 2018-Sep 2019")]

    plan = plan_import(rows, officer)
    result = apply_import(plan, officer, RELEASE)

    assert [planned.action for planned in plan.rows] == [Action.CREATE, Action.CREATE]
    assert plan.problems == ()
    assert result == ImportResult(created=2)
    assert str(result) == "Imported: 2 created."
    saved = list(
        Observation.objects.values_list(
            "period_end", "value", "comparator_value", "state", "release", "created_by"
        )
    )
    assert saved == [
        (SEPTEMBER_2018, Decimal("71.55"), Decimal("75.52"), "draft", RELEASE, officer.pk),
        (SEPTEMBER_2019, Decimal("71.55"), Decimal("75.52"), "draft", RELEASE, officer.pk),
    ]
    assert Observation.history.first().history_change_reason == f"Imported from {RELEASE}"


def test_an_import_never_publishes_even_for_an_approver(rate_target, approver):
    apply_import(plan_import([row()], approver), approver, RELEASE)

    assert Observation.objects.get().state == Observation.State.DRAFT


def test_importing_the_same_rows_again_changes_nothing_and_writes_no_history(rate_target, officer):
    apply_import(plan_import([row()], officer), officer, RELEASE)
    updated_at = Observation.objects.get().updated_at
    histories = history_count()

    plan = plan_import([row()], officer)
    result = apply_import(plan, officer, RELEASE)

    assert [planned.action for planned in plan.rows] == [Action.UNCHANGED]
    assert not plan.writes_anything
    assert str(result) == "Imported: 1 unchanged."
    assert history_count() == histories
    assert Observation.objects.get().updated_at == updated_at


def test_a_figure_stored_with_more_decimal_places_is_unchanged_by_the_same_figure(
    rate_target, officer
):
    store(rate_target, value=Decimal("71.550000"), comparator_value=Decimal("75.520000"))

    plan = plan_import([row()], officer)

    assert [planned.action for planned in plan.rows] == [Action.UNCHANGED]


def test_a_changed_draft_is_changed_in_place_and_not_marked_revised(rate_target, officer):
    draft = store(rate_target)

    plan = plan_import([row()], officer)
    result = apply_import(plan, officer, RELEASE)

    (planned,) = plan.rows
    assert (planned.action, planned.is_revision) == (Action.CHANGE, False)
    assert [str(change) for change in planned.changes] == [
        "value: 71.5 → 71.55",
        "comparator_value: 75.5 → 75.52",
    ]
    assert result == ImportResult(changed=1)
    draft.refresh_from_db()
    assert (draft.value, draft.revised, draft.release, draft.updated_by) == (
        Decimal("71.55"),
        False,
        RELEASE,
        officer,
    )


def test_an_approver_revises_a_published_figure_which_stays_published_and_marked_revised(
    rate_target, approver
):
    published = store(rate_target, state=Observation.State.PUBLISHED, published_by=approver)
    published_at = published.published_at

    plan = plan_import([row()], approver)
    result = apply_import(plan, approver, RELEASE)

    (planned,) = plan.rows
    assert planned.changes == (
        FigureChange("value", Decimal("71.500000"), Decimal("71.55")),
        FigureChange("comparator_value", Decimal("75.500000"), Decimal("75.52")),
    )
    assert planned.is_revision
    assert plan.summary() == "0 to create, 1 to change (1 published, to be revised), 0 unchanged"
    assert str(result) == "Imported: 1 revised."
    published.refresh_from_db()
    assert (published.value, published.state, published.revised, published.published_at) == (
        Decimal("71.55"),
        Observation.State.PUBLISHED,
        True,
        published_at,
    )
    latest, earlier = published.history.all()[:2]
    assert latest.history_change_reason == f"Revised in {RELEASE}"
    assert (latest.value, earlier.value) == (Decimal("71.55"), Decimal("71.5"))


def test_a_provisional_figure_confirmed_unchanged_is_a_change(rate_target, approver):
    store(
        rate_target,
        value=Decimal("71.55"),
        comparator_value=Decimal("75.52"),
        provisional=True,
    )

    (planned,) = plan_import([row()], approver).rows

    assert planned.changes == (FigureChange("provisional", True, False),)
    assert str(planned.changes[0]) == "provisional: yes → no"


def test_an_officer_cannot_revise_a_published_figure(rate_target, officer, approver):
    published = store(rate_target, state=Observation.State.PUBLISHED, published_by=approver)

    plan = plan_import([row(line=5)], officer)

    assert plan.problems == (
        ImportProblem(
            5,
            "value",
            "The figure for Oct 2017-Sep 2018 is published: only an approver can revise it.",
        ),
    )
    with pytest.raises(ImportProblems):
        apply_import(plan, officer, RELEASE)
    published.refresh_from_db()
    assert (published.value, published.revised) == (Decimal("71.5"), False)


def test_a_plan_made_for_an_approver_cannot_be_applied_by_an_officer(
    rate_target, officer, approver
):
    published = store(rate_target, state=Observation.State.PUBLISHED)
    plan = plan_import([row()], approver)

    with pytest.raises(
        PermissionDenied, match=r"^Only an approver can revise published figures\.$"
    ):
        apply_import(plan, officer, RELEASE)

    published.refresh_from_db()
    assert (published.value, published.revised) == (Decimal("71.5"), False)


def test_an_officer_may_import_a_file_that_leaves_published_figures_as_they_are(
    rate_target, officer, approver
):
    store(
        rate_target,
        state=Observation.State.PUBLISHED,
        value=Decimal("71.55"),
        comparator_value=Decimal("75.52"),
    )
    rows = [row(), row(line=3, period_end=SEPTEMBER_2019, period_label="Oct 2018-Sep 2019")]

    plan = plan_import(rows, officer)

    assert [planned.action for planned in plan.rows] == [Action.UNCHANGED, Action.CREATE]
    assert plan.problems == ()


def test_nothing_is_written_when_one_row_of_many_is_invalid(rate_target, officer):
    store(rate_target, period_end=datetime.date(2017, 9, 30), period_label="Oct 2016-Sep 2017")
    rows = [
        row(line=2),
        row(line=3, period_end=SEPTEMBER_2019, period_label="Oct 2018-Sep 2019"),
        row(line=4, period_end=datetime.date(2017, 9, 30), value=Decimal(120)),
    ]
    before = Observation.objects.count()

    plan = plan_import(rows, officer)
    with pytest.raises(ImportProblems) as error:
        apply_import(plan, officer, RELEASE)

    assert error.value.problems == (ImportProblem(4, "value", "A rate cannot be above 100%."),)
    assert Observation.objects.count() == before == 1
    assert Observation.objects.get().value == Decimal("71.5")


def test_a_figure_entered_between_the_preview_and_the_import_undoes_the_whole_import(
    rate_target, officer
):
    rows = [row(), row(line=3, period_end=SEPTEMBER_2019, period_label="Oct 2018-Sep 2019")]
    plan = plan_import(rows, officer)
    store(rate_target, period_end=SEPTEMBER_2019, period_label="Oct 2018-Sep 2019")

    with pytest.raises(ImportProblems) as error:
        apply_import(plan, officer, RELEASE)

    assert [str(problem) for problem in error.value.problems] == [
        (
            "Line 3, column period_end: Employment rate already has a figure for the period "
            "ending 30 September 2019: change that one instead."
        ),
    ]
    assert list(Observation.objects.values_list("period_end", flat=True)) == [SEPTEMBER_2019]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        pytest.param(
            {"value": Decimal("100.5")},
            ImportProblem(2, "value", "A rate cannot be above 100%."),
            id="rate-above-100",
        ),
        pytest.param(
            {"comparator_value": None},
            ImportProblem(
                2,
                "comparator_value",
                "This target is measured against England excluding London: enter its figure "
                "for the same period.",
            ),
            id="missing-comparator",
        ),
        pytest.param(
            {"target": "gdp"},
            ImportProblem(2, "target", "There is no target “gdp”: give a target's slug or title."),
            id="unknown-target",
        ),
        pytest.param(
            {"source": ""},
            ImportProblem(2, "source", "This field cannot be blank."),
            id="no-source",
        ),
        pytest.param(
            {"value": Decimal("71.1234567")},
            ImportProblem(2, "value", "Ensure that there are no more than 6 decimal places."),
            id="too-precise",
        ),
    ],
)
def test_a_row_the_rules_refuse_is_an_error_naming_the_row_and_the_column(
    rate_target, officer, fields, problem
):
    plan = plan_import([row(**fields)], officer)

    assert plan.problems == (problem,)


def test_a_period_in_the_future_is_refused(rate_target, officer):
    today = timezone.localdate()
    next_year = datetime.date(today.year + 1, 12, 31)

    plan = plan_import([row(period_end=next_year, period_label="a future year")], officer)

    assert plan.problems == (
        ImportProblem(
            2,
            "period_end",
            f"The period cannot end in the future (today is {today.day} {today:%B %Y}).",
        ),
    )


def test_a_period_ending_before_1950_is_refused(rate_target, officer):
    plan = plan_import(
        [row(period_end=datetime.date(1, 12, 31), period_label="a slip for 2021")], officer
    )

    assert plan.problems == (
        ImportProblem(
            2,
            "period_end",
            (
                "The period cannot end before 1950: no official series here is older "
                "(this one ends on 31 December 1)."
            ),
        ),
    )


def test_a_period_given_twice_for_a_target_is_an_error_on_the_second_row(rate_target, officer):
    plan = plan_import([row(line=2), row(line=7, value=Decimal(72))], officer)

    assert plan.problems == (
        ImportProblem(
            7,
            "period_end",
            "Line 2 already has employment-rate for the period ending 2018-09-30.",
        ),
    )


# Naming the target


@pytest.mark.parametrize(
    "name",
    [
        "employment-rate",
        "EMPLOYMENT-RATE",
        "Employment rate",
        "employment  RATE",
        "close the gap with England excluding London in the employment rate",
    ],
)
def test_a_row_names_its_target_by_slug_title_or_short_title_in_any_case(
    rate_target, officer, name
):
    (planned,) = plan_import([row(target=name)], officer).rows

    assert (planned.action, planned.observation.target) == (Action.CREATE, rate_target)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("employment-rat", "There is no target “employment-rat”: did you mean “employment-rate”?"),
        ("Employment rte", "There is no target “Employment rte”: did you mean “Employment rate”?"),
    ],
)
def test_an_unknown_target_suggests_the_nearest_slug_or_title(rate_target, officer, name, message):
    plan = plan_import([row(target=name)], officer)

    assert plan.problems == (ImportProblem(2, "target", message),)


def test_a_title_that_two_targets_share_asks_for_a_slug(make_target, officer):
    make_target(slug="more-jobs")
    make_target(slug="more-jobs-by-2030")

    plan = plan_import([row(target="More jobs", value=Decimal(800_000))], officer)

    assert plan.problems == (
        ImportProblem(
            2,
            "target",
            "“More jobs” names 2 targets: give the slug of one (more-jobs, more-jobs-by-2030).",
        ),
    )


def test_one_target_named_two_ways_for_the_same_period_is_given_twice(rate_target, officer):
    plan = plan_import([row(line=2), row(line=3, target="Employment rate")], officer)

    assert plan.problems == (
        ImportProblem(
            3, "period_end", "Line 2 already has employment-rate for the period ending 2018-09-30."
        ),
    )


# Whole files


def test_the_problems_of_reading_and_of_the_rules_come_together_in_the_files_order(
    rate_target, officer
):
    text = (
        "target,period_end,period_label,value,comparator_value,source\n"
        "employment-rate,31/09/2018,Oct 2017-Sep 2018,71.55,75.52,APS\n"
        "employment-rate,30/09/2019,Oct 2018-Sep 2019,172.02,76.23,APS\n"
        "employment-rate,30/09/2020,Oct 2019-Sep 2020,73.1,75.9,APS\n"
        "employment rat,30/09/2021,Oct 2020-Sep 2021,n/a,76.0,APS\n"
        "employment-rat,30/09/2021,Oct 2020-Sep 2021,72.5,76.0,APS\n"
    )

    plan = plan_file(parse_plain_csv(text), officer)

    assert [str(problem) for problem in plan.problems] == [
        "Line 2, column period_end: “31/09/2018” is not a date like 2019-09-30 or 30/09/2019.",
        "Line 3, column value: A rate cannot be above 100%.",
        "Line 5, column value: “n/a” is not a number like 71.55.",
        (
            "Line 6, column target: There is no target “employment-rat”: did you mean "
            "“employment-rate”?"
        ),
    ]
    assert [(planned.row.line, planned.action) for planned in plan.rows] == [
        (3, Action.CREATE),
        (4, Action.CREATE),
    ]
    assert sorted(plan.cells) == [2, 3, 4, 5, 6]
    with pytest.raises(ImportProblems):
        apply_import(plan, officer, RELEASE)
    assert Observation.objects.count() == 0


# The example file


@time_machine.travel(MIDSUMMER_2025, tick=False)
def test_the_example_for_a_target_without_figures_makes_them_up_for_the_last_periods_ended(
    rate_target,
):
    # The series ends in December, as its baseline (31 December 2014) does.
    assert plain_csv(example_rows(rate_target)) == (
        "target,period_end,period_label,value,comparator_value,subset_value,source,"
        "provisional,notes\r\n"
        "employment-rate,2023-12-31,Jan 2023-Dec 2023,50,60,,APS,no,"
        "Example figures: put the release's figures in their place.\r\n"
        "employment-rate,2024-12-31,Jan 2024-Dec 2024,50,60,,APS,no,"
        "Example figures: put the release's figures in their place.\r\n"
    )


@time_machine.travel(MIDSUMMER_2025, tick=False)
def test_the_example_gives_the_latest_published_figure_and_skips_the_periods_of_drafts(
    rate_target,
):
    store(rate_target, state=Observation.State.PUBLISHED, provisional=True)
    store(rate_target, period_end=datetime.date(2024, 12, 31), period_label="Jan 2024-Dec 2024")

    rows = example_rows(rate_target)

    assert rows == [
        ImportRow(
            line=0,
            target="employment-rate",
            period_end=SEPTEMBER_2018,
            period_label="Oct 2017-Sep 2018",
            value=Decimal("71.5"),
            comparator_value=Decimal("75.5"),
            source="Annual Population Survey",
            provisional=True,
        ),
        ImportRow(
            line=0,
            target="employment-rate",
            period_end=datetime.date(2023, 12, 31),
            period_label="Jan 2023-Dec 2023",
            value=Decimal(50),
            comparator_value=Decimal(60),
            source="APS",
            notes="Example figures: put the release's figures in their place.",
        ),
    ]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({}, id="a-count"),
        pytest.param(
            {
                "kind": "share_of_change",
                "parameter": Decimal("0.7"),
                "subset_indicator": "Better jobs",
            },
            id="a-share",
        ),
        pytest.param(
            {
                "value_type": "percentage",
                "unit": "%",
                "kind": "reduce_gap",
                "parameter": Decimal("0.5"),
                "comparator": "England",
                "gap_measure": "difference",
                "baseline_date": None,
                "target_date": None,
            },
            id="a-gap-without-dates",
        ),
    ],
)
def test_the_example_of_any_kind_of_target_imports_without_a_problem(make_target, officer, fields):
    if "comparator" in fields:
        england = Area.objects.create(name="England", code="E92000001", kind=Area.Kind.NATION)
        fields = {**fields, "comparator": england}
    target = make_target(**fields)

    plan = plan_file(parse_plain_csv(plain_csv(example_rows(target))), officer)

    assert plan.problems == ()
    assert [planned.action for planned in plan.rows] == [Action.CREATE, Action.CREATE]
    assert all(planned.row.period_end <= timezone.localdate() for planned in plan.rows)


# The command


@pytest.fixture
def saved(tmp_path):
    """Save text as a file, as an officer saves a download."""

    def save(text, name="NM_17_5.data.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return save


def run(*args):
    out = StringIO()
    call_command("import_statistics", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_preview_and_creates_drafts(nomis_target, officer, saved):
    text = nomis_csv(records_2018() + aps_records("2019-09", "Oct 2018-Sep 2019", EMPLOYMENT_2019))

    output = run(
        saved(text),
        "--format=nomis",
        "--target=employment-rate",
        f"--release={RELEASE}",
        f"--user={officer.username}",
    )

    assert output.splitlines() == [
        "NM_17_5.data.csv: 2 to create, 0 to change, 0 unchanged.",
        (
            "line 2  create     employment-rate  Oct 2017-Sep 2018  "
            "value 71.55, comparator_value 75.52"
        ),
        (
            "line 38  create     employment-rate  Oct 2018-Sep 2019  "
            "value 72.02, comparator_value 76.23"
        ),
        "Imported: 2 created.",
    ]
    first = Observation.objects.get(period_end=SEPTEMBER_2018)
    assert (first.value, first.state, first.derived, first.notes, first.created_by) == (
        Decimal("71.55"),
        Observation.State.DRAFT,
        True,
        NOTES_2018,
        officer,
    )
    assert (first.source, first.release) == (
        "Annual Population Survey (APS), ONS via Nomis",
        RELEASE,
    )
    version = first.history.get()
    assert (version.history_user, version.history_change_reason) == (
        officer,
        f"Imported from {RELEASE}",
    )


def test_the_command_with_dry_run_writes_nothing(nomis_target, saved):
    output = run(
        saved(nomis_csv(records_2018())), "--format=nomis", "--target=employment-rate", "--dry-run"
    )

    assert output.splitlines()[-1] == "Dry run: nothing was written."
    assert Observation.objects.count() == 0


def test_the_command_shows_a_revision_and_needs_an_approver_for_it(nomis_target, approver, saved):
    store(nomis_target, state=Observation.State.PUBLISHED)
    path = saved(nomis_csv(records_2018()))

    with pytest.raises(CommandError) as error:
        run(path, "--format=nomis", "--target=employment-rate")
    output = run(path, "--format=nomis", "--target=employment-rate", f"--user={approver.username}")

    assert str(error.value).splitlines() == [
        "Nothing was imported: 1 problem.",
        (
            "Line 2, column value: The figure for Oct 2017-Sep 2018 is published: only an "
            "approver can revise it."
        ),
    ]
    assert output.splitlines()[1:] == [
        (
            "line 2  change     employment-rate  Oct 2017-Sep 2018  value: 71.5 → 71.55; "
            "comparator_value: 75.5 → 75.52 (published: a revision)"
        ),
        "Imported: 1 revised.",
    ]


def test_the_command_reports_every_problem_and_writes_nothing(nomis_target, saved):
    records = records_2018() + aps_records("2019-09", "Oct 2018-Sep 2019", EMPLOYMENT_2019)
    find(records[:36], "E08000024", "Numerator").update(OBS_VALUE="", OBS_STATUS="Q")
    find(records[36:], "E92000001", "Denominator").update(OBS_VALUE="")

    with pytest.raises(CommandError) as error:
        run(saved(nomis_csv(records)), "--format=nomis", "--target=employment-rate")

    assert str(error.value).splitlines() == [
        "Nothing was imported: 2 problems.",
        (
            "Line 27, column OBS_VALUE: No Numerator for E08000024 in Oct 2017-Sep 2018 "
            "(OBS_STATUS Q): the area's figure cannot be added up without it."
        ),
        (
            "Line 68, column OBS_VALUE: No Denominator for E92000001 in Oct 2018-Sep 2019 "
            "(OBS_STATUS A): the area's figure cannot be added up without it."
        ),
    ]
    assert Observation.objects.count() == 0


def test_the_command_refuses_a_whole_plain_csv_when_one_row_breaks_the_rules(
    rate_target, officer, saved
):
    text = (
        "target,period_end,period_label,value,comparator_value,source\n"
        "employment-rate,2018-09-30,Oct 2017-Sep 2018,71.55,75.52,APS\n"
        "employment-rate,2019-09-30,Oct 2018-Sep 2019,102,76.23,APS\n"
    )

    with pytest.raises(CommandError) as error:
        run(saved(text, "figures.csv"), "--format=plain", f"--user={officer.username}")

    assert str(error.value).splitlines() == [
        "Nothing was imported: 1 problem.",
        "Line 3, column value: A rate cannot be above 100%.",
    ]
    assert Observation.objects.count() == 0


def test_the_command_prints_every_problem_of_a_plain_csv_at_once_and_writes_nothing(
    rate_target, officer, saved
):
    text = (
        "target;period_end;period_label;value;comparator_value;source\n"
        "employment-rate;30/09/2018;Oct 2017-Sep 2018;71.55;75.52;APS\n"
        "employment-rate;31/09/2019;Oct 2018-Sep 2019;72.02;76.23;APS\n"
        "Employment rate;30/09/2020;Oct 2019-Sep 2020;102;76.23;APS\n"
    )

    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_statistics",
            saved(text, "figures.csv"),
            "--format=plain",
            f"--user={officer.username}",
            stdout=out,
        )

    assert out.getvalue().splitlines() == [
        "figures.csv: 2 to create, 0 to change, 0 unchanged.",
        "line 2  create     employment-rate  Oct 2017-Sep 2018  value 71.55, comparator_value 75.52",
        "line 4  create     employment-rate  Oct 2019-Sep 2020  value 102, comparator_value 76.23",
    ]
    assert str(error.value).splitlines() == [
        "Nothing was imported: 2 problems.",
        "Line 3, column period_end: “31/09/2019” is not a date like 2019-09-30 or 30/09/2019.",
        "Line 4, column value: A rate cannot be above 100%.",
    ]
    assert Observation.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--format=nomis"],
            "A Nomis download needs --target: the target it measures.",
            id="nomis-without-target",
        ),
        pytest.param(
            ["--format=plain", "--target=employment-rate"],
            "--target is for a Nomis download: a plain CSV names the targets.",
            id="plain-with-target",
        ),
        pytest.param(
            ["--format=nomis", "--target=employment-rate", "--user=nobody"],
            "There is no user “nobody”.",
            id="unknown-user",
        ),
        pytest.param(
            ["--format=nomis", "--target=jobs"],
            "There is no target “jobs”.",
            id="unknown-target",
        ),
    ],
)
def test_the_command_refuses_what_it_cannot_do(nomis_target, saved, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(saved(nomis_csv(records_2018())), *args)


def test_the_command_refuses_a_target_without_a_nomis_variable(rate_target, saved):
    with pytest.raises(CommandError) as error:
        run(saved(nomis_csv(records_2018())), "--format=nomis", "--target=employment-rate")

    assert str(error.value).splitlines()[1] == (
        "Employment rate has no Nomis variable: set it on the target."
    )


def test_the_published_seed_figures_are_unchanged_by_the_same_counts_from_nomis(
    seed, officer, saved
):
    text = nomis_csv(records_2018() + aps_records("2019-09", "Oct 2018-Sep 2019", EMPLOYMENT_2019))
    histories = history_count()

    output = run(
        saved(text), "--format=nomis", "--target=employment-rate", f"--user={officer.username}"
    )

    assert output.splitlines() == [
        "NM_17_5.data.csv: 0 to create, 0 to change, 2 unchanged.",
        "line 2  unchanged  employment-rate  Oct 2017-Sep 2018",
        "line 38  unchanged  employment-rate  Oct 2018-Sep 2019",
        "Imported: 2 unchanged.",
    ]
    assert history_count() == histories


def test_a_withdrawn_figure_s_period_takes_a_new_draft_and_the_withdrawn_one_stays(
    rate_target, approver
):
    withdrawn = store(rate_target, state=Observation.State.PUBLISHED)
    withdraw([withdrawn], approver, "Published for the wrong period.")

    plan = plan_import([row()], approver)
    apply_import(plan, approver, RELEASE)

    assert [planned.action for planned in plan.rows] == [Action.CREATE]
    assert sorted(
        Observation.objects.filter(period_end=SEPTEMBER_2018).values_list("state", "value")
    ) == [("draft", Decimal("71.55")), ("withdrawn", Decimal("71.5"))]
