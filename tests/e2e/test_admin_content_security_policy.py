"""The admin works for staff under the Content-Security-Policy: signing in, the lists,
the forms and the history, in Chromium, with no violation in the console."""

import pytest
from playwright.sync_api import expect

from targets.models import Observation, Target
from tests.conftest import PASSWORD


@pytest.fixture
def signed_in(browser, site, superuser):
    """A browser page signed in through the admin's own sign-in form, with every console
    error and script error it meets collected in `page.errors`.

    As a superuser: officers see the same templates and scripts, and their group (made by
    a data migration) is gone once an earlier browser test has flushed the database."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    # The admin's pages name no icon, so Chromium asks for /favicon.ico: a 404, not ours.
    page.on(
        "console",
        lambda message: (
            page.errors.append(f"{page.url}: {message.text}")
            if message.type == "error" and not message.location["url"].endswith("/favicon.ico")
            else None
        ),
    )
    page.goto(site + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(superuser.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("heading", name="Keep the strategy, its targets and its governance")
    ).to_be_visible()
    yield page
    context.close()


def test_staff_sign_in_and_work_in_the_admin_with_no_csp_violation(signed_in, site):
    target = Target.objects.get(slug="gva-per-hour-worked")
    observation = Observation.objects.filter(target=target).order_by("pk").first()
    pages = [
        "/admin/",
        "/admin/desk/",
        "/admin/targets/observation/",
        "/admin/targets/observation/?q=2019",
        "/admin/targets/observation/import/",
        "/admin/targets/target/",
        f"/admin/targets/target/{target.pk}/change/",
        # django-simple-history's page, with its one inline style allowed by its hash.
        f"/admin/targets/target/{target.pk}/history/",
        "/admin/targets/observation/add/",
        f"/admin/targets/observation/{observation.pk}/change/",
        "/admin/propositions/proposition/add/",
    ]
    for path in pages:
        response = signed_in.goto(site + path)
        assert response.status == 200, path
        assert "unsafe-inline" not in response.headers["content-security-policy"], path

    # The calendar and clock shortcuts beside a date field are the admin's own script.
    signed_in.goto(site + "/admin/targets/observation/add/")
    signed_in.locator(".datetimeshortcuts a", has_text="Today").first.click()

    assert signed_in.errors == []


def test_the_import_preview_marks_a_row_with_a_problem_with_its_own_stylesheet(signed_in, site):
    """The marks come from a stylesheet of ours, which the policy allows, not inline."""
    text = (
        "target;period_end;period_label;value;source\n"
        "jobs;31/03/2019;Apr 2018-Mar 2019;880,800;APS\n"
        "jobs;31/02/2020;Apr 2019-Mar 2020;881,200;APS\n"
    )
    signed_in.goto(site + "/admin/targets/observation/import/")
    signed_in.get_by_label("File").set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    signed_in.get_by_label("Plain CSV").check()
    signed_in.get_by_role("button", name="Preview the import").click()

    bad_row = signed_in.locator("#line-3")
    expect(bad_row.get_by_text("Problem", exact=True)).to_be_visible()
    expect(bad_row).to_contain_text("“31/02/2020” is not a date like 2019-09-30 or 30/09/2019.")
    expect(bad_row.get_by_role("rowheader")).to_have_css("border-left-width", "5px")
    expect(signed_in.locator("#line-2").get_by_role("rowheader")).to_have_css(
        "border-left-width", "0px"
    )
    assert signed_in.errors == []
