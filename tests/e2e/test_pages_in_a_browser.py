"""The public pages in a real browser: they load, work without JavaScript, their filters
and downloads work, and a keyboard user can reach every link and control."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import PUBLIC_PAGES

FOCUSABLE = (
    "a[href], button:not([hidden]), input:not([type=hidden]), select, textarea, [tabindex='0']"
)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_every_page_loads_with_one_heading_and_no_errors(browser, site, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    failed = []
    # A request cut short by the next navigation (net::ERR_ABORTED) is not a failure.
    page.on(
        "requestfailed",
        lambda request: (
            failed.append(request.url) if request.failure != "net::ERR_ABORTED" else None
        ),
    )
    for path in PUBLIC_PAGES:
        response = page.goto(site + path)
        assert response.status == 200, path
        expect(page.locator("h1")).to_have_count(1)
        expect(page.locator("main")).to_be_visible()
    context.close()

    assert errors == []
    assert failed == []


def test_the_enhancements_load_when_javascript_is_on(page, site):
    page.goto(site + "/")

    expect(page.locator("body")).to_have_class("govuk-template__body govuk-frontend-supported")


def test_the_home_page_shows_the_six_targets_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")

    cards = page.locator("article.app-card")
    expect(cards).to_have_count(6)
    expect(cards.first.locator(".govuk-tag")).to_have_text("Not met")
    expect(page.get_by_role("link", name="Propositions", exact=True)).to_be_visible()
    context.close()


def test_every_chart_image_loads(page, site):
    for slug in ["jobs", "employment-rate", "gva-per-hour-worked"]:
        page.goto(f"{site}/targets/{slug}/")
        images = page.locator("img.app-figure-chart")
        assert images.count() >= 1
        for index in range(images.count()):
            width = images.nth(index).evaluate("image => image.naturalWidth")
            assert width > 0, f"{slug}: chart {index} did not load"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_proposition_filters_narrow_the_list_and_keep_a_bookmarkable_address(
    browser, site, javascript
):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site + "/propositions/")
    expect(page.get_by_text("11 propositions")).to_be_visible()

    page.get_by_label("Status").select_option(label="Seeking funding")
    page.get_by_role("button", name="Filter").click()

    expect(page.get_by_text("3 propositions")).to_be_visible()
    assert "status=seeking_funding" in page.url
    page.goto(page.url)  # the address alone gives the same list
    expect(page.get_by_text("3 propositions")).to_be_visible()
    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_text("11 propositions")).to_be_visible()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_pages_of_a_long_list_are_reached_by_their_links(
    browser, site, javascript, monkeypatch
):
    monkeypatch.setattr("propositions.views.PROPOSITIONS_PER_PAGE", 4)
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site + "/propositions/?status=proposed")
    expect(page.get_by_text("Showing 1 to 4 of 8, page 1 of 2.")).to_be_visible()

    page.get_by_role("link", name="Next page").click()

    expect(page.get_by_text("Showing 5 to 8 of 8, page 2 of 2.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?status=proposed&page=2$"))
    expect(page.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    page.get_by_role("link", name="Page 1").click()
    expect(page.get_by_text("Showing 1 to 4 of 8, page 1 of 2.")).to_be_visible()
    context.close()


def test_the_proposition_search_finds_the_battery_propositions(page, site):
    page.goto(site + "/propositions/")
    page.get_by_label("Search").fill("battery")
    page.get_by_role("button", name="Filter").click()

    expect(page.get_by_role("link", name="A hub for battery innovation")).to_be_visible()
    expect(page.get_by_text("1 proposition", exact=True)).to_be_visible()
    assert "search=battery" in page.url


def test_the_figures_download_as_a_spreadsheet(page, site):
    page.goto(site + "/targets/gva-per-hour-worked/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="The published figures as a spreadsheet (CSV)").click()
    download = download_info.value

    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == 9
    assert rows[-1]["period_label"] == "2022"


def test_a_chart_downloads_as_svg_and_png(page, site):
    page.goto(site + "/targets/gva-per-hour-worked/")
    links = page.get_by_role("link", name="PNG image of “The gap with England excluding London")
    with page.expect_download() as download_info:
        links.first.click()
    assert download_info.value.suggested_filename == "gva-per-hour-worked-gap.png"
    with open(download_info.value.path(), "rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="SVG image of “The gap with England excluding London").click()
    assert download_info.value.suggested_filename == "gva-per-hour-worked-gap.svg"


@pytest.mark.parametrize(
    "path", ["/", "/targets/gva-per-hour-worked/", "/propositions/", "/governance/"]
)
def test_a_keyboard_user_reaches_every_link_and_control(page, site, path):
    page.goto(site + path)
    expected = page.locator(FOCUSABLE).evaluate_all(
        "elements => elements.filter(e => e.offsetParent !== null || e.getClientRects().length)"
        ".map(e => e.outerHTML.slice(0, 120))"
    )
    reached = []
    for _ in range(3 * len(expected) + 20):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement === document.body ? null"
            " : document.activeElement.outerHTML.slice(0, 120)"
        )
        if focused is None or (reached and focused == reached[0]):
            break
        reached.append(focused)

    assert [html for html in expected if html not in reached] == []


def test_the_skip_link_is_first_and_moves_to_the_main_content(page, site):
    page.goto(site + "/targets/jobs/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()

    page.keyboard.press("Enter")
    # The fragment navigation lands a moment after the key press: wait for it.
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()


PHONE = {"width": 375, "height": 800}
# The charts' smallest text, in the drawing's own units (the axis and legend labels).
CHART_LABEL_SIZE = 13


def test_on_a_phone_a_charts_text_stays_readable_and_the_chart_scrolls(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/targets/employment-rate/")
    page.wait_for_load_state("load")

    charts = page.locator(".app-chart-scroll img")
    assert charts.count() == 2
    for index in range(charts.count()):
        chart = charts.nth(index)
        drawn = chart.evaluate(
            "img => ({shown: img.getBoundingClientRect().width, natural: img.naturalWidth})"
        )
        scale = drawn["shown"] / drawn["natural"]
        assert CHART_LABEL_SIZE * scale >= 11, drawn
        scroller = page.locator(".app-chart-scroll").nth(index)
        assert scroller.evaluate("box => box.scrollWidth > box.clientWidth")
    context.close()


# Every word of the tables' cells that the browser has broken over two lines (its parts
# lie on lines at different heights), other than at a hyphen or a slash, where a line may
# break; visually hidden text is not drawn, so not counted.
WORD_CUT = """
cells => {
  const cut = [];
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest(".govuk-visually-hidden")) continue;
      const words = /[^\\s\\/-]+/g;
      let word;
      while ((word = words.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
        if (lines.size > 1) cut.push(word[0]);
      }
    }
  }
  return cut;
}
"""


@pytest.mark.parametrize(
    "path", ["/timeline/", "/strategy/", "/targets/employment-rate/", "/targets/jobs/"]
)
def test_on_a_phone_no_table_cuts_a_word_in_two(browser, site, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + path)

    cut = page.locator("table th, table td").evaluate_all(WORD_CUT)
    context.close()

    assert cut == []
