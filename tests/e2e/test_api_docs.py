"""
The APIs' interactive docs render in a real browser, under the site's
Content-Security-Policy and without the network: Swagger UI comes from the
project's own static files.
"""

from playwright.sync_api import expect

from .helpers import log_in
from .test_accessibility import _blocking_violations, _describe


def _open_docs(page, url, title):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    # Anything fetched from outside the CMS would fail offline: refuse it.
    origin = url.split("/api/")[0]
    outside = []

    def route(request_route):
        if request_route.request.url.startswith(origin):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(url)
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(title)
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert blocked == [], blocked
    assert outside == [], outside


def test_delivery_and_editorial_api_docs_render_offline_under_the_policy(
    demo, new_page
):
    reader = new_page()
    _open_docs(reader, f"{demo.cms}/api/v1/docs", "Newsroom Delivery API")
    expect(reader.locator(".swagger-ui")).to_contain_text("/api/v1/articles/")
    violations = _blocking_violations(reader)
    assert not violations, _describe("Delivery API docs", violations)
    reader.shot("api-docs", full_page=False)

    admin = new_page()
    log_in(admin, demo.cms, "admin")
    _open_docs(admin, f"{demo.cms}/api/editorial/docs", "Newsroom Editorial API")
    violations = _blocking_violations(admin)
    assert not violations, _describe("Editorial API docs", violations)
    assert reader.js_errors == [] and admin.js_errors == []
