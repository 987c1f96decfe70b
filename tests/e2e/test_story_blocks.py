"""
A writer builds a story with a table, a gallery and a correction in the
Wagtail editor and submits it; an editor approves it from the review inbox;
readers see all three on the example frontend.
"""

import re

from playwright.sync_api import expect

from .helpers import log_in, wait_for_frontend
from .test_newsroom import _insert_block

TITLE = "Turnout Rises in Every Ward"
SLUG = "turnout-rises-in-every-ward"


def _fill_cell(table, page, row, col, text):
    cell = table.locator(".ht_master .htCore tbody tr").nth(row).locator("td").nth(col)
    cell.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(cell).to_have_text(text)


def test_story_with_table_gallery_and_correction_reaches_the_frontend(demo, new_page):
    cms, frontend = demo.cms, demo.frontend

    writer = new_page()
    log_in(writer, cms, "writer")
    writer.locator(".new-article").get_by_role(
        "link", name="New article", exact=True
    ).click()
    writer.wait_for_url(re.compile(r"/admin/pages/add/blog/articlepage/\d+/"))
    writer.locator("#id_title").fill(TITLE)
    body = writer.locator("#panel-child-content-body-section")

    _insert_block(body, writer, "Table")
    table = body.locator("[data-streamfield-child]").last
    table.get_by_label("Table headers").select_option("row")
    table.get_by_label("Table caption").fill("Turnout by ward")
    _fill_cell(table, writer, 0, 0, "Ward")
    _fill_cell(table, writer, 0, 1, "Turnout")
    _fill_cell(table, writer, 1, 0, "North")
    _fill_cell(table, writer, 1, 1, "61%")

    _insert_block(body, writer, "Gallery")
    gallery = body.locator("[data-streamfield-child]").last
    gallery.get_by_role("button", name="Choose an image").first.click()
    writer.locator('.modal a[title="Desert horizon at dusk"]').click()
    expect(gallery).to_contain_text("Desert horizon at dusk")

    writer.get_by_role("button", name="Add correction or update").click()
    writer.locator('select[name="corrections-0-kind"]').select_option("update")
    writer.locator('textarea[name="corrections-0-text"]').fill(
        "Figures for the South ward were added."
    )

    writer.get_by_role("button", name="Save draft").click()
    expect(writer.locator(".messages")).to_contain_text("created")
    writer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    writer.get_by_role("button", name="More actions").click()
    writer.get_by_role("button", name="Submit to Editorial review").click()
    expect(writer.locator(".messages")).to_contain_text("submitted")

    editor = new_page()
    log_in(editor, cms, "editor")
    inbox = editor.get_by_role("region", name="Awaiting your review")
    row = inbox.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("button", name="Actions").click()
    editor.get_by_role("button", name="Approve", exact=True).click()
    expect(inbox).not_to_contain_text(TITLE)

    reader = new_page()
    reader.goto(f"{frontend}/news/{SLUG}/")
    wait_for_frontend(reader)
    article = reader.get_by_role("article").first
    expect(article.get_by_role("heading", level=1)).to_have_text(TITLE)
    table = article.locator(".table-block table")
    expect(table.locator("caption")).to_have_text("Turnout by ward")
    expect(table.locator("thead th").first).to_have_text("Ward")
    north = table.locator("tbody tr").first.locator("td")
    expect(north.nth(0)).to_have_text("North")
    expect(north.nth(1)).to_have_text("61%")
    expect(article.locator(".gallery img")).to_have_count(1)
    corrections = article.get_by_role("region", name="Corrections and updates")
    expect(corrections).to_contain_text("Update")
    expect(corrections).to_contain_text("Figures for the South ward were added.")
    expect(article.locator(".article__updated")).to_be_visible()
    reader.shot("frontend-story-blocks")
