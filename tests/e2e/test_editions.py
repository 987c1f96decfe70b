"""
Scenario: the Arabic edition. A writer translates the seed article into
Arabic with the admin's "Translate", writes it in Arabic in Wagtail's editor
and submits it; it stays out of every public route (and the writer cannot
publish it); an editor finds it in the review inbox, marked with its
edition, and approves it; the example frontend shows it right to left, and
its language switch goes to the English edition and back.
"""

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from cms.devtools.demo.arabic import SEED_PARAGRAPHS, SEED_STANDFIRST, SEED_TITLE

from .helpers import log_in, wait_for_frontend

SLUG = "syrian-regime-seeks-regional-support"
ENGLISH_PATH = f"/news/{SLUG}/"
ARABIC_PATH = f"/ar/news/{SLUG}/"
HERO_CAPTION = "الطريق شمال حماة عند الغسق."


@pytest.fixture
def seed_without_arabic(demo):
    """
    The demo newsroom before anyone translated the seed article: its Arabic
    edition (which load_demo writes) taken away, so the writer can make it.
    Returns the English seed article's id.
    """
    from django.core.management import call_command
    from wagtail.models import Locale

    from blog.models import ArticlePage

    seed = ArticlePage.objects.get(slug=SLUG, locale=Locale.get_default())
    for translation in ArticlePage.objects.filter(
        translation_key=seed.translation_key
    ).exclude(pk=seed.pk):
        translation.delete()
    call_command("rebuild_delivery_documents", verbosity=0)
    return seed.pk


def _status(url):
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (the test's own live server)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _replace_rich_text(page, editor, text):
    """Select everything in one Draftail editor and type ``text`` over it."""
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    block = editor.locator("xpath=ancestor::*[@data-streamfield-child][1]")
    expect(block.locator('input[type="hidden"][name$="-value"]').first).to_have_value(
        re.compile(re.escape(text[:40]))
    )


def _settle_word_count(page):
    # The live word count posts the form after a change; let it answer
    # before the next click (the live server shares one SQLite connection).
    page.wait_for_timeout(700)
    page.wait_for_load_state("networkidle")


def test_a_writer_translates_the_seed_article_and_readers_get_it_right_to_left(
    seed_without_arabic, demo, new_page
):
    cms, frontend = demo.cms, demo.frontend

    # The writer opens the English seed article and chooses "Translate".
    writer = new_page()
    log_in(writer, cms, "writer")
    writer.goto(f"{cms}/admin/pages/{seed_without_arabic}/edit/")
    writer.locator("header").get_by_role("button", name="Actions", exact=True).click()
    writer.get_by_role("link", name="Translate this page").click()
    writer.get_by_label("العربية").check()
    writer.get_by_role("button", name="Submit").click()

    # The translation opens in Wagtail's editor, as a draft of the Arabic
    # edition: the writer writes it in Arabic and saves it.
    writer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    edit_url = writer.url
    assert f"/pages/{seed_without_arabic}/" not in edit_url
    writer.locator("#id_title").fill(SEED_TITLE)
    writer.get_by_role("textbox", name="Standfirst").fill(SEED_STANDFIRST)
    writer.get_by_role("textbox", name="Hero caption").fill(HERO_CAPTION)
    body = writer.locator("#panel-child-content-body-section")
    editors = body.locator('[contenteditable="true"]')
    expect(editors).to_have_count(len(SEED_PARAGRAPHS))
    for number, text in enumerate(SEED_PARAGRAPHS):
        _replace_rich_text(writer, editors.nth(number), text)
    _settle_word_count(writer)
    writer.get_by_role("button", name="Save draft").click()
    expect(writer.locator(".messages")).to_contain_text("updated")

    # Writers cannot publish, in any edition: there is no Publish to press.
    writer.get_by_role("button", name="More actions").click()
    expect(writer.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    writer.get_by_role("button", name="Submit to Editorial review").click()
    expect(writer.locator(".messages")).to_contain_text("submitted")

    # Until an editor approves it, no public route shows it.
    assert _status(f"{cms}/api/v1/articles/by-path/?path={ARABIC_PATH}") == 404
    assert _status(f"{cms}{ARABIC_PATH}") == 404
    reader = new_page()
    reader.goto(f"{frontend}{ARABIC_PATH}")
    wait_for_frontend(reader)
    expect(reader.get_by_role("heading", level=1)).not_to_have_text(SEED_TITLE)

    # The editor finds it in the review inbox, marked as the Arabic edition,
    # and approves it, which publishes it.
    editor = new_page()
    log_in(editor, cms, "editor")
    inbox = editor.get_by_role("region", name="Awaiting your review")
    row = inbox.get_by_role("row").filter(has_text=SEED_TITLE)
    expect(row).to_be_visible()
    expect(row).to_contain_text("العربية")
    row.get_by_role("button", name="Actions").click()
    editor.get_by_role("button", name="Approve", exact=True).click()
    expect(
        editor.get_by_role("region", name="Awaiting your review")
    ).not_to_contain_text(SEED_TITLE)

    # Readers get it on the example frontend, right to left...
    reader.goto(f"{frontend}{ARABIC_PATH}")
    wait_for_frontend(reader)
    html = reader.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    article = reader.get_by_role("article").first
    expect(article.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    expect(article).to_contain_text(SEED_PARAGRAPHS[-1][:40])
    expect(article.locator(".article__hero figcaption")).to_contain_text(HERO_CAPTION)
    reader.shot("frontend-article-ar", full_page=False)

    # ...with a language switch to the English edition and back.
    # The switch is named in the page's language.
    switch = reader.get_by_role("navigation", name="اللغة")
    switch.get_by_role("link", name="English").click()
    reader.wait_for_url(f"{frontend}{ENGLISH_PATH}")
    wait_for_frontend(reader)
    expect(html).to_have_attribute("dir", "ltr")
    expect(html).to_have_attribute("lang", re.compile(r"^en", re.IGNORECASE))
    expect(reader.get_by_role("heading", level=1)).not_to_have_text(SEED_TITLE)
    reader.get_by_role("navigation", name="Language").get_by_role(
        "link", name="العربية"
    ).click()
    reader.wait_for_url(f"{frontend}{ARABIC_PATH}")
    wait_for_frontend(reader)
    expect(html).to_have_attribute("dir", "rtl")

    with urllib.request.urlopen(  # noqa: S310 (the test's own live server)
        f"{cms}/api/v1/articles/by-path/?path={ARABIC_PATH}"
    ) as response:
        document = json.load(response)
    assert document["locale"] == "ar"
    assert document["title"] == SEED_TITLE
    assert [t["locale"] for t in document["translations"]] == ["en-gb"]
    assert writer.js_errors == [] and reader.js_errors == []
