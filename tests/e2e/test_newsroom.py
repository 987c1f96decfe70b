"""
Scenario 1, the newsroom: a writer drafts an article in the Wagtail editor,
previews it on the external frontend and submits it; an editor requests
changes from the review inbox; the writer reads the comment, fixes and
resubmits; the editor approves; readers see it on the frontend and in the API.
"""

import json
import re
import urllib.request

from playwright.sync_api import expect

from .helpers import log_in, wait_for_frontend

TITLE = "Damascus Airport Reopens to Regional Flights"
SLUG = "damascus-airport-reopens-to-regional-flights"
REVIEW_COMMENT = "Please name the airline that flew first."


def _insert_block(body, page, block_type):
    """Open the last "+" of a StreamField and pick a block type, as an editor does."""
    body.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=block_type, exact=True).click()


def _type_paragraph(body, page, text):
    editors = body.locator('[contenteditable="true"]')
    before = editors.count()
    _insert_block(body, page, "Paragraph")
    # The new block's rich text editor appears once Draftail has started.
    expect(editors).to_have_count(before + 1)
    editor = editors.nth(before)
    editor.click()
    page.keyboard.type(text)
    # Draftail writes the text to the block's form field a moment later
    # (it batches changes); saving before then would lose it.
    block = editor.locator("xpath=ancestor::*[@data-streamfield-child][1]")
    expect(block.locator('input[type="hidden"][name$="-value"]').first).to_have_value(
        re.compile(re.escape(text))
    )


def _open_status_panel(page):
    page.get_by_role("button", name="Toggle status").click()
    return page.locator("[data-side-panel='status']")


def _review_action(editor, action):
    """From the editor's "Awaiting your review" inbox, act on the article."""
    editor.goto(editor.url.split("/admin/")[0] + "/admin/")
    inbox = editor.get_by_role("region", name="Awaiting your review")
    row = inbox.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_be_visible()
    row.get_by_role("button", name="Actions").click()
    editor.get_by_role("button", name=action, exact=True).click()


