"""The API's browsable reference (/api/docs/, Swagger UI) renders in Chromium under the
Content-Security-Policy, with no violation and nothing fetched from another site."""

from urllib.parse import urlsplit

from playwright.sync_api import expect


def test_the_api_docs_render_every_resource_with_no_csp_violation(page, site):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    response = page.goto(site + "/api/docs/")

    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Strategy tracker API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/v1/targets/", "/api/v1/observations/", "/api/v1/propositions/"} <= paths
    page.locator(".opblock-summary-path", has_text="/api/v1/targets/").first.click()
    expect(page.get_by_role("button", name="Try it out").first).to_be_visible()
    assert errors == []
    assert {urlsplit(url).netloc for url in requested} == {urlsplit(site).netloc}


def test_the_api_docs_ask_no_third_party_validator(client):
    script = client.get("/api/docs/", {"script": ""})

    assert script["Content-Type"] == "application/javascript"
    assert '"validatorUrl": null' in script.content.decode()
