"""
What the article editor tells a writer while they write: the body's word
count and reading time, the same figure the Delivery API serves for the
story, and how long the headline and search fields are against what search
results and social cards show.
"""

import json
import re
import socket
import urllib.request

from playwright.sync_api import expect

from .helpers import log_in
from .test_newsroom import _type_paragraph

LONG_HEADLINE = (
    "Damascus Airport Reopens to Regional Flights After a Decade of War and Sanctions"
)


def _served_seed_article(cms):
    """The seed article as the Delivery API serves it."""
    slug = "syrian-regime-seeks-regional-support"  # as load_demo names it
    with urllib.request.urlopen(  # noqa: S310 (the test's own live server)
        f"{cms}/api/v1/articles/by-path/?path=/news/{slug}/"
    ) as response:
        return json.load(response)


def test_editor_counts_the_seed_articles_words_as_the_api_serves_them(demo, new_page):
    seed = _served_seed_article(demo.cms)
    words, minutes = seed["word_count"], seed["reading_time"]
    writer = new_page()
    log_in(writer, demo.cms, "editor")
    writer.goto(f"{demo.cms}/admin/pages/{seed['id']}/edit/")

    count = writer.locator("[data-newsroom-word-count]")
    expect(count).to_have_text(f"{words} words · {minutes} min read")

    # The Checks panel gives the same figure, not the whole preview page's.
    writer.get_by_role("button", name="Toggle checks").click()
    checks = writer.locator("[data-side-panel='checks']")
    expect(checks.locator("[data-content-word-count]")).to_have_text(str(words))

    # Live: a new paragraph of six words adds six.
    body = writer.locator("#panel-child-content-body-section")
    _type_paragraph(body, writer, "Cham Wings flew the first service.")
    expect(count).to_have_text(re.compile(rf"^{words + 6} words"))
    assert writer.js_errors == []


def test_headline_wraps_and_shows_its_length_against_search_and_social_limits(
    demo, new_page
):
    writer = new_page()
    log_in(writer, demo.cms, "writer")
    writer.locator(".new-article").get_by_role(
        "link", name="New article", exact=True
    ).click()
    headline = writer.locator("#id_title")
    headline.fill("Short headline")
    hint = writer.locator("#id_title-length")
    expect(hint).to_have_text(
        "14 characters · search results show 60 · social cards show 70"
    )
    one_line = headline.bounding_box()["height"]
    headline.fill(LONG_HEADLINE)
    expect(hint).to_contain_text(f"{len(LONG_HEADLINE)} characters")
    expect(hint).to_contain_text("cut off in search results after 60")
    expect(hint).to_contain_text("cut off in social cards after 70")
    # The whole headline is in view: the field grew instead of scrolling.
    assert headline.bounding_box()["height"] > one_line
    headline.press("Enter")
    expect(headline).to_have_value(LONG_HEADLINE)

    writer.get_by_role("tab", name="Promote").click()
    description = writer.locator("#id_search_description")
    description.fill("x" * 170)
    expect(writer.locator("#id_search_description-length")).to_have_text(
        "170 characters · cut off in search results after 160 · social cards show 200"
    )
    assert writer.js_errors == []


def _closed_port():
    """A local port nobody listens on: the frontend, not started."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_frontend_preview_says_how_to_start_a_frontend_that_is_not_running(
    demo, new_page, monkeypatch
):
    # The ORM, from a test whose browser runs an event loop in this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from wagtail.models import Site

    from home.models import FrontendSettings

    down = f"http://127.0.0.1:{_closed_port()}"
    frontend_settings = FrontendSettings.for_site(
        Site.objects.get(is_default_site=True)
    )
    frontend_settings.preview_url = f"{down}/preview"
    frontend_settings.save()

    seed = _served_seed_article(demo.cms)
    editor = new_page()
    log_in(editor, demo.cms, "editor")
    editor.goto(f"{demo.cms}/admin/pages/{seed['id']}/edit/")
    editor.get_by_role("button", name="Toggle preview").click()
    preview = editor.frame_locator("#w-preview-iframe")
    # Wagtail's own HTML preview comes first; then switch to the frontend.
    expect(preview.get_by_role("heading", level=1)).to_be_visible()
    editor.locator("#id_preview_mode").select_option("frontend")
    message = preview.get_by_role("region", name="The frontend is not answering")
    expect(message).to_be_visible()
    expect(message).to_contain_text(down)
    expect(message).to_contain_text("make frontend")
    editor.shot("frontend-preview-not-running", full_page=False)


def test_schedule_dialog_shows_the_time_zone_and_keeps_its_date_picker_inside(
    demo, new_page
):
    seed = _served_seed_article(demo.cms)
    editor = new_page()
    log_in(editor, demo.cms, "editor")
    editor.goto(f"{demo.cms}/admin/pages/{seed['id']}/edit/")
    editor.get_by_role("button", name="Toggle status").click()
    editor.get_by_role("button", name="Set schedule").click()
    dialog = editor.locator("#schedule-publishing-dialog")
    expect(dialog).to_contain_text("Times are in UTC (UTC+00:00).")
    # No worker runs beside the test server.
    expect(dialog).to_contain_text("No background worker is running.")
    editor.locator("#id_go_live_at").click()
    picker = dialog.locator(".xdsoft_datetimepicker").first
    expect(picker).to_be_visible()
    editor.wait_for_function(
        """() => {
            const dialog = document.getElementById("schedule-publishing-dialog");
            const box = dialog.querySelector(".w-dialog__box").getBoundingClientRect();
            const picker = [...dialog.querySelectorAll(".xdsoft_datetimepicker")]
                .find((element) => getComputedStyle(element).display !== "none")
                .getBoundingClientRect();
            return box.left <= picker.left && picker.right <= box.right
                && box.top <= picker.top && picker.bottom <= box.bottom;
        }""",
        timeout=5_000,
    )
    editor.shot("schedule-dialog", full_page=False)
