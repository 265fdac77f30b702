"""A target's charts: SVG and PNG from the server, with the same figures as the page's table."""

import datetime
import html as html_module
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from targets import charts
from targets.models import Observation, Target
from targets.standings import verdict_for

pytestmark = pytest.mark.usefixtures("seed")

NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def chart(client, slug, name, extension="svg", query=""):
    return client.get(reverse("targets:chart", args=[slug, name, extension]) + query)


def as_number(text: str) -> Decimal:
    """The first number in a text, as a value: “70.6%” in a sentence is 70.60 in a column."""
    return Decimal(NUMBER.search(text).group().replace(",", ""))


def table_figures(page_html: str, name: str) -> dict[tuple[str, str], Decimal]:
    """(series, period) -> the number in the page's table for the chart called `name`."""
    table = page_html.split(f'data-chart="{name}"')[1].split("</table>")[0]
    headings = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, flags=re.DOTALL)
    series = [re.sub(r"<span.*", "", heading, flags=re.DOTALL).strip() for heading in headings[1:]]
    figures = {}
    for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, flags=re.DOTALL)[1:]:
        heading = re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, flags=re.DOTALL).group(1)
        marker = re.sub(r'<span class="govuk-body-s">.*', "", heading, flags=re.DOTALL)
        period = re.sub(r"<[^>]+>", "", marker).strip()
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.DOTALL)
        for name_of_series, cell in zip(series, cells, strict=True):
            if cell.strip() != "—":
                figures[(html_module.unescape(name_of_series), period)] = as_number(cell)
    return figures


def svg_figures(svg: str) -> dict[tuple[str, str], Decimal]:
    """(series, period) -> the number in each point's aria-label, except the straight line."""
    figures = {}
    for label in re.findall(
        r'aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="point"', svg
    ):
        label = html_module.unescape(label)
        match = re.fullmatch(r"(.+?), (.+?): (.+)", label)
        if match and not match.group(1).startswith("Straight line"):
            series, period, text = match.groups()
            figures[(series, period)] = as_number(text.replace("£", ""))
    return figures


@pytest.mark.parametrize(
    ("slug", "name"),
    [
        ("jobs", "levels"),
        ("employment-rate", "levels"),
        ("employment-rate", "gap"),
        ("economic-activity-rate", "gap"),
        ("gva-per-hour-worked", "levels"),
        ("gva-per-hour-worked", "gap"),
    ],
)
def test_each_chart_shows_the_same_figures_as_its_table(client, slug, name):
    page = client.get(reverse("targets:detail", args=[slug])).content.decode()
    response = chart(client, slug, name)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    in_table = table_figures(page, name)
    assert in_table  # the table is not empty
    assert svg_figures(response.content.decode()) == in_table


def test_a_line_never_joins_two_kinds_of_period(client):
    target = Target.objects.with_published_records().get(slug="employment-rate")
    chart_ = next(
        c
        for c in charts.charts_for(target, target.published_observations, verdict_for(target))
        if c.name == charts.LEVELS
    )

    line, apart = charts.specification(chart_)["layer"]
    assert {value["period"][5:] for value in line["data"]["values"]} == {"12-31"}
    assert apart["mark"]["type"] == "point"
    assert apart["mark"]["filled"] is False
    assert {value["period"][5:] for value in apart["data"]["values"]} == {"09-30", "06-30"}


def test_the_table_marks_the_figures_for_other_periods_and_says_why(client):
    page = client.get(reverse("targets:detail", args=["employment-rate"])).content.decode()
    table = page.split('data-chart="levels"')[1].split("</table>")[0]

    assert "Oct 2023-Sep 2024" not in table  # not held: the Evidence Hub gave no level
    assert (
        '<span class="app-period">Jul 2023-Jun 2024</span> <span class="govuk-body-s">(a hollow '
        "point)" in table
    )
    assert '<span class="app-period">Jan-Dec 2024</span></th>' in table
    assert "a year to September is not the year to December" in page


def test_the_gva_gap_chart_holds_every_year(client):
    svg = chart(client, "gva-per-hour-worked", "gap").content.decode()

    figures = svg_figures(svg)
    assert sorted(period for _, period in figures) == [str(year) for year in range(2014, 2023)]
    assert figures[("Gap", "2014")] == Decimal("7.8")


