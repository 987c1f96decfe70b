"""
Scenario 1, the newsroom: a writer starts an article from the dashboard (the
byline is already theirs), previews it on the external frontend and submits
it; an editor requests changes from the review inbox, saying what to change;
the writer finds the request, credited to the editor, on the dashboard and
the article (and what to do next in the newsroom's guide, under Help),
fixes and resubmits; the editor reads exactly what changed and
approves, which publishes it with no draft left behind; readers see it on the
frontend and in the API, and integrators read the API docs. axe-core finds no
serious or critical violation on the edit page, the inbox, the diff or the docs.
"""

import json
import re
import urllib.request

from playwright.sync_api import expect

from .helpers import log_in, wait_for_frontend
from .test_accessibility import _blocking_violations, _describe

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
    # The live word count posts the form half a second after the last
    # change: let it answer before the next click, since the live server's
    # threads share one in-memory SQLite connection.
    counted = page.locator("[data-newsroom-word-count]")
    if counted.count():
        expect(counted).to_have_attribute("data-words", re.compile(r"\d"))
        page.wait_for_timeout(700)
        page.wait_for_load_state("networkidle")


def _review_action(editor, action):
    """From the editor's "Awaiting your review" inbox, act on the article."""
    editor.goto(editor.url.split("/admin/")[0] + "/admin/")
    inbox = editor.get_by_role("region", name="Awaiting your review")
    row = inbox.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_be_visible()
    row.get_by_role("button", name="Actions").click()
    editor.get_by_role("button", name=action, exact=True).click()


def _assert_accessible(page, name, found):
    violations = _blocking_violations(page)
    if violations:
        found.append(_describe(name, violations))


def test_article_goes_from_draft_through_review_to_the_frontend(demo, new_page):
    cms, frontend = demo.cms, demo.frontend
    inaccessible = []

    # The writer starts an article from the dashboard; the byline is theirs.
    writer = new_page()
    log_in(writer, cms, "writer")
    writer.locator(".new-article").get_by_role(
        "link", name="New article", exact=True
    ).click()
    writer.wait_for_url(re.compile(r"/admin/pages/add/blog/articlepage/\d+/"))
    authors = writer.locator("#panel-child-content-authors-section")
    expect(authors).to_contain_text("Sofia Nawab")
    _assert_accessible(writer, "new article", inaccessible)
    writer.locator("#id_title").fill(TITLE)
    writer.get_by_role("textbox", name="Standfirst").fill(
        "The first commercial flight in a decade landed on Monday."
    )
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
    _assert_accessible(editor, "review inbox", inaccessible)
    _review_action(editor, "Request changes")
    # Sending it back without saying what to change is refused.
    editor.locator(".modal").get_by_role("button", name="Request changes").click()
    expect(editor.locator(".modal")).to_contain_text("This field is required")
    editor.locator(".modal").get_by_label("What needs to change?").fill(REVIEW_COMMENT)
    editor.locator(".modal").get_by_role("button", name="Request changes").click()
    expect(
        editor.get_by_role("region", name="Awaiting your review")
    ).not_to_contain_text(TITLE)

    # The writer sees the request, from the editor, on the dashboard and on
    # the article; fixes it and resubmits.
    writer.goto(f"{cms}/admin/")
    requests = writer.get_by_role("region", name="Changes requested")
    expect(requests).to_contain_text(REVIEW_COMMENT)
    expect(requests).to_contain_text("Daniel Okafor asked for changes")
    writer.shot("writer-dashboard", full_page=False)
    # Help opens the newsroom's own guide, which says what to do next.
    writer.get_by_role("button", name="Help").click()
    writer.get_by_role("list", name="Help").get_by_role(
        "link", name="Newsroom guide"
    ).click()
    writer.wait_for_url(re.compile(r"/admin/newsroom/guide/$"))
    expect(
        writer.get_by_role("heading", name="When an editor asks for changes")
    ).to_be_visible()
    _assert_accessible(writer, "newsroom guide", inaccessible)
    writer.goto(edit_url)
    notice = writer.locator(".messages")
    expect(notice).to_contain_text("Changes requested by Daniel Okafor")
    expect(notice).to_contain_text(REVIEW_COMMENT)
    writer.shot("editor-changes-requested", full_page=False)
    _assert_accessible(writer, "edit page", inaccessible)
    body = writer.locator("#panel-child-content-body-section")
    _type_paragraph(body, writer, "Cham Wings flew the first service.")
    writer.get_by_role("button", name="More actions").click()
    # One way to resubmit, and a way to take the article back, in review's words.
    expect(writer.get_by_role("button", name="Withdraw from review")).to_be_visible()
    expect(
        writer.get_by_role("button", name=re.compile("workflow", re.I))
    ).to_have_count(0)
    writer.get_by_role("button", name="Resubmit to Editor approval").click()
    expect(writer.locator(".messages")).to_contain_text("submitted")

    # The editor reads what changed since the version sent back...
    editor.goto(f"{cms}/admin/")
    inbox = editor.get_by_role("region", name="Awaiting your review")
    row = inbox.get_by_role("row").filter(has_text=TITLE)
    editor.shot("review-inbox", full_page=False)
    row.get_by_role("link", name="Changes since last review").click()
    editor.wait_for_url(re.compile(r"/revisions/compare/"))
    expect(editor.locator("main")).to_contain_text("Cham Wings flew the first service.")
    expect(editor.locator("main")).not_to_contain_text("There are no differences")
    editor.shot("review-diff", full_page=False)
    _assert_accessible(editor, "review diff", inaccessible)

    # ...and approves, which publishes it: live, and no draft left behind.
    _review_action(editor, "Approve")
    expect(
        editor.get_by_role("region", name="Awaiting your review")
    ).not_to_contain_text(TITLE)
    editor.goto(edit_url)
    editor.get_by_role("button", name="Toggle status").click()
    status = editor.locator("[data-side-panel='status']")
    expect(status).to_contain_text("Live")
    expect(status).not_to_contain_text("Draft")

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

    # Integrators read the API docs.
    reader.goto(f"{cms}/api/v1/docs")
    expect(reader.locator(".swagger-ui .info .title")).to_contain_text(
        "Newsroom Delivery API"
    )
    _assert_accessible(reader, "API docs", inaccessible)

    assert not inaccessible, "axe-core found serious or critical violations:\n" + (
        "\n".join(inaccessible)
    )
    assert writer.js_errors == [] and reader.js_errors == []
