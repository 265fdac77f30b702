"""axe-core finds no WCAG 2.2 AA violation on any public page: with JavaScript on and
off, on a desktop and at 320 CSS px wide (WCAG's reflow width).

axe itself is JavaScript, and Playwright cannot run it in a context whose JavaScript is
disabled; "off" here means that the site's own scripts are never loaded, so the page is
exactly what a browser without JavaScript shows (the site has no <noscript> content)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.pages import PUBLIC_PAGES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"desktop": 1280, "320px": 320}

axe = Axe()


def violations(page) -> list[str]:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_page_has_an_accessibility_violation(browser, site, javascript, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    if not javascript:
        context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    found = {}
    for path in [*PUBLIC_PAGES, "/no-such-page/"]:
        page.goto(site + path)
        problems = violations(page)
        if problems:
            found[path] = problems
    context.close()

    assert found == {}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_a_list_of_several_pages_and_a_page_it_lacks_have_no_violation(
    browser, site, width, monkeypatch
):
    """The seed's propositions fit on one page; three a page shows GOV.UK's pagination."""
    monkeypatch.setattr("propositions.views.PROPOSITIONS_PER_PAGE", 3)
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    for path in ["/propositions/?page=2", "/propositions/?status=proposed&page=9"]:
        page.goto(site + path)
        if problems := violations(page):
            found[path] = problems
    context.close()

    assert found == {}