def test_the_chart_draws_the_straight_line_to_the_target(client):
    svg = chart(client, "jobs", "levels").content.decode()

    assert "Straight line to the target, March 2014: 811,300 jobs" in svg
    assert "Straight line to the target, March 2024: 911,300 jobs" in svg


def test_a_png_is_an_image_and_downloads_with_a_file_name(client):
    response = chart(client, "gva-per-hour-worked", "gap", "png", "?download")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert response["Content-Disposition"] == 'attachment; filename="gva-per-hour-worked-gap.png"'


def test_the_svg_shown_on_the_page_is_not_a_download(client):
    assert not chart(client, "jobs", "levels").has_header("Content-Disposition")


@pytest.mark.parametrize(
    ("slug", "name", "extension"),
    [
        ("jobs", "gap", "svg"),  # a count target has no gap
        ("better-jobs", "levels", "svg"),  # no published figure
        ("jobs", "pie", "svg"),
        ("jobs", "levels", "gif"),
        ("no-such-target", "levels", "svg"),
    ],
)
def test_a_chart_that_does_not_exist_is_a_404(client, slug, name, extension):
    assert chart(client, slug, name, extension).status_code == 404


def test_a_draft_figure_is_never_drawn(client):
    Observation.objects.create(
        target=Target.objects.get(slug="jobs"),
        period_end=datetime.date(2021, 9, 30),
        period_label="Oct 2020-Sep 2021",
        value=Decimal(999999),
        source="unchecked",
    )

    svg = chart(client, "jobs", "levels").content.decode()

    assert "999,999" not in svg
    assert "Oct 2020-Sep 2021" not in svg


def test_a_published_change_is_drawn_at_once(client):
    chart(client, "jobs", "levels")  # rendered, and kept
    figure = Observation.objects.get(target__slug="jobs", period_end="2020-09-30")
    figure.value = Decimal(870000)
    figure.save()

    svg = chart(client, "jobs", "levels").content.decode()

    assert "Oct 2019-Sep 2020: 870,000 jobs" in svg
    assert "880,800" not in svg


def test_a_newly_published_figure_is_drawn_at_once(client):
    chart(client, "jobs", "levels")
    Observation.objects.create(
        target=Target.objects.get(slug="jobs"),
        period_end=datetime.date(2021, 9, 30),
        period_label="Oct 2020-Sep 2021",
        value=Decimal(854200),
        source="APS",
        state=Observation.State.PUBLISHED,
        published_at=timezone.now(),
    )

    svg = chart(client, "jobs", "levels").content.decode()

    assert "Oct 2020-Sep 2021: 854,200 jobs" in svg


def test_a_change_to_the_target_or_its_comparator_is_drawn_at_once(client):
    chart(client, "gva-per-hour-worked", "levels")
    comparator = Target.objects.get(slug="gva-per-hour-worked").comparator
    comparator.name = "England without London"
    comparator.save()

    svg = chart(client, "gva-per-hour-worked", "levels").content.decode()

    assert "England without London" in svg


def test_the_axis_names_each_tick_as_the_table_names_its_period(client):
    target = Target.objects.with_published_records().get(slug="employment-rate")
    levels = charts.charts_for(target, target.published_observations, verdict_for(target))[0]

    axis = charts.specification(levels)["layer"][0]["encoding"]["x"]["axis"]
    assert "'2014-12-31' ? \"Jan-Dec 2014\"" in axis["labelExpr"]
    assert "'2024-12-31' ? \"Jan-Dec 2024\"" in axis["labelExpr"]
    assert len(axis["values"]) == 12  # the calendar years; the other periods are points


def test_no_mark_sits_on_the_edge_of_the_drawing(client):
    target = Target.objects.with_published_records().get(slug="economic-activity-rate")

    for chart_ in charts.charts_for(target, target.published_observations, verdict_for(target)):
        y = charts.specification(chart_)["layer"][0]["encoding"]["y"]
        assert y["scale"]["padding"] >= 10