def test_article_goes_from_draft_through_review_to_the_frontend(demo, new_page):
    cms, frontend = demo.cms, demo.frontend

    # The writer drafts the article.
    writer = new_page()
    log_in(writer, cms, "writer")
    writer.goto(f"{cms}/admin/pages/")
    writer.get_by_role("link", name="Explore child pages of 'News'").click()
    writer.get_by_role("link", name="Add child page").first.click()
    writer.wait_for_url(re.compile(r"/admin/pages/add/blog/articlepage/\d+/"))
    writer.locator("#id_title").fill(TITLE)
    writer.get_by_role("textbox", name="Standfirst").fill(
        "The first commercial flight in a decade landed on Monday."
    )
    writer.get_by_role("button", name="Add authors").click()
    writer.locator('.modal input[title="Select Sofia Nawab"]').check()
    writer.get_by_role("button", name="Confirm selection").click()
    writer.get_by_role("button", name="Choose an image").click()
    writer.locator('.modal a[title="Desert horizon at dusk"]').click()
    expect(writer.locator("#panel-child-content-hero_image-section")).to_contain_text(
        "Desert horizon at dusk"
    )
    body = writer.locator("#panel-child-content-body-section")
    _insert_block(body, writer, "Heading")
    body.locator('input[name$="-value-text"]').last.fill("A runway rebuilt")
    _type_paragraph(body, writer, "Crews worked through the summer to repair it.")
    _type_paragraph(body, writer, "Airlines from the Gulf are expected next.")
    writer.get_by_role("textbox", name="Original source", exact=True).fill(
        "www.jpost.com"
    )
    writer.get_by_role("button", name="Save draft").click()
    expect(writer.locator(".messages")).to_contain_text("created")
    writer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    edit_url = writer.url
    writer.shot("editor-draft", full_page=False)

    # ...previews it as the frontend renders it, before anyone can read it...
    writer.get_by_role("button", name="Toggle preview").click()
    preview = writer.frame_locator("#w-preview-iframe")
    # Wagtail's own HTML preview comes first; then switch to the frontend.
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    writer.locator("#id_preview_mode").select_option("frontend")
    expect(preview.get_by_role("status")).to_contain_text("Preview")
    expect(preview.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(preview.get_by_role("heading", name="A runway rebuilt")).to_be_visible()
    expect(preview.locator(".article__source")).to_contain_text("www.jpost.com")
    writer.shot("editor-frontend-preview", full_page=False)
    assert (
        urllib.request.urlopen(  # noqa: S310 (the test's own live server)
            f"{cms}/api/v1/articles/?limit=100"
        )
        .read()
        .decode()
        .count(TITLE)
        == 0
    ), "a draft leaked into the Delivery API"

    # ...and submits it for review.
    writer.get_by_role("button", name="Toggle preview").click()
    writer.get_by_role("button", name="More actions").click()
    writer.get_by_role("button", name="Submit to Editorial review").click()
    expect(writer.locator(".messages")).to_contain_text("submitted")

    # The editor finds it in the review inbox and requests changes.
    editor = new_page()
    log_in(editor, cms, "editor")
    inbox = editor.get_by_role("region", name="Awaiting your review")
    expect(inbox).to_contain_text(TITLE)
    editor.shot("editor-review-inbox", full_page=False)
    _review_action(editor, "Request changes")
    editor.locator(".modal").get_by_label("Comment").fill(REVIEW_COMMENT)
    editor.locator(".modal").get_by_role("button", name="Request changes").click()
    expect(
        editor.get_by_role("region", name="Awaiting your review")
    ).not_to_contain_text(TITLE)

    # The writer sees the comment, fixes the article and resubmits.
    writer.goto(edit_url)
    status = _open_status_panel(writer)
    expect(status).to_contain_text("Changes requested")
    status.get_by_role("button", name="View details").or_(
        status.get_by_role("link", name="View details")
    ).first.click()
    details = writer.get_by_role("dialog").filter(has_text=REVIEW_COMMENT)
    expect(details).to_contain_text("Changes requested by Daniel Okafor")
    writer.shot("editor-changes-requested", full_page=False)
    writer.keyboard.press("Escape")
    expect(details).to_be_hidden()
    _open_status_panel(writer)  # close it again
    body = writer.locator("#panel-child-content-body-section")
    _type_paragraph(body, writer, "Cham Wings flew the first service.")
    writer.get_by_role("button", name="More actions").click()
    writer.get_by_role("button", name="Resubmit to Editor approval").click()
    expect(writer.locator(".messages")).to_contain_text("submitted")

    # The editor approves, which publishes it.
    _review_action(editor, "Approve")
    expect(
        editor.get_by_role("region", name="Awaiting your review")
    ).not_to_contain_text(TITLE)

    # Readers see it on the frontend...
    reader = new_page()
    reader.goto(f"{frontend}/")
    wait_for_frontend(reader)
    reader.get_by_role("link", name=TITLE).click()
    reader.wait_for_url(f"{frontend}/news/{SLUG}/")
    wait_for_frontend(reader)
    article = reader.get_by_role("article").first
    expect(article.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(article).to_contain_text("Cham Wings flew the first service.")
    expect(article.locator(".article__byline")).to_contain_text("By Sofia Nawab")
    expect(article.locator(".article__hero img")).to_have_attribute(
        "alt", "A desert horizon at dusk"
    )
    expect(reader.get_by_role("status")).to_have_count(0)  # no preview banner
    reader.shot("frontend-published-article")

    # ...and in the Delivery API.
    with urllib.request.urlopen(  # noqa: S310 (the test's own live server)
        f"{cms}/api/v1/articles/by-path/?path=/news/{SLUG}/"
    ) as response:
        document = json.load(response)
    assert document["title"] == TITLE
    assert [author["name"] for author in document["authors"]] == ["Sofia Nawab"]
    assert document["source"]["name"] == "www.jpost.com"
    assert [block["type"] for block in document["body"]] == [
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
    ]
    assert writer.js_errors == [] and reader.js_errors == []
